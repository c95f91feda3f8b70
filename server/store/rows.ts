/**
 * Rows of the ledger and supervision tables as both stores read them, and their mapping to the
 * store's records. PostgreSQL cannot hold U+0000 in text and stores it escaped, so its store passes a
 * decoder for text columns; SQLite passes none.
 */
import type { StoredAllocation, StoredEntry, StoredPhaseReport, StoredReview } from "./store";

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

/** A row of `reviews`. */
export type ReviewRow = {
  id: string;
  seq: number;
  entry_id: string;
  unit_id: string;
  state: StoredReview["state"];
  comment: string | null;
  created_at: string;
  reviewer_id: string;
  reviewer_name: string;
  client_id: string;
  received_at: string;
};
/** A row of `phase_reports`. */
export type ReportRow = {
  id: string;
  seq: number;
  campaign_id: string;
  phase_id: string;
  unit_id: string;
  note: string | null;
  created_at: string;
  author_id: string;
  client_id: string;
  received_at: string;
};
/** A row of `allocations`. */
export type AllocationRow = { campaign_id: string; part_id: string; unit_id: string; goal: number };

/** The columns of a review row, in select order. */
export const REVIEW_COLUMNS =
  "id, seq, entry_id, unit_id, state, comment, created_at, reviewer_id, reviewer_name, client_id, received_at";
/** The columns of a phase report row, in select order. */
export const REPORT_COLUMNS =
  "id, seq, campaign_id, phase_id, unit_id, note, created_at, author_id, client_id, received_at";

/** Row mappers for a store whose text columns read back through `text`. */
export function rowMappers(text: DecodeText) {
  return {
    toStoredEntry: (r: EntryRow) => toStoredEntry(r, text),
    toReview: (r: ReviewRow) => toReview(r, text),
    toReport: (r: ReportRow) => toReport(r, text),
  };
}

function toReview(r: ReviewRow, text: DecodeText): StoredReview {
  const out: StoredReview = {
    id: r.id,
    entryId: r.entry_id,
    state: r.state,
    createdAt: r.created_at,
    seq: r.seq,
    unitId: r.unit_id,
    reviewerId: r.reviewer_id,
    reviewerName: text(r.reviewer_name),
    clientId: text(r.client_id),
    receivedAt: r.received_at,
  };
  if (r.comment !== null) out.comment = text(r.comment);
  return out;
}

function toReport(r: ReportRow, text: DecodeText): StoredPhaseReport {
  const out: StoredPhaseReport = {
    id: r.id,
    campaignId: r.campaign_id,
    phaseId: r.phase_id,
    unitId: r.unit_id,
    createdAt: r.created_at,
    seq: r.seq,
    authorId: r.author_id,
    clientId: text(r.client_id),
    receivedAt: r.received_at,
  };
  if (r.note !== null) out.note = text(r.note);
  return out;
}

/** An allocation row as the store's record. */
export const toAllocation = (r: AllocationRow): StoredAllocation => ({
  campaignId: r.campaign_id,
  partId: r.part_id,
  unitId: r.unit_id,
  goal: r.goal,
});
