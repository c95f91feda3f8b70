/**
 * Allocations: a unit's share of a count part's goal, set by the level above it. A
 * request is checked whole before anything is written, and the first bad item answers for all
 * of it (all or nothing):
 *
 * - shape of every item (400 `invalid`, path `allocations.<i>.<field>`);
 * - per item, in order: the same key twice (400 `invalid`); the caller may set it only when admin
 *   or their scope holds the unit's PARENT (`mayAllocate`), else 403 `forbidden`; for a non-admin
 *   an unknown unit is a 403 too, so unit ids of other districts cannot be probed; then (admins
 *   reach these) 400 `unknown-unit`, 400 `invalid` for the root unit (its goal is the
 *   campaign's own), 400 `unknown-campaign`, `unknown-part`, `not-count-part` (percent parts
 *   have a fixed 100 %, open ones no number to share).
 */
import * as z from "zod/mini";
import { findPart } from "../../src/domain/ledger";
import { type Allocation, allocation, mayAllocate } from "../../src/domain/supervision";
import type { Scope } from "../../src/domain/units";
import type { CatalogView } from "../catalog";
import { ApiError, invalidInput } from "../http/errors";

const envelope = z.strictObject({ allocations: z.array(z.unknown()) });

/** Parse a request body: the envelope (400), the item count (413 past `max`), each item's shape (400). */
export function parseAllocations(body: unknown, max: number): Allocation[] {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const raws = parsed.data.allocations;
  if (raws.length > max) throw new ApiError(413, "too-large", `at most ${max} allocations per request`, "allocations");
  return raws.map((raw, i) => {
    const item = allocation.safeParse(raw);
    if (!item.success) throw invalidInput(item.error.issues, `allocations.${i}`);
    const a = item.data;
    return { campaignId: a.campaignId, partId: a.partId, unitId: a.unitId, goal: a.goal };
  });
}

/** Throw the error of the first item the caller may not set or that names something unknown. */
export function checkAllocations(
  items: readonly Allocation[],
  view: CatalogView,
  scope: Scope,
  isAdmin: boolean,
): void {
  const seen = new Set<string>();
  items.forEach((a, i) => {
    const at = (field: string) => `allocations.${i}.${field}`;
    const key = `${a.campaignId}\u0000${a.partId}\u0000${a.unitId}`;
    if (seen.has(key)) throw new ApiError(400, "invalid", "the same allocation appears twice", `allocations.${i}`);
    seen.add(key);
    if (!isAdmin && !mayAllocate(view.tree, a.unitId, scope.roots, false)) {
      throw new ApiError(403, "forbidden", "only the level above a unit sets its share", at("unitId"));
    }
    const unit = view.tree.get(a.unitId);
    if (!unit) throw new ApiError(400, "unknown-unit", `no unit ${a.unitId}`, at("unitId"));
    if (unit.parentId === undefined) {
      throw new ApiError(400, "invalid", "the root unit's goal is the campaign's own", at("unitId"));
    }
    const campaign = view.campaignById.get(a.campaignId);
    if (!campaign) throw new ApiError(400, "unknown-campaign", `no campaign ${a.campaignId}`, at("campaignId"));
    const part = findPart(campaign, a.partId);
    if (!part)
      throw new ApiError(400, "unknown-part", `campaign ${a.campaignId} has no part ${a.partId}`, at("partId"));
    if (part.kind !== "count" && part.kind !== "distinct") {
      throw new ApiError(
        400,
        "not-count-part",
        `part ${a.partId} is neither a count nor a distinct part`,
        at("partId"),
      );
    }
  });
}
