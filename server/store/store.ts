/**
 * The one door to the server's storage (STYLE §3), implemented twice: SQLite (`sqlite.ts`, the
 * embedded default) and PostgreSQL (`postgres.ts`, when DATABASE_URL is set; `open.ts` chooses).
 * Nothing here names either, and every method returns a Promise. A store is four parts over one
 * database: `catalog`, `accounts`, `ledger` (entries and cells) and `supervision` (the record
 * ledgers of `StoredRecords`, and allocations); callers name the part (`store.ledger.commitPush`). Ids of entries are stored
 * lower-case: the entry id is the idempotency key.
 *
 * The ledger write is `commitPush`: the store opens ONE write transaction, loads a snapshot of the
 * entries the batch names (by id and by correctsId) with the nets of their chains, hands it to a
 * synchronous planner, and writes what the planner decided (entries, cell deltas, chain nets) in
 * the same transaction. An implementation must make the snapshot and the write atomic with respect
 * to other pushes (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock) and
 * must hand out `seq` in commit order, or the pull cursor could skip entries (postgres-ledger.ts).
 *
 * Reviews, phase reports, nominations and nomination decisions are ledgers of their own
 * (immutable, client UUID, own `seq` followed by its own cursor position): their `commit…`
 * methods work like `commitPush`
 * (one write transaction under the same lock as pushes, a snapshot of the ids named, a
 * synchronous planner, seq in commit order). Allocations are plain rows, set all or nothing.
 */
import type { AdminUser } from "../../src/domain/api";
import type { Reply } from "../../src/domain/replies";
import type { Nomination, NominationReview } from "../../src/domain/reports";
import type { Campaign, Entry, Unit, UnitFile } from "../../src/domain/schemas";
import type { Allocation, PhaseReport, Review } from "../../src/domain/supervision";
import type { Cell } from "../../src/domain/totals";

/** A user as stored: the admin API's view plus what never leaves the server (the password hash). */
export type UserRecord = AdminUser & { passwordHash: string; createdAt: string };

/** Fields an update may change; a changed hash or `disabled: true` also ends the user's sessions (caller's job). */
export type UserPatch = Partial<Pick<UserRecord, "name" | "role" | "unitIds" | "disabled" | "passwordHash">>;

/** Which login failures to count: a username's, an address's, or a username's from one address. */
export type LoginFailureKey = { username: string; address?: string } | { username?: undefined; address: string };

/** What `releaseClient` did. */
export type ClientRelease = "released" | "reassigned" | "in-use" | "unknown";

/** A session row: the sha256 of the cookie token, never the token. */
export type SessionRecord = { tokenHash: string; userId: string; createdAt: number; lastSeenAt: number };

/** What the server records with every entry and record it stores: its seq, and where and when it came from. */
export type Receipt = { seq: number; clientId: string; receivedAt: string };

/** A record the planner decided to store; the store assigns `seq`. */
export type Unsaved<S extends Receipt> = Omit<S, "seq">;

/** An entry in the ledger with what the server derived and recorded about it. */
export type StoredEntry = Entry & Receipt & { phaseId: string; rootId: string; authorId: string };

/** An entry the planner decided to store. */
export type NewEntry = Unsaved<StoredEntry>;

/** What a push planner sees: the stored entries named by the batch, and the nets of their chains. */
export type LedgerSnapshot = {
  /** Lower-case id → stored entry (its seq aside), for every requested id that is stored. */
  entries: ReadonlyMap<string, Omit<StoredEntry, "seq">>;
  /** Root id → net of the chain, for the root of every entry in `entries`. */
  chainNets: ReadonlyMap<string, number>;
};

/** What a push planner decided to write, all in the push's transaction. */
export type LedgerWrite = {
  entries: NewEntry[];
  /** Added to the maintained cells: `cellKey(campaign, part, unit, phase)` → delta. */
  cellDeltas: ReadonlyMap<string, Cell>;
  /** New absolute net of every chain that received a correction in this push. */
  correctedChainNets: ReadonlyMap<string, number>;
};

/** The planner: pure and synchronous, so it can run inside the store's transaction. */
export type PushPlanner<T> = (snapshot: LedgerSnapshot) => { write: LedgerWrite; result: T };

/** Who decided on a record (a review, a decision on a nomination), as stored with the decision. */
type Decider = { reviewerId: string; reviewerName: string };

/** A review as stored: ids lower-case, plus the entry's unit (for scope filters) and who sent it. */
export type StoredReview = Review & Receipt & Decider & { unitId: string };

/** A review the planner decided to store. */
export type NewReview = Unsaved<StoredReview>;

/** What a review planner sees: stored reviews by id, and the unit of every stored entry named. */
export type ReviewSnapshot = {
  reviews: ReadonlyMap<string, StoredReview>;
  /** Lower-case entry id → its unit, for every requested entry that is stored. */
  entryUnits: ReadonlyMap<string, string>;
  /** Lower-case entry id → its campaign, for the same entries (a closed campaign takes no reviews). */
  entryCampaigns: ReadonlyMap<string, string>;
};

/**
 * Decides, inside the store's transaction, the results of a record batch and the records of kind
 * `S` to write, from a snapshot of what is stored (at least the stored records with the batch's ids).
 */
export type RecordPlanner<Snapshot, S extends Receipt, T> = (snapshot: Snapshot) => { write: Unsaved<S>[]; result: T };

/** Plans a review batch. */
export type ReviewPlanner<T> = RecordPlanner<ReviewSnapshot, StoredReview, T>;

/** A phase report as stored: id lower-case, plus its author and where it came from. */
export type StoredPhaseReport = PhaseReport & Receipt & { authorId: string };

/** A phase report the planner decided to store. */
export type NewPhaseReport = Unsaved<StoredPhaseReport>;

/** Plans a phase-report batch from the stored reports with the batch's ids. */
export type PhaseReportPlanner<T> = RecordPlanner<ReadonlyMap<string, StoredPhaseReport>, StoredPhaseReport, T>;

/** A nomination as stored: id lower-case, plus its author and where it came from. */
export type StoredNomination = Nomination & Receipt & { authorId: string };

/** A nomination the planner decided to store. */
export type NewNomination = Unsaved<StoredNomination>;

/** Plans a nomination batch from the stored nominations with the batch's ids. */
export type NominationPlanner<T> = RecordPlanner<ReadonlyMap<string, StoredNomination>, StoredNomination, T>;

/** A decision on a nomination as stored, plus the nomination's unit and campaign and who decided. */
export type StoredNominationReview = NominationReview & Receipt & Decider & { unitId: string; campaignId: string };

/** A decision the planner decided to store. */
export type NewNominationReview = Unsaved<StoredNominationReview>;

/** What a decision planner sees: stored decisions by id, and the stored nominations named. */
export type NominationReviewSnapshot = {
  reviews: ReadonlyMap<string, StoredNominationReview>;
  nominations: ReadonlyMap<string, StoredNomination>;
};

/** Plans a batch of decisions on nominations. */
export type NominationReviewPlanner<T> = RecordPlanner<NominationReviewSnapshot, StoredNominationReview, T>;

/** A reply to a review as stored: ids lower-case, plus the entry's unit (scope filters) and who wrote it. */
export type StoredReply = Reply & Receipt & { unitId: string; authorId: string; authorName: string };

/** A reply the planner decided to store. */
export type NewReply = Unsaved<StoredReply>;

/** What a reply planner sees: stored replies by id, and each stored entry named (unit, campaign, author). */
export type ReplySnapshot = {
  replies: ReadonlyMap<string, StoredReply>;
  /** Lower-case entry id → where it is and who wrote it, for every requested entry that is stored. */
  entries: ReadonlyMap<string, { unitId: string; campaignId: string; authorId: string }>;
};

/** Plans a batch of replies to reviews. */
export type ReplyPlanner<T> = RecordPlanner<ReplySnapshot, StoredReply, T>;

/** An allocation with a goal (stored rows never hold null: null deletes). */
export type StoredAllocation = Allocation & { goal: number };

/** The unit tree as imported, with its file's metadata. */
export type StoredUnits = Pick<UnitFile, "sample" | "description"> & { units: Unit[] };

/** Which parts and phases of a campaign carry entries (to refuse an import that would orphan them). */
export type CampaignUsage = {
  partIds: Set<string>;
  phaseIds: Set<string>;
  /** Part id → the units that hold entries for it. */
  unitsByPart: Map<string, Set<string>>;
};

/** What the cells of a campaign say is in use, from its (part, unit, phase) rows. */
export function usageOf(rows: readonly { part_id: string; unit_id: string; phase_id: string }[]): CampaignUsage {
  const unitsByPart = new Map<string, Set<string>>();
  for (const r of rows) unitsByPart.set(r.part_id, (unitsByPart.get(r.part_id) ?? new Set()).add(r.unit_id));
  return { partIds: new Set(unitsByPart.keys()), phaseIds: new Set(rows.map((r) => r.phase_id)), unitsByPart };
}

/**
 * The record kinds kept as immutable ledgers beside the entries, each pulled by its own cursor
 * position, and what a stored one holds. A new kind is a row here, a `RecordTable` in rows.ts and
 * a `commit…` method on `SupervisionStore`.
 */
export type StoredRecords = {
  reviews: StoredReview;
  phaseReports: StoredPhaseReport;
  nominations: StoredNomination;
  nominationReviews: StoredNominationReview;
  replies: StoredReply;
};

/** One of the record ledgers. */
export type RecordKind = keyof StoredRecords;

/** Campaigns and the unit tree; every write bumps the catalog version. */
export interface CatalogStore {
  /** Bumped by every catalog import, so caches in any process can tell they are stale. */
  catalogVersion(): Promise<number>;
  campaigns(): Promise<Campaign[]>;
  /** Insert or replace a campaign (validated by the caller) and bump the catalog version. */
  saveCampaign(campaign: Campaign): Promise<void>;
  campaignUsage(campaignId: string): Promise<CampaignUsage>;
  units(): Promise<StoredUnits>;
  /** Replace the whole unit tree in one transaction (all or nothing) and bump the catalog version. */
  replaceUnits(file: StoredUnits): Promise<void>;
  /** Unit ids that entries, users, phase reports or allocations refer to (they must survive a unit import). */
  unitIdsInUse(): Promise<Set<string>>;
}

/** Users and their units, sessions, login failures and the client ids devices push with. */
export interface AccountStore {
  users(): Promise<UserRecord[]>;
  userById(id: string): Promise<UserRecord | undefined>;
  userByUsername(username: string): Promise<UserRecord | undefined>;
  /** Create a user; false when the username is taken. */
  createUser(user: UserRecord): Promise<boolean>;
  updateUser(id: string, patch: UserPatch): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  deleteIdleSessions(lastSeenBefore: number): Promise<void>;

  recordLoginFailure(username: string, address: string, at: number): Promise<void>;
  /**
   * Time of the `n`-th most recent failure after `since` for a username, an address, or a username
   * from one address (both given); undefined when fewer.
   */
  nthLoginFailure(where: LoginFailureKey, since: number, n: number): Promise<number | undefined>;
  /** Forget a username's failures: from one address when given, else all (`unlock-user`). */
  clearLoginFailures(username: string, address?: string): Promise<void>;
  pruneLoginFailures(before: number): Promise<void>;

  /** The owner of a client id, claiming it for `userId` when nobody has it yet. */
  claimClient(clientId: string, userId: string, at: string): Promise<string>;
  /**
   * Free a client id taken by the wrong user (`npm run admin -- release-client`): hand it to
   * `toUserId`, or, without one, forget it when no record carries it ("in-use" otherwise).
   */
  releaseClient(clientId: string, toUserId?: string): Promise<ClientRelease>;
}

/** The entries, their chains' nets and the maintained cells. */
export interface LedgerStore {
  /**
   * Run one push as a single transaction (see the header comment). `mustLoad`, when given, is the
   * part of `ids` the plan cannot do without (the entries corrected); the rest are the pushed
   * entries' own ids, nearly always new. A store may plan with only `mustLoad` loaded, trusting
   * the rest are new, if its write then refuses any that is not (SQLite's primary key does) and it
   * starts over with all of `ids` loaded.
   */
  commitPush<T>(ids: readonly string[], plan: PushPlanner<T>, mustLoad?: readonly string[]): Promise<T>;
  /** Entries with seq > `afterSeq` in seq order, only of `unitIds` when given, at most `limit`. */
  entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredEntry[]>;
  /** The maintained cells of one campaign. */
  cells(campaignId: string): Promise<Cell[]>;
}

/** The record ledgers (`StoredRecords`) and the allocations. */
export interface SupervisionStore {
  /** Records of `kind` with seq > `afterSeq` in seq order, only of `unitIds` when given, at most `limit`. */
  recordsAfter<K extends RecordKind>(
    kind: K,
    afterSeq: number,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<StoredRecords[K][]>;
  /** Run one review batch as a single transaction: snapshot of `ids` and `entryIds`, plan, write. */
  commitReviews<T>(ids: readonly string[], entryIds: readonly string[], plan: ReviewPlanner<T>): Promise<T>;
  /** Run one phase-report batch as a single transaction: snapshot of `ids`, plan, write. */
  commitPhaseReports<T>(ids: readonly string[], plan: PhaseReportPlanner<T>): Promise<T>;
  /** Run one nomination batch as a single transaction: snapshot of `ids`, plan, write. */
  commitNominations<T>(ids: readonly string[], plan: NominationPlanner<T>): Promise<T>;
  /** Run one batch of nomination decisions as a single transaction: snapshot of `ids` and `nominationIds`, plan, write. */
  commitNominationReviews<T>(
    ids: readonly string[],
    nominationIds: readonly string[],
    plan: NominationReviewPlanner<T>,
  ): Promise<T>;
  /** Run one batch of replies to reviews as a single transaction: snapshot of `ids` and `entryIds`, plan, write. */
  commitReplies<T>(ids: readonly string[], entryIds: readonly string[], plan: ReplyPlanner<T>): Promise<T>;
  /**
   * Set (goal) or remove (goal null) allocations in order, in one transaction, recording who and
   * when; returns every stored allocation of the units touched, after the change.
   */
  applyAllocations(items: readonly Allocation[], setBy: string, at: string): Promise<StoredAllocation[]>;
  /** Stored allocations, of one campaign and/or only of `unitIds` when given. */
  allocations(campaignId: string | null, unitIds: readonly string[] | null): Promise<StoredAllocation[]>;
}

/** Server storage: four parts over one database, and the database's own life. */
export interface Store {
  readonly catalog: CatalogStore;
  readonly accounts: AccountStore;
  readonly ledger: LedgerStore;
  readonly supervision: SupervisionStore;
  /** Apply pending versioned migrations; returns the versions applied now. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;
}
