/**
 * Rows of the ledger and the record tables (reviews, replies to them, phase reports, nominations
 * and their decisions) as both stores read and write them, and their mapping to the store's records. PostgreSQL cannot hold U+0000 in text and stores it escaped, so its store passes a
 * decoder for text columns; SQLite passes none.
 */
import type {
  RecordKind,
  StoredAllocation,
  StoredEntry,
  StoredNomination,
  StoredNominationReview,
  StoredPhaseReport,
  StoredRecords,
  StoredReply,
  StoredReview,
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
type Row = Record<string, string | number | null>;
const str = (row: Row, column: string): string => row[column] as string;

/**
 * A table of immutable client records with a `seq` of its own (reviews, phase reports,
 * nominations, nomination decisions): its columns, and the mapping both ways. Every column but
 * `seq` is text; JSON columns hold `JSON.stringify` output (which escapes U+0000).
 */
export type RecordTable<S extends { seq: number }> = {
  table: "reviews" | "phase_reports" | "nominations" | "nomination_reviews" | "replies";
  /** The columns in select and insert order, `seq` second. */
  columns: string;
  /** The values of every column but `seq`, in order; free text passed through `encode`. */
  values: (r: Omit<S, "seq">, encode: (s: string) => string) => (string | null)[];
  /** A row as the store's record; free text read back through `text`. */
  fromRow: (row: Row, text: DecodeText) => S;
};

const optional = (v: string | undefined, encode: (s: string) => string) => (v === undefined ? null : encode(v));
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** The columns a decision on a record has (reviews of entries, decisions on nominations), after its subject. */
const DECISION_COLUMNS = "state, comment, created_at, reviewer_id, reviewer_name, client_id, received_at";

type Decision<State extends string> = {
  id: string;
  seq: number;
  unitId: string;
  state: State;
  comment?: string;
  createdAt: string;
  reviewerId: string;
  reviewerName: string;
  clientId: string;
  receivedAt: string;
};

function decisionValues(r: Omit<Decision<string>, "id" | "seq" | "unitId">, enc: (s: string) => string) {
  return [
    r.state,
    optional(r.comment, enc),
    r.createdAt,
    r.reviewerId,
    enc(r.reviewerName),
    enc(r.clientId),
    r.receivedAt,
  ];
}

function decisionFields<State extends string>(row: Row, text: DecodeText): Decision<State> {
  const out: Decision<State> = {
    id: str(row, "id"),
    seq: row.seq as number,
    unitId: str(row, "unit_id"),
    state: str(row, "state") as State,
    createdAt: str(row, "created_at"),
    reviewerId: str(row, "reviewer_id"),
    reviewerName: text(str(row, "reviewer_name")),
    clientId: text(str(row, "client_id")),
    receivedAt: str(row, "received_at"),
  };
  if (row.comment !== null) out.comment = text(str(row, "comment"));
  return out;
}

/** Reviews of entries; `unit_id` is the reviewed entry's unit, for scope filters. */
export const REVIEWS: RecordTable<StoredReview> = {
  table: "reviews",
  columns: `id, seq, entry_id, unit_id, ${DECISION_COLUMNS}`,
  values: (r, enc) => [r.id, r.entryId, r.unitId, ...decisionValues(r, enc)],
  fromRow: (row, text) => ({ ...decisionFields<StoredReview["state"]>(row, text), entryId: str(row, "entry_id") }),
};

/** Phase reports, with their sections and figures as JSON. */
export const PHASE_REPORTS: RecordTable<StoredPhaseReport> = {
  table: "phase_reports",
  columns:
    "id, seq, campaign_id, phase_id, unit_id, note, created_at, author_id, client_id, received_at, sections, figures",
  values: (r, enc) => [
    r.id,
    r.campaignId,
    r.phaseId,
    r.unitId,
    optional(r.note, enc),
    r.createdAt,
    r.authorId,
    enc(r.clientId),
    r.receivedAt,
    json(r.sections),
    json(r.figures),
  ],
  fromRow: (row, text) => {
    const out: StoredPhaseReport = {
      id: str(row, "id"),
      campaignId: str(row, "campaign_id"),
      phaseId: str(row, "phase_id"),
      unitId: str(row, "unit_id"),
      createdAt: str(row, "created_at"),
      seq: row.seq as number,
      authorId: str(row, "author_id"),
      clientId: text(str(row, "client_id")),
      receivedAt: str(row, "received_at"),
    };
    if (row.note !== null) out.note = text(str(row, "note"));
    if (row.sections !== null)
      out.sections = JSON.parse(str(row, "sections")) as NonNullable<StoredPhaseReport["sections"]>;
    if (row.figures !== null)
      out.figures = JSON.parse(str(row, "figures")) as NonNullable<StoredPhaseReport["figures"]>;
    return out;
  },
};

/** Nominations; `unit_id` is the proposing unit. */
export const NOMINATIONS: RecordTable<StoredNomination> = {
  table: "nominations",
  columns:
    "id, seq, campaign_id, unit_id, kind, name, achievements, award, created_at, author_id, client_id, received_at",
  values: (r, enc) => [
    r.id,
    r.campaignId,
    r.unitId,
    r.kind,
    enc(r.name),
    enc(r.achievements),
    enc(r.award),
    r.createdAt,
    r.authorId,
    enc(r.clientId),
    r.receivedAt,
  ],
  fromRow: (row, text) => ({
    id: str(row, "id"),
    campaignId: str(row, "campaign_id"),
    unitId: str(row, "unit_id"),
    kind: str(row, "kind") as StoredNomination["kind"],
    name: text(str(row, "name")),
    achievements: text(str(row, "achievements")),
    award: text(str(row, "award")),
    createdAt: str(row, "created_at"),
    seq: row.seq as number,
    authorId: str(row, "author_id"),
    clientId: text(str(row, "client_id")),
    receivedAt: str(row, "received_at"),
  }),
};

/** Decisions on nominations; `unit_id` and `campaign_id` are the nomination's (scope filters, closed campaigns). */
export const NOMINATION_REVIEWS: RecordTable<StoredNominationReview> = {
  table: "nomination_reviews",
  columns: `id, seq, nomination_id, unit_id, campaign_id, ${DECISION_COLUMNS}`,
  values: (r, enc) => [r.id, r.nominationId, r.unitId, r.campaignId, ...decisionValues(r, enc)],
  fromRow: (row, text) => ({
    ...decisionFields<StoredNominationReview["state"]>(row, text),
    nominationId: str(row, "nomination_id"),
    campaignId: str(row, "campaign_id"),
  }),
};

/** The table of each record kind. */
/** Replies to reviews; `unit_id` is the entry's unit, for scope filters (entries never move). */
export const REPLIES: RecordTable<StoredReply> = {
  table: "replies",
  columns: "id, seq, entry_id, unit_id, text, created_at, author_id, author_name, client_id, received_at",
  values: (r, enc) => [
    r.id,
    r.entryId,
    r.unitId,
    enc(r.text),
    r.createdAt,
    r.authorId,
    enc(r.authorName),
    enc(r.clientId),
    r.receivedAt,
  ],
  fromRow: (row, text) => ({
    id: str(row, "id"),
    seq: row.seq as number,
    entryId: str(row, "entry_id"),
    unitId: str(row, "unit_id"),
    text: text(str(row, "text")),
    createdAt: str(row, "created_at"),
    authorId: str(row, "author_id"),
    authorName: text(str(row, "author_name")),
    clientId: text(str(row, "client_id")),
    receivedAt: str(row, "received_at"),
  }),
};

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
