/**
 * What review and phase-report batches share with push (DESIGN §2): one result per record, in
 * order, `stored` / `duplicate` / `rejected` with a reason (and the zod path for `invalid`).
 * Their reasons extend push's with `unknown-entry` and `unknown-phase`.
 */
import { issuePath, type RecordReason, type RecordResult } from "../../src/domain/api";

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
