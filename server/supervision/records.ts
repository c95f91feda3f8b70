/**
 * What the record batches (reviews, phase reports, nominations, nomination decisions) share with
 * push (DESIGN §2): one result per record, in order, `stored` / `duplicate` / `rejected` with a
 * reason (and the zod path for `invalid`), judged in two steps: `prepareRecords` (shape and who
 * may send it, outside any transaction) and `planBatch` (id, content and rules, inside the
 * store's transaction against a snapshot of the ids named). Their reasons extend push's with
 * `unknown-entry`, `unknown-phase`, `unknown-nomination` and `campaign-closed`.
 */

import { issuePath, type RecordReason, type RecordResult, rawIdOf } from "../../src/domain/api";
import { createdTooLate, futureResult, latestCreatedAt } from "../sync/created-at";

/** A record after the checks that need no storage: a result already, or the parsed record. */
export type Prepared<T> = { rawId: string; rejected: RecordResult } | { rawId: string; record: T };

/** `rejected: invalid` with the path of the first zod issue. */
export function invalidResult(
  rawId: string,
  issues: readonly { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }[],
): RecordResult {
  const first = issues[0];
  const path = first ? issuePath(first) : "";
  const result: RecordResult = { id: rawId, status: "rejected", reason: "invalid" };
  if (path !== "") result.path = path;
  return result;
}

/** A rejection with a reason. */
export function rejected(id: string, reason: RecordReason): RecordResult {
  return { id, status: "rejected", reason };
}

/** ISO time normalised to UTC, so a retry with another offset is still the same content. */
export function utc(time: string): string {
  return new Date(time).toISOString();
}

/** The parts of a zod schema `prepareRecords` uses. */
type RecordSchema<T> = {
  safeParse(
    raw: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; code?: string }[] } };
};

/**
 * Step 1 of every record batch, outside any transaction, each record alone: its shape (`invalid`
 * with the zod path; `createdAt` more than a day after `receivedAt` is invalid too, see
 * sync/created-at.ts), then `admit` (role or scope: `forbidden`), then `normalize` (ids
 * lower-cased, optional fields copied only when present).
 */
export function prepareRecords<T extends { createdAt: string }>(
  raws: readonly unknown[],
  schema: RecordSchema<T>,
  receivedAt: string | undefined,
  admit: (record: T) => RecordReason | undefined,
  normalize: (record: T) => T,
): Prepared<T>[] {
  const latest = receivedAt === undefined ? undefined : latestCreatedAt(receivedAt);
  return raws.map((raw): Prepared<T> => {
    const rawId = rawIdOf(raw);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { rawId, rejected: invalidResult(rawId, parsed.error.issues) };
    if (latest !== undefined && createdTooLate(parsed.data.createdAt, latest)) {
      return { rawId, rejected: futureResult(rawId) };
    }
    const refused = admit(parsed.data);
    if (refused !== undefined) return { rawId, rejected: rejected(rawId, refused) };
    return { rawId, record: normalize(parsed.data) };
  });
}

/** The ids a batch's snapshot must hold. */
export function idsToLoad<T extends { id: string }>(prepared: readonly Prepared<T>[]): string[] {
  return [...new Set(prepared.flatMap((p) => ("record" in p ? [p.record.id] : [])))];
}

/** The ids of records about entries (reviews, replies) and the entry ids they name: what their snapshot must hold. */
export function entryRecordIdsToLoad<T extends { id: string; entryId: string }>(
  prepared: readonly Prepared<T>[],
): { ids: string[]; entryIds: string[] } {
  const records = prepared.flatMap((p) => ("record" in p ? [p.record] : []));
  return { ids: [...new Set(records.map((r) => r.id))], entryIds: [...new Set(records.map((r) => r.entryId))] };
}

/** How one kind of record is judged inside the store's transaction (step 2). */
export type BatchRules<T, S> = {
  /** Checked before the id (reviews: the entry must be visible, so ids cannot be probed). */
  before?: (record: T) => RecordReason | undefined;
  /** The fields a client sends, `createdAt` in UTC: equal keys are a retry (`duplicate`), else `conflict`. */
  contentKey: (record: T) => string;
  /** Checked for a record whose id is new, in order; the first reason answers. */
  rules?: (record: T) => RecordReason | undefined;
  /** The record as stored (author, client id, time received added); the store assigns `seq`. */
  toStored: (record: T) => S;
};

/**
 * Step 2 of every record batch: one result per record, in order; a record whose id is already
 * stored, or accepted earlier in this batch, is a `duplicate` with the same content, else a
 * `conflict`; a new one passes the rules and is written.
 */
export function planBatch<T extends { id: string }, S extends T>(
  prepared: readonly Prepared<T>[],
  stored: ReadonlyMap<string, T>,
  rules: BatchRules<T, S>,
): { write: S[]; result: RecordResult[] } {
  const accepted = new Map<string, S>();
  const result = prepared.map((p): RecordResult => {
    if ("rejected" in p) return p.rejected;
    const r = p.record;
    const id = p.rawId;
    const early = rules.before?.(r);
    if (early !== undefined) return rejected(id, early);
    const previous = accepted.get(r.id) ?? stored.get(r.id);
    if (previous) {
      return rules.contentKey(previous) === rules.contentKey(r)
        ? { id, status: "duplicate" }
        : rejected(id, "conflict");
    }
    const refused = rules.rules?.(r);
    if (refused !== undefined) return rejected(id, refused);
    accepted.set(r.id, rules.toStored(r));
    return { id, status: "stored" };
  });
  return { write: [...accepted.values()], result };
}
