/**
 * A pull page (DESIGN §2): entries of the user's scope after the cursor, in seq order, at most
 * `pageSize` of them; plus, on every page, all campaigns and the units the user may see (their
 * subtrees and the ancestors above them). Campaigns and units are small (tens of KB) and sent
 * whole on every page, so a device simply replaces its copy and never has to merge catalog
 * changes. Reviews come with the supervisor work; until then the list is empty.
 */
import type { Campaign, PulledEntry, Unit } from "../../src/domain/schemas";
import type { CatalogView } from "../catalog";
import { type Scope, scopeFilter, scopeHash, visibleUnits } from "../scope";
import type { Store, StoredEntry } from "../store/store";
import { type Cursor, encodeCursor } from "./cursor";

/** The answer of GET /api/v1/sync/pull. */
export type PullPage = {
  campaigns: readonly Campaign[];
  units: Unit[];
  entries: PulledEntry[];
  reviews: never[];
  cursor: string;
  hasMore: boolean;
  reset?: true;
};

/** The wire shape of a pulled entry: the Entry plus author and time received. */
function toPulled(e: StoredEntry): PulledEntry {
  const p: PulledEntry = {
    id: e.id,
    campaignId: e.campaignId,
    partId: e.partId,
    unitId: e.unitId,
    date: e.date,
    quantity: e.quantity,
    createdAt: e.createdAt,
    authorId: e.authorId,
    receivedAt: e.receivedAt,
  };
  if (e.note !== undefined) p.note = e.note;
  if (e.correctsId !== undefined) p.correctsId = e.correctsId;
  return p;
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
  const after = since && !reset ? since.seq : 0;
  const rows = await store.entriesAfter(after, scopeFilter(scope), pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1)?.seq ?? after;
  const answer: PullPage = {
    campaigns: catalog.campaigns,
    units: visibleUnits(scope, catalog.units, catalog.tree),
    entries: page.map(toPulled),
    reviews: [],
    cursor: encodeCursor({ seq: last, scope: hash }),
    hasMore: rows.length > pageSize,
  };
  if (reset) answer.reset = true;
  return answer;
}
