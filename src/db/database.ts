/**
 * The phone's database: the only module (with its siblings in src/db) that imports Dexie.
 *
 * Every schema version is declared here, oldest first, and is never edited once shipped: a
 * phone may hold weeks of unsynced entries under any of them, and an upgrade must carry every
 * entry across. Version 2 added the maintained totals (cells) and chain nets, computed from the
 * entries already on the phone during the upgrade.
 */
import Dexie, { type EntityTable, type Table } from "dexie";
import type { Reply } from "../domain/replies";
import type { Nomination, NominationReview } from "../domain/reports";
import type { Campaign, Entry, RejectReason, Unit } from "../domain/schemas";
import type { Allocation, PhaseReport, Review } from "../domain/supervision";
import { type Cell, type CellPlace, cellKey } from "../domain/totals";
import { toWireEntry } from "../domain/wire";
import { DB_NAME, installedVersion } from "./names";

/** Where an entry stands on its way to the server. */
export type SyncState = "pending" | "synced" | "rejected";

/**
 * An entry as the app sees it: the wire Entry plus what the phone derives and tracks. Its
 * `syncState` is derived when read (see `LedgerRow`): pending while it waits in the outbox.
 */
export type LocalEntry = Entry & {
  phaseId: string;
  /** The first entry of the correction chain this entry belongs to. */
  rootId: string;
  /** The user who made it on this device, or the server's author for pulled entries. */
  ownerId: string;
  syncState: SyncState;
  rejectReason?: RejectReason;
  rejectPath?: string;
  receivedAt?: string;
  /** Order of saving on this phone (entries made or imported here; absent on pulled ones). */
  seq?: number;
};

/**
 * An entry as stored in the `entries` table (version 5 on). Entries are never rewritten when the
 * server acknowledges them; whether one is unsent is whether the outbox holds it. The stored
 * `syncState` only ever says what is final: "rejected" (written when the server refuses it) or
 * "synced" (pulled entries, and rows acknowledged before version 5); absent otherwise.
 */
export type LedgerRow = Omit<LocalEntry, "syncState"> & { syncState?: SyncState };

/**
 * An entry waiting to be pushed (version 5 on): a copy of the wire entry with its owner, its
 * place in the save order and its phase (for the unsent part of the totals). Deleted once the
 * server has answered for it; the ledger row stays as it was.
 */
export type OutboxRow = Entry & { ownerId: string; seq: number; phaseId: string };

/** The most entries one outbox page holds (version 9 on). */
export const OUTBOX_PAGE = 100;

/** One stored page of an owner's outbox (version 9 on; read and written in outbox-pages.ts). */
export type OutboxPage = {
  ownerId: string;
  /** The save number the page was started with: its key, never changed. */
  first: number;
  /** Its entries, in save order. */
  rows: OutboxRow[];
};

/**
 * Which entries a page holds, kept small beside it under the same key (version 9 on):
 * `[ownerId, id]` of each (a multi-entry index). Written with its page, from the page's rows.
 */
export type OutboxHead = { ownerId: string; first: number; entryKeys: [string, string][] };

/**
 * The sums of a page's quantities by `cellKey` (version 9 on), under the same key: the unsent
 * part of the totals is these added up. Written with its page, from the page's rows.
 */
export type OutboxSums = { ownerId: string; first: number; byCell: Record<string, number> };

/** The head and the sums of a page, from its rows. */
export function headOf(page: OutboxPage): { head: OutboxHead; sums: OutboxSums } {
  const byCell: Record<string, number> = {};
  for (const r of page.rows) {
    const key = cellKey(r.campaignId, r.partId, r.unitId, r.phaseId);
    byCell[key] = (byCell[key] ?? 0) + r.quantity;
  }
  const { ownerId, first } = page;
  const entryKeys = page.rows.map((r): [string, string] => [ownerId, r.id]);
  return { head: { ownerId, first, entryKeys }, sums: { ownerId, first, byCell } };
}

/** Pack outbox rows (any owners, any order) into full pages, each owner's in save order. */
export function packPages(rows: readonly OutboxRow[]): OutboxPage[] {
  const sorted = [...rows].sort((a, b) => (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : a.seq - b.seq));
  const pages: OutboxPage[] = [];
  let page: OutboxPage | undefined;
  for (const row of sorted) {
    if (!page || page.ownerId !== row.ownerId || page.rows.length >= OUTBOX_PAGE) {
      page = { ownerId: row.ownerId, first: row.seq, rows: [] };
      pages.push(page);
    }
    page.rows.push(row);
  }
  return pages;
}

/**
 * A maintained total (version 5 on): `net` over every entry on the phone that is not rejected,
 * sent or not. The unsent part is kept apart, per campaign, in `unsent` (version 6 on).
 */
export type LocalCell = Cell;

/**
 * The unsent part of a campaign's cells (version 6 on): for each cell with entries waiting in the
 * outbox (keyed by `cellKey`), the sum of their quantities; a cell whose sum comes back to zero
 * is dropped. One row per campaign, so acknowledging a batch rewrites one small row, not a
 * cell per entry.
 */
export type UnsentRow = { campaignId: string; byCell: Record<string, number> };

/** A cell as versions 2–4 stored it: `net` from entries the server holds, `pending` from unsent ones. */
type CellV4 = Cell & { pending: number };

/** The compound primary key of a cell. */
export type CellKey = [campaignId: string, partId: string, unitId: string, phaseId: string];

/**
 * Net of a correction chain, counting every entry on the phone that is not rejected. Kept, as
 * the server keeps it, for chains that have a correction: a chain without one may have no row,
 * and its net is then its original's quantity while the original counts (`readChainNets`).
 * Rows written for every chain before stay, and are kept up to date like any other.
 */
export type ChainNet = { rootId: string; net: number };

export { DB_NAME } from "./names";

/** Version 1: the ledger, campaigns and units. */
export const SCHEMA_V1 = {
  entries: "id, [campaignId+partId], unitId, syncState, date, createdAt, correctsId, [ownerId+syncState+createdAt]",
  campaigns: "id",
  units: "id, parentId",
} as const;

/** Version 2: maintained totals (cells) and the net of every correction chain. */
export const SCHEMA_V2 = {
  cells: "[campaignId+partId+unitId+phaseId], campaignId",
  chainNets: "rootId",
} as const;

/**
 * Version 3: supervisor work (reviews, phase reports, allocations; the first two wait in an
 * outbox like entries), and ledger indexes so a filter by unit or part reads only its entries.
 */
export const SCHEMA_V3 = {
  entries:
    "id, [campaignId+partId], unitId, syncState, date, createdAt, correctsId, [ownerId+syncState+createdAt], [unitId+createdAt], [partId+createdAt]",
  reviews: "id, entryId, syncState, [ownerId+syncState+createdAt], createdAt",
  phaseReports: "id, [campaignId+phaseId], unitId, syncState, [ownerId+syncState+createdAt]",
  allocations: "[campaignId+partId+unitId], campaignId",
} as const;

/**
 * Version 4: the outbox follows the order entries were saved on this phone (`seq`, from a
 * counter in `meta`), not their clock time: a correction saved in the same millisecond as its
 * original, or after the phone's clock went back, must still reach the server after it. Two
 * ledger indexes no screen reads (unit alone, date) are dropped, so acknowledging a pushed
 * entry rewrites fewer index rows.
 */
export const SCHEMA_V4 = {
  entries:
    "id, [campaignId+partId], syncState, createdAt, correctsId, [ownerId+syncState+seq], [unitId+createdAt], [partId+createdAt]",
  meta: "key",
} as const;

/**
 * Version 5: the outbox is a table of its own. Acknowledging a pushed batch deletes its outbox
 * rows (one key range) instead of rewriting every entry with all its indexes and moving its
 * cell from unsent to sent: 10,000 acknowledgements went from ~1.5 s to tens of ms. The ledger
 * index on [ownerId+syncState+seq] goes (nothing reads pending entries from the ledger any
 * more); an index on ownerId serves "export all my entries".
 */
export const SCHEMA_V5 = {
  entries: "id, [campaignId+partId], syncState, createdAt, correctsId, ownerId, [unitId+createdAt], [partId+createdAt]",
  outbox: "[ownerId+seq], &id",
} as const;

/**
 * Version 6: the unsent part of the totals, kept in the same transactions as the outbox. Before,
 * the overview and the dashboard read the whole outbox on every refresh to split sent from
 * unsent: 87 ms with 10,000 entries unsent on a desktop, after every save, growing with what
 * waits. Now a refresh reads the campaign's cells and one row. (Keeping `unsent` on each cell
 * instead made acknowledging 10,000 entries 0.6 s slower: a cell rewritten per entry.)
 */
export const SCHEMA_V6 = { unsent: "campaignId" } as const;

/**
 * Version 7: nominations for commendation and the level above's decisions on them, made offline
 * and outboxed like phase reports, and pulled for the units in scope.
 */
export const SCHEMA_V7 = {
  nominations: "id, campaignId, unitId, syncState, [ownerId+syncState+createdAt]",
  nominationReviews: "id, nominationId, syncState, [ownerId+syncState+createdAt]",
} as const;

/**
 * Version 8: replies to reviews (the review conversation), made offline and outboxed like
 * reviews, and pulled for the entries in scope.
 */
export const SCHEMA_V8 = {
  replies: "id, entryId, syncState, [ownerId+syncState+createdAt]",
} as const;

/**
 * Version 9: the outbox in pages (outbox-pages.ts): each owner's waiting entries, in save order,
 * 100 to a record, each page with two small records under its key: a head (its entries' keys, a
 * multi-entry index) and its sums by cell (which replace the per-campaign `unsent` rows). Reading and deleting a record per
 * entry, and rewriting a campaign's sums per acknowledged batch, were most of a push's own time
 * on the phone, and the outbox rows most of a handover import's writes.
 */
export const SCHEMA_V9 = {
  outboxPages: "[ownerId+first]",
  outboxHeads: "[ownerId+first], *entryKeys",
  outboxSums: "[ownerId+first]",
  outbox: null,
  unsent: null,
} as const;

/** Every shipped version's stores, oldest first: `SHIPPED_SCHEMAS[i]` is version i + 1's. */
export const SHIPPED_SCHEMAS: readonly Record<string, string | null>[] = [
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
  SCHEMA_V8,
  SCHEMA_V9,
];

/** The version the app's database is at once opened (Dexie's; IndexedDB's is ten times it). */
export const CURRENT_VERSION = SHIPPED_SCHEMAS.length;

/**
 * The stores of a database at the current version: every version's stores, merged as Dexie
 * merges them (a later version's line replaces an earlier one; `null` removes a table).
 */
export const CURRENT_SCHEMA: Record<string, string> = Object.fromEntries(
  Object.entries(Object.assign({}, ...SHIPPED_SCHEMAS)).filter(
    (kv): kv is [string, string] => typeof kv[1] === "string",
  ),
);

/** Small counters kept beside the ledger. */
export type Meta = { key: string; value: number };

/** Where a review or phase report stands: like an entry, kept until the server has answered. */
export type LocalReview = PulledReviewLike & { ownerId: string; syncState: SyncState; rejectReason?: string };
export type LocalPhaseReport = PhaseReport & {
  ownerId: string;
  syncState: SyncState;
  rejectReason?: string;
  receivedAt?: string;
};
type PulledReviewLike = Review & { reviewerName?: string; receivedAt?: string };
/** Where a nomination stands on the phone: like a phase report. */
export type LocalNomination = Nomination & {
  ownerId: string;
  syncState: SyncState;
  rejectReason?: string;
  receivedAt?: string;
};
/** Where a decision on a nomination stands on the phone: like a review. */
export type LocalNominationReview = NominationReview & {
  ownerId: string;
  syncState: SyncState;
  rejectReason?: string;
  reviewerName?: string;
  receivedAt?: string;
};

/** Where a reply to a review stands on the phone: like a review. */
export type LocalReply = Reply & {
  ownerId: string;
  syncState: SyncState;
  rejectReason?: string;
  authorName?: string;
  receivedAt?: string;
};

/** The Dexie database with every version this app has shipped. */
export class LedgerDb extends Dexie {
  entries!: EntityTable<LedgerRow, "id">;
  outboxPages!: Table<OutboxPage, [string, number]>;
  outboxHeads!: Table<OutboxHead, [string, number]>;
  outboxSums!: Table<OutboxSums, [string, number]>;
  campaigns!: EntityTable<Campaign, "id">;
  units!: EntityTable<Unit, "id">;
  cells!: Table<LocalCell, CellKey>;
  chainNets!: EntityTable<ChainNet, "rootId">;
  reviews!: EntityTable<LocalReview, "id">;
  phaseReports!: EntityTable<LocalPhaseReport, "id">;
  nominations!: EntityTable<LocalNomination, "id">;
  nominationReviews!: EntityTable<LocalNominationReview, "id">;
  replies!: EntityTable<LocalReply, "id">;
  allocations!: Table<Allocation, [string, string, string]>;
  meta!: EntityTable<Meta, "key">;

  /**
   * `versions`: "all" declares every shipped version with its upgrade (a database of any age
   * opens); "current" declares the current schema alone, for a database known to be at the
   * current version or absent (`chooseLedgerOpen`). Dexie parses every declared version again
   * for each version declared, so the history cost ~60 ms of a cheap phone's start (a trace at
   * 4× CPU) for nothing when no upgrade is due. Should a database older than the current
   * version meet the "current" declaration after all, its upgrade refuses to run: the open fails
   * and the database is left exactly as it was, for a start with every version to upgrade.
   */
  constructor(name = DB_NAME, versions: "all" | "current" = "all") {
    // Strict durability: the write is on disk before the promise resolves, so "saved" is true
    // even if the battery dies the next moment.
    super(name, { chromeTransactionDurability: "strict" });
    if (versions === "current") {
      this.version(CURRENT_VERSION)
        .stores(CURRENT_SCHEMA)
        .upgrade(() => {
          throw new Error("ledger: an older database needs every version's upgrade; open it with all versions");
        });
      return;
    }
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        const entries = (await tx.table("entries").toArray()) as LocalEntry[];
        const cells = new Map<string, CellV4>();
        const nets = new Map<string, number>();
        for (const e of entries) {
          if (e.syncState === "rejected") continue;
          const key = [e.campaignId, e.partId, e.unitId, e.phaseId].join("\u0000");
          const cell = cells.get(key) ?? {
            campaignId: e.campaignId,
            partId: e.partId,
            unitId: e.unitId,
            phaseId: e.phaseId,
            net: 0,
            pending: 0,
          };
          if (e.syncState === "synced") cell.net += e.quantity;
          else cell.pending += e.quantity;
          cells.set(key, cell);
          nets.set(e.rootId, (nets.get(e.rootId) ?? 0) + e.quantity);
        }
        await tx.table("cells").bulkPut([...cells.values()]);
        await tx.table("chainNets").bulkPut([...nets].map(([rootId, net]) => ({ rootId, net })));
      });
    // New tables and indexes only: Dexie builds the indexes over the entries already stored.
    this.version(3).stores(SCHEMA_V3);
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        const entries = (await tx.table("entries").toArray()) as LocalEntry[];
        const ordered = causalOrder(entries.filter((e) => e.syncState !== "synced" || e.receivedAt === undefined));
        ordered.forEach((e, i) => {
          e.seq = i + 1;
        });
        await tx.table("entries").bulkPut(ordered);
        await tx.table("meta").put({ key: ENTRY_SEQ, value: ordered.length });
      });
    this.version(5)
      .stores(SCHEMA_V5)
      .upgrade(async (tx) => {
        // Every pending entry moves into the outbox, keeping its place in the save order; only
        // those rows are rewritten (synced and rejected ones already say the truth).
        const pending = (await tx.table("entries").where("syncState").equals("pending").toArray()) as LedgerRow[];
        await tx.table("outbox").bulkAdd(pending.map(outboxRowOf));
        await tx.table("entries").bulkPut(pending.map(({ syncState: _, ...row }) => row));
        // Cells count sent and unsent together from now on.
        const cells = (await tx.table("cells").toArray()) as CellV4[];
        await tx.table("cells").bulkPut(cells.map(({ pending: p, ...c }) => ({ ...c, net: c.net + (p ?? 0) })));
      });
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade(async (tx) => {
        // Summed once from the outbox, which holds only unsent entries.
        const rows = new Map<string, UnsentRow>();
        for (const e of (await tx.table("outbox").toArray()) as OutboxRow[]) {
          const row = rows.get(e.campaignId) ?? { campaignId: e.campaignId, byCell: {} };
          const key = cellKey(e.campaignId, e.partId, e.unitId, e.phaseId);
          row.byCell[key] = (row.byCell[key] ?? 0) + e.quantity;
          rows.set(e.campaignId, row);
        }
        for (const row of rows.values()) {
          for (const [key, sum] of Object.entries(row.byCell)) if (sum === 0) delete row.byCell[key];
        }
        await tx.table("unsent").bulkPut([...rows.values()]);
      });
    // New tables only.
    this.version(7).stores(SCHEMA_V7);
    this.version(8).stores(SCHEMA_V8);
    this.version(9)
      .stores(SCHEMA_V9)
      .upgrade(async (tx) => {
        // Every waiting entry moves into its owner's pages, in save order, in this one upgrade
        // transaction (the old tables go only once this has written); the pages' sums are the
        // unsent rows' sums, counted again from the entries themselves.
        const pages = packPages((await tx.table("outbox").toArray()) as OutboxRow[]);
        await tx.table("outboxPages").bulkAdd(pages);
        const derived = pages.map(headOf);
        await tx.table("outboxHeads").bulkAdd(derived.map((x) => x.head));
        await tx.table("outboxSums").bulkAdd(derived.map((x) => x.sums));
      });
  }
}

/** The key fields of the cell an entry counts in. */
export function pickCell(e: CellPlace): CellPlace {
  return { campaignId: e.campaignId, partId: e.partId, unitId: e.unitId, phaseId: e.phaseId };
}

/** The outbox copy of a pending ledger row: the entry as it will be pushed, with what the outbox orders and sums by. */
export function outboxRowOf(e: Omit<LedgerRow, "seq"> & { seq?: number }): OutboxRow {
  return { ...toWireEntry(e), ownerId: e.ownerId, seq: e.seq ?? 0, phaseId: e.phaseId };
}

/** The key of the counter that numbers entries saved on this phone. */
export const ENTRY_SEQ = "entrySeq";

/** Entries by time, each original before the corrections that name it. */
export function causalOrder(entries: LocalEntry[]): LocalEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: LocalEntry[] = [];
  const placed = new Set<string>();
  const place = (e: LocalEntry) => {
    if (placed.has(e.id)) return;
    placed.add(e.id);
    const original = e.correctsId === undefined ? undefined : byId.get(e.correctsId);
    if (original) place(original);
    out.push(e);
  };
  for (const e of [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) place(e);
  return out;
}

let current: LedgerDb | undefined;
let versionsToDeclare: "all" | "current" = "all";

/** The app's database, opened once. Tests and demo mode swap it with `useDatabase`. */
export function db(): LedgerDb {
  current ??= new LedgerDb(DB_NAME, versionsToDeclare);
  return current;
}

/**
 * Before the first `db()`: ask the browser which version of the ledger is on the phone, so a
 * database at the current version (or none yet) opens with the current schema alone. Where the
 * browser cannot say, or the database is older, or `db()` came first, every version is declared.
 */
export async function chooseLedgerOpen(name = DB_NAME): Promise<"all" | "current"> {
  const version = await installedVersion(name);
  // Unknown (undefined): every version, slower to open but never wrong.
  versionsToDeclare = version === null || version === CURRENT_VERSION * 10 ? "current" : "all";
  return versionsToDeclare;
}

/** Point the app at another database (demo mode, tests). */
export function useDatabase(next: LedgerDb): void {
  current = next;
}

/**
 * Another tab opened a newer version: close so its upgrade can run, and let the page reload
 * itself (the entries are on disk; nothing is lost by reloading).
 */
export function onVersionChange(handler: () => void): void {
  db().on("versionchange", () => {
    db().close();
    handler();
    return false;
  });
}
