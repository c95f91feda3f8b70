/**
 * `createdAt` is the device's clock, so it is bounded by the server's: a record said to be made
 * more than a day after the server received it is refused `invalid` at `createdAt` (a day leaves
 * room for time zones and a phone clock that is somewhat off). Unbounded, a review dated 9999
 * stayed an entry's "latest" for ever. Times are compared as instants, never as text:
 * "…+07:00" and "…Z" name the same moment differently.
 */

import { rawIdOf } from "../../src/domain/api";
import { entry as entrySchema, type PushResult } from "../../src/domain/schemas";

/** How far after its receipt a record's createdAt may lie. */
export const CREATED_AT_LEEWAY_MS = 24 * 60 * 60 * 1000;

/** The latest instant (ms) a record received at `receivedAt` (an ISO time) may say it was made. */
export function latestCreatedAt(receivedAt: string): number {
  return Date.parse(receivedAt) + CREATED_AT_LEEWAY_MS;
}

/**
 * True when `createdAt` (an ISO time) lies after `latest`, the bound `latestCreatedAt` gives for a
 * batch's receipt (worked out once per batch); false when it is no time at all.
 */
export function createdTooLate(createdAt: string, latest: number): boolean {
  return Date.parse(createdAt) > latest;
}

/** The result for a record refused for its createdAt. */
export function futureResult(id: string): PushResult {
  return { id, status: "rejected", reason: "invalid", path: "createdAt" };
}

/** The raw createdAt a client sent, when it is a string. */
function rawCreatedAt(raw: unknown): string | undefined {
  if (typeof raw === "object" && raw !== null && "createdAt" in raw && typeof raw.createdAt === "string") {
    return raw.createdAt;
  }
  return undefined;
}

/**
 * Apply a batch of raw entries with `apply`, except those whose createdAt is more than a day
 * after `receivedAt` and that are otherwise well-formed (a malformed one keeps its own first
 * problem): those are rejected `invalid` at `createdAt`. Results come back in the batch's order.
 * Only entries whose time is late are parsed here, so the push path pays one Date.parse each.
 */
export async function refusingFutureEntries(
  raws: readonly unknown[],
  receivedAt: string,
  apply: (kept: readonly unknown[]) => Promise<PushResult[]>,
): Promise<PushResult[]> {
  const future = new Set<number>();
  // The receipt's bound once for the batch, not once per record (~0.08 ms a push of 500).
  const latest = latestCreatedAt(receivedAt);
  raws.forEach((raw, i) => {
    const at = rawCreatedAt(raw);
    if (at !== undefined && createdTooLate(at, latest) && entrySchema.safeParse(raw).success) {
      future.add(i);
    }
  });
  if (future.size === 0) return apply(raws);
  const applied = await apply(raws.filter((_, i) => !future.has(i)));
  let next = 0;
  return raws.map((raw, i) => (future.has(i) ? futureResult(rawIdOf(raw)) : (applied[next++] as PushResult)));
}
