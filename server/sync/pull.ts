/**
 * A pull page (DESIGN §2): entries of the user's scope after the cursor, in seq order, at most
 * `pageSize` of them; plus, on every page, all campaigns and the units the user may see (their
 * subtrees and the ancestors above them). Campaigns and units are small (tens of KB) and sent
 * whole on every page, so a device simply replaces its copy and never has to merge catalog
 * changes.
 *
 * Reviews and replies to them (of entries in scope), phase reports and nominations (of units in
 * scope) and the decisions on those nominations are immutable ledgers paged the same way, each by its own cursor
 * position and at most `pageSize` of each per page; `hasMore` stays true while any has more. Allocations of the units in scope are
 * small (a few per unit and part) and, like campaigns, sent whole on every page.
 */
import type { PullAnswer } from "../../src/domain/api";
import type { PulledReply } from "../../src/domain/replies";
import type { PulledNomination, PulledNominationReview } from "../../src/domain/reports";
import type { PulledEntry } from "../../src/domain/schemas";
import type { PulledPhaseReport, PulledReview } from "../../src/domain/supervision";
import { type Scope, scopeOf } from "../../src/domain/units";
import type { CatalogView } from "../catalog";
import { scopeFilter, scopeHash, visibleUnits } from "../scope";
import type {
  Store,
  StoredEntry,
  StoredNomination,
  StoredNominationReview,
  StoredPhaseReport,
  StoredReply,
  StoredReview,
  UserRecord,
} from "../store/store";
import { profileOf } from "../users";
import { type Cursor, encodeCursor } from "./cursor";

/** A page of what changed in a scope; `pullAnswer` adds who is asking. */
export type PullPage = Omit<PullAnswer, "profile" | "unitsSample" | "people">;

/**
 * The whole answer of a pull for `user`: the page of their scope, their current profile (a phone
 * whose user moved district learns it here, without signing out), whether the tree is the sample,
 * and the names of the people whose records the page carries.
 */
export async function pullAnswer(
  store: Store,
  catalog: CatalogView,
  user: UserRecord,
  since: Cursor | undefined,
  pageSize: number,
): Promise<PullAnswer> {
  const page = await pullPage(store, catalog, scopeOf(user, catalog.tree), since, pageSize);
  const authorIds = new Set(
    [page.entries, page.phaseReports, page.nominations].flatMap((records) => records.map((r) => r.authorId)),
  );
  const people =
    authorIds.size === 0
      ? []
      : (await store.accounts.users()).filter((u) => authorIds.has(u.id)).map((u) => ({ id: u.id, name: u.name }));
  return { ...page, profile: profileOf(user), unitsSample: catalog.sample, people };
}

// The wire shape of each pulled record: the record as stored, less what stays on the server (its
// seq, the client id it came from, and what the server derived for its own queries). Stored
// records are built field by field from their rows (rows.ts), so nothing else rides along.

const toPulledEntry = ({ seq: _s, clientId: _c, phaseId: _p, rootId: _r, ...pulled }: StoredEntry): PulledEntry =>
  pulled;
const toPulledReview = ({ seq: _s, clientId: _c, unitId: _u, ...pulled }: StoredReview): PulledReview => pulled;
const toPulledReport = ({ seq: _s, clientId: _c, ...pulled }: StoredPhaseReport): PulledPhaseReport => pulled;
const toPulledNomination = ({ seq: _s, clientId: _c, ...pulled }: StoredNomination): PulledNomination => pulled;
const toPulledNominationReview = ({
  seq: _s,
  clientId: _c,
  unitId: _u,
  campaignId: _campaign,
  ...pulled
}: StoredNominationReview): PulledNominationReview => pulled;

/** The wire shape of a pulled reply: the Reply plus author, author's name and time received. */
function toPulledReply(r: StoredReply): PulledReply {
  const { seq: _seq, clientId: _client, unitId: _unit, ...pulled } = r;
  return pulled;
}

/** At most `size` rows of a fetch of size + 1, the position after them, and whether more remain. */
function pageOf<T extends { seq: number }>(rows: T[], size: number, after: number) {
  const page = rows.slice(0, size);
  return { page, last: page.at(-1)?.seq ?? after, more: rows.length > size };
}

/** Build one page for a scope, from a decoded cursor (or none for the beginning). */
export async function pullPage(
  store: Store,
  catalog: CatalogView,
  scope: Scope,
  since: Cursor | undefined,
  pageSize: number,
): Promise<PullPage> {
  const hash = scopeHash(scope);
  const reset = since !== undefined && since.scope !== hash;
  const from =
    since && !reset ? since : { seq: 0, reviews: 0, reports: 0, nominations: 0, nominationReviews: 0, replies: 0 };
  const filter = scopeFilter(scope);
  const [entryRows, reviewRows, reportRows, nominationRows, decisionRows, replyRows, allocations] = await Promise.all([
    store.ledger.entriesAfter(from.seq, filter, pageSize + 1),
    store.supervision.recordsAfter("reviews", from.reviews, filter, pageSize + 1),
    store.supervision.recordsAfter("phaseReports", from.reports, filter, pageSize + 1),
    store.supervision.recordsAfter("nominations", from.nominations, filter, pageSize + 1),
    store.supervision.recordsAfter("nominationReviews", from.nominationReviews, filter, pageSize + 1),
    store.supervision.recordsAfter("replies", from.replies, filter, pageSize + 1),
    store.supervision.allocations(null, filter),
  ]);
  const entries = pageOf(entryRows, pageSize, from.seq);
  const reviews = pageOf(reviewRows, pageSize, from.reviews);
  const reports = pageOf(reportRows, pageSize, from.reports);
  const nominations = pageOf(nominationRows, pageSize, from.nominations);
  const decisions = pageOf(decisionRows, pageSize, from.nominationReviews);
  const replies = pageOf(replyRows, pageSize, from.replies);
  const answer: PullPage = {
    campaigns: catalog.campaigns,
    units: visibleUnits(scope, catalog.units, catalog.tree),
    entries: entries.page.map(toPulledEntry),
    reviews: reviews.page.map(toPulledReview),
    phaseReports: reports.page.map(toPulledReport),
    nominations: nominations.page.map(toPulledNomination),
    nominationReviews: decisions.page.map(toPulledNominationReview),
    replies: replies.page.map(toPulledReply),
    allocations,
    cursor: encodeCursor({
      seq: entries.last,
      reviews: reviews.last,
      reports: reports.last,
      nominations: nominations.last,
      nominationReviews: decisions.last,
      replies: replies.last,
      scope: hash,
    }),
    hasMore: entries.more || reviews.more || reports.more || nominations.more || decisions.more || replies.more,
  };
  if (reset) answer.reset = true;
  return answer;
}
