/**
 * Phase reports (DESIGN §1 "Phase report"): any signed-in user marks a unit of their scope as
 * having submitted its results for a phase. The batch algorithm follows push (sync/push.ts):
 *
 * 1. Outside any transaction, each report alone: its shape (`invalid` with the zod path), then
 *    scope (`forbidden`; an unknown unit is outside every non-admin scope, so ids cannot be
 *    probed). Ids are lower-cased.
 * 2. In one store transaction, against the stored reports with the batch's ids: the id already
 *    stored (or accepted earlier in the batch) with the same content → `duplicate`, else
 *    `conflict`; then `unknown-campaign`, `unknown-phase` (not a phase of that campaign),
 *    `unknown-unit`. Otherwise `stored`, with the author, client id and time received.
 *
 * Reports are history: the same unit and phase may be reported again under a new id (a
 * correction of the note, a second submission); the latest counts for the reporting rate.
 */

import { type RecordResult, rawIdOf } from "../../src/domain/api";
import { type PhaseReport, phaseReport as reportSchema } from "../../src/domain/supervision";
import { inScope, type Scope } from "../../src/domain/units";
import type { CatalogView } from "../catalog";
import type { NewPhaseReport, PhaseReportPlanner } from "../store/store";
import { createdAfterReceipt, futureResult } from "../sync/created-at";
import { invalidResult, type Prepared, rejected, utc } from "./records";

/** Step 1: shape (createdAt at most a day after `receivedAt`) and scope of each report, in order. */
export function preparePhaseReports(
  raws: readonly unknown[],
  scope: Scope,
  receivedAt?: string,
): Prepared<PhaseReport>[] {
  return raws.map((raw): Prepared<PhaseReport> => {
    const rawId = rawIdOf(raw);
    const parsed = reportSchema.safeParse(raw);
    if (!parsed.success) return { rawId, rejected: invalidResult(rawId, parsed.error.issues) };
    const r = parsed.data;
    if (receivedAt !== undefined && createdAfterReceipt(r.createdAt, receivedAt)) {
      return { rawId, rejected: futureResult(rawId) };
    }
    if (!inScope(scope, r.unitId)) return { rawId, rejected: rejected(rawId, "forbidden") };
    const record: PhaseReport = {
      id: r.id.toLowerCase(),
      campaignId: r.campaignId,
      phaseId: r.phaseId,
      unitId: r.unitId,
      createdAt: r.createdAt,
    };
    if (r.note !== undefined) record.note = r.note;
    return { rawId, record };
  });
}

/** The report ids the snapshot must hold. */
export function reportIdsToLoad(prepared: readonly Prepared<PhaseReport>[]): string[] {
  return [...new Set(prepared.flatMap((p) => ("record" in p ? [p.record.id] : [])))];
}

/** The fields a client sends, `createdAt` in UTC: equal keys are a retry. */
function contentKey(r: PhaseReport): string {
  return JSON.stringify([r.id, r.campaignId, r.phaseId, r.unitId, r.note ?? null, utc(r.createdAt)]);
}

/** Who reports, from where, when, against which catalog. */
export type ReportContext = { catalog: CatalogView; authorId: string; clientId: string; receivedAt: string };

/** Step 2 as a store planner. */
export function planPhaseReports(
  prepared: readonly Prepared<PhaseReport>[],
  ctx: ReportContext,
): PhaseReportPlanner<RecordResult[]> {
  return (stored) => {
    const accepted = new Map<string, NewPhaseReport>();
    const results = prepared.map((p): RecordResult => {
      if ("rejected" in p) return p.rejected;
      const r = p.record;
      const id = p.rawId;
      const previous = accepted.get(r.id) ?? stored.get(r.id);
      if (previous) {
        return contentKey(previous) === contentKey(r) ? { id, status: "duplicate" } : rejected(id, "conflict");
      }
      const campaign = ctx.catalog.campaignById.get(r.campaignId);
      if (!campaign) return rejected(id, "unknown-campaign");
      if (!campaign.phases.some((ph) => ph.id === r.phaseId)) return rejected(id, "unknown-phase");
      if (!ctx.catalog.tree.get(r.unitId)) return rejected(id, "unknown-unit");
      accepted.set(r.id, { ...r, authorId: ctx.authorId, clientId: ctx.clientId, receivedAt: ctx.receivedAt });
      return { id, status: "stored" };
    });
    return { write: [...accepted.values()], result: results };
  };
}
