/**
 * The one door to the server's storage (STYLE §3), implemented twice: SQLite (`sqlite.ts`, the
 * embedded default) and PostgreSQL (`postgres.ts`, when DATABASE_URL is set; `open.ts` chooses).
 * Nothing here names either, and every method returns a Promise. Ids of entries are stored
 * lower-case: the entry id is the idempotency key.
 *
 * The ledger write is `commitPush`: the store opens ONE write transaction, loads a snapshot of the
 * entries the batch names (by id and by correctsId) with the nets of their chains, hands it to a
 * synchronous planner, and writes what the planner decided (entries, cell deltas, chain nets) in
 * the same transaction. An implementation must make the snapshot and the write atomic with respect
 * to other pushes (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock) and
 * must hand out `seq` in commit order, or the pull cursor could skip entries (postgres-ledger.ts).
 */
import type { Campaign, Entry, Role, Unit, UnitFile } from "../../src/domain/schemas";
import type { Cell } from "../../src/domain/totals";

/** A user as stored (the password hash never leaves the server). */
export type UserRecord = {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitIds: string[];
  disabled: boolean;
  passwordHash: string;
  createdAt: string;
};

/** Fields an update may change; a changed hash or `disabled: true` also ends the user's sessions (caller's job). */
export type UserPatch = Partial<Pick<UserRecord, "name" | "role" | "unitIds" | "disabled" | "passwordHash">>;

/** A session row: the sha256 of the cookie token, never the token. */
export type SessionRecord = { tokenHash: string; userId: string; createdAt: number; lastSeenAt: number };

/** An entry in the ledger with what the server derived and recorded about it. */
export type StoredEntry = Entry & {
  seq: number;
  phaseId: string;
  rootId: string;
  authorId: string;
  clientId: string;
  receivedAt: string;
};

/** An entry the planner decided to store; the store assigns `seq`. */
export type NewEntry = Omit<StoredEntry, "seq">;

/** What a push planner sees: the stored entries named by the batch, and the nets of their chains. */
export type LedgerSnapshot = {
  /** Lower-case id → stored entry, for every requested id that is stored. */
  entries: ReadonlyMap<string, StoredEntry>;
  /** Root id → net of the chain, for the root of every entry in `entries`. */
  chainNets: ReadonlyMap<string, number>;
};

/** What a push planner decided to write, all in the push's transaction. */
export type LedgerWrite = {
  entries: NewEntry[];
  /** Added to the maintained cells (campaign, part, unit, phase → net). */
  cellDeltas: Cell[];
  /** New absolute net of every chain that received a correction in this push. */
  correctedChainNets: ReadonlyMap<string, number>;
};

/** The planner: pure and synchronous, so it can run inside the store's transaction. */
export type PushPlanner<T> = (snapshot: LedgerSnapshot) => { write: LedgerWrite; result: T };

/** The unit tree as imported, with its file's metadata. */
export type StoredUnits = Pick<UnitFile, "sample" | "description"> & { units: Unit[] };

/** Which parts and phases of a campaign carry entries (to refuse an import that would orphan them). */
export type CampaignUsage = { partIds: Set<string>; phaseIds: Set<string> };

/** Server storage. */
export interface Store {
  /** Apply pending versioned migrations; returns the versions applied now. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;

  /** Bumped by every catalog import, so caches in any process can tell they are stale. */
  catalogVersion(): Promise<number>;
  campaigns(): Promise<Campaign[]>;
  /** Insert or replace a campaign (validated by the caller) and bump the catalog version. */
  saveCampaign(campaign: Campaign): Promise<void>;
  campaignUsage(campaignId: string): Promise<CampaignUsage>;
  units(): Promise<StoredUnits>;
  /** Replace the whole unit tree in one transaction (all or nothing) and bump the catalog version. */
  replaceUnits(file: StoredUnits): Promise<void>;
  /** Unit ids that entries or users refer to (they must survive a unit import). */
  unitIdsInUse(): Promise<Set<string>>;

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
  /** Time of the `n`-th most recent failure after `since` for a username or an address (undefined when fewer). */
  nthLoginFailure(by: "username" | "address", key: string, since: number, n: number): Promise<number | undefined>;
  clearLoginFailures(username: string): Promise<void>;
  pruneLoginFailures(before: number): Promise<void>;

  /** The owner of a client id, claiming it for `userId` when nobody has it yet. */
  claimClient(clientId: string, userId: string, at: string): Promise<string>;

  /** Run one push as a single transaction (see the header comment). */
  commitPush<T>(ids: readonly string[], plan: PushPlanner<T>): Promise<T>;
  /** Entries with seq > `afterSeq` in seq order, only of `unitIds` when given, at most `limit`. */
  entriesAfter(afterSeq: number, unitIds: readonly string[] | null, limit: number): Promise<StoredEntry[]>;
  /** The maintained cells of one campaign. */
  cells(campaignId: string): Promise<Cell[]>;
}
