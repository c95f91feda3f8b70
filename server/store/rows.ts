/**
 * Rows of the ledger and the record tables (reviews, replies to them, phase reports, nominations
 * and their decisions) as both stores read and write them, and their mapping to the store's records. PostgreSQL cannot hold U+0000 in text and stores it escaped, so its store passes a
 * decoder for text columns; SQLite passes none.
 */
import type {
  Receipt,
  RecordKind,
  StoredAllocation,
  StoredEntry,
  StoredNomination,
  StoredNominationReview,
  StoredPhaseReport,
  StoredRecords,
  StoredReply,
  StoredReview,
  Unsaved,
} from "./store";

/** A decoder for text read back from a store (identity when the store keeps text as given). */
export type DecodeText = (text: string) => string;

/** A row of `entries`. */
export type EntryRow = {
  id: string;
  seq: number;
  campaign_id: string;
  part_id: string;
  unit_id: string;
  date: string;
  quantity: number;
  note: string | null;
  corrects_id: string | null;
  created_at: string;
  phase_id: string;
  root_id: string;
  author_id: string;
  client_id: string;
  received_at: string;
};

/** The columns of an entry row, in select and insert order. */
export const ENTRY_COLUMNS =
  "id, seq, campaign_id, part_id, unit_id, date, quantity, note, corrects_id, created_at, phase_id, root_id, author_id, client_id, received_at";

function toStoredEntry(r: EntryRow, text: DecodeText): StoredEntry {
  const e: StoredEntry = {
    id: r.id,
    campaignId: r.campaign_id,
    partId: r.part_id,
    unitId: r.unit_id,
    date: r.date,
    quantity: r.quantity,
    createdAt: r.created_at,
    seq: r.seq,
    phaseId: r.phase_id,
    rootId: r.root_id,
    authorId: r.author_id,
    clientId: text(r.client_id),
    receivedAt: r.received_at,
  };
  if (r.note !== null) e.note = text(r.note);
  if (r.corrects_id !== null) e.correctsId = r.corrects_id;
  return e;
}

/** A row of `allocations`. */
export type AllocationRow = { campaign_id: string; part_id: string; unit_id: string; goal: number };

/** A row of a record table as the driver returns it: column name → text, number or null. */
export type RecordRow = Record<string, string | number | null>;

/**
 * A table of immutable client records with a `seq` of its own (reviews, phase reports,
 * nominations, nomination decisions): its columns, and the mapping both ways. Every column but
 * `seq` is text; JSON columns hold `JSON.stringify` output (which escapes U+0000).
 */
export type RecordTable<S extends Receipt> = {
  table: "reviews" | "phase_reports" | "nominations" | "nomination_reviews" | "replies";
  /** The columns in select and insert order, `seq` second. */
  columns: string;
  /** The columns of free text, written through the store's text encoding. */
  textColumns: readonly string[];
  /** The values of every column but `seq`, in order; free text passed through `encode`. */
  values: (r: Unsaved<S>, encode: (s: string) => string) => (string | null)[];
  /** A row as the store's record; free text read back through `text`. */
  fromRow: (row: RecordRow, text: DecodeText) => S;
};

/**
 * How a record's field is kept in its column: as sent (ids, codes, times: compared and indexed
 * byte for byte), free `text` (through the store's text encoding), or `json`; `?` when the field is
 * optional (NULL when absent).
 */
type Kept = "as sent" | "text" | "text?" | "json?";

/** The column of a field: `reviewerName` → `reviewer_name`. */
const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The table `table` of records `S`, from how each field but `seq` is kept, `id` first, in column
 * order. The mapping is generic (these tables are small next to the ledger, whose rows are
 * mapped field by field above), so a record's fields are read by name.
 */
function recordTable<S extends Receipt>(
  table: RecordTable<S>["table"],
  kept: { [F in Exclude<keyof S, "seq"> & string]-?: Kept },
): RecordTable<S> {
  const fields = Object.entries(kept) as [string, Kept][];
  const [first, ...rest] = fields.map(([f]) => columnOf(f));
  return {
    table,
    columns: [first, "seq", ...rest].join(", "),
    textColumns: fields.filter(([, k]) => k !== "as sent" && k !== "json?").map(([f]) => columnOf(f)),
    values: (r, encode) => {
      const record = r as unknown as Record<string, unknown>;
      return fields.map(([f, k]) => {
        const v = record[f];
        if (v === undefined) return null;
        if (k === "json?") return JSON.stringify(v);
        return k === "as sent" ? (v as string) : encode(v as string);
      });
    },
    fromRow: (row, text) => {
      const out: Record<string, unknown> = { seq: row.seq };
      for (const [f, k] of fields) {
        const v = row[columnOf(f)] as string | null;
        if (v === null) continue;
        out[f] = k === "as sent" ? v : k === "json?" ? JSON.parse(v) : text(v);
      }
      return out as S;
    },
  };
}

/** How a decision on a record (a review of an entry, a decision on a nomination) keeps its fields after its subject. */
const DECISION = {
  state: "as sent",
  comment: "text?",
  createdAt: "as sent",
  reviewerId: "as sent",
  reviewerName: "text",
  clientId: "text",
  receivedAt: "as sent",
} as const;

/** Reviews of entries; `unit_id` is the reviewed entry's unit, for scope filters. */
export const REVIEWS = recordTable<StoredReview>("reviews", {
  id: "as sent",
  entryId: "as sent",
  unitId: "as sent",
  ...DECISION,
});

/** Phase reports, with their sections and figures as JSON. */
export const PHASE_REPORTS = recordTable<StoredPhaseReport>("phase_reports", {
  id: "as sent",
  campaignId: "as sent",
  phaseId: "as sent",
  unitId: "as sent",
  note: "text?",
  createdAt: "as sent",
  authorId: "as sent",
  clientId: "text",
  receivedAt: "as sent",
  sections: "json?",
  figures: "json?",
});

/** Nominations; `unit_id` is the proposing unit. */
export const NOMINATIONS = recordTable<StoredNomination>("nominations", {
  id: "as sent",
  campaignId: "as sent",
  unitId: "as sent",
  kind: "as sent",
  name: "text",
  achievements: "text",
  award: "text",
  createdAt: "as sent",
  authorId: "as sent",
  clientId: "text",
  receivedAt: "as sent",
});

/** Decisions on nominations; `unit_id` and `campaign_id` are the nomination's (scope filters, closed campaigns). */
export const NOMINATION_REVIEWS = recordTable<StoredNominationReview>("nomination_reviews", {
  id: "as sent",
  nominationId: "as sent",
  unitId: "as sent",
  campaignId: "as sent",
  ...DECISION,
});

/** Replies to reviews; `unit_id` is the entry's unit, for scope filters (entries never move). */
export const REPLIES = recordTable<StoredReply>("replies", {
  id: "as sent",
  entryId: "as sent",
  unitId: "as sent",
  text: "text",
  createdAt: "as sent",
  authorId: "as sent",
  authorName: "text",
  clientId: "text",
  receivedAt: "as sent",
});

/** The table of each record kind. */
export const RECORD_TABLES: { [K in RecordKind]: RecordTable<StoredRecords[K]> } = {
  reviews: REVIEWS,
  phaseReports: PHASE_REPORTS,
  nominations: NOMINATIONS,
  nominationReviews: NOMINATION_REVIEWS,
  replies: REPLIES,
};

/** Every table whose rows carry a `client_id` (a client id one of them names is in use). */
export const CLIENT_TABLES: readonly string[] = ["entries", ...Object.values(RECORD_TABLES).map((t) => t.table)];

/** Row mappers for a store whose text columns read back through `text`. */
export function rowMappers(text: DecodeText) {
  return { toStoredEntry: (r: EntryRow) => toStoredEntry(r, text) };
}

/** An allocation row as the store's record. */
export const toAllocation = (r: AllocationRow): StoredAllocation => ({
  campaignId: r.campaign_id,
  partId: r.part_id,
  unitId: r.unit_id,
  goal: r.goal,
});
