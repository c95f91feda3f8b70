/**
 * Phase reports (DESIGN §1 "Phase report"): any signed-in user marks a unit of their scope as
 * having submitted its results for a phase. The batch algorithm follows push (sync/push.ts):
 *
 * 1. Outside any transaction, each report alone: its shape (`invalid` with the zod path), then
 *    scope (`forbidden`; an unknown unit is outside every non-admin scope, so ids cannot be
 *    probed). Ids are lower-cased.
 * 2. In one store transaction, against the stored reports with the batch's ids: the id already
 *    stored (or accepted earlier in the batch) with the same content → `duplicate`, else
 *    `conflict`; then `unknown-campaign`, `campaign-closed`, `unknown-phase` (not a phase of that
 *    campaign, nor "year": the year-end report), `unknown-unit`, `unknown-part` (a figure names a
 *    part the campaign lacks). Otherwise `stored`, with the author, client id and time received.
 *
 * Reports are history: the same unit and phase may be reported again under a new id (a
 * correction of the note, a second submission); the latest by its `createdAt` instant is the one
 * read (reporting rate, the report document: `latestReports`). Sections and figures are part of
 * the content a retry must repeat.
 */

import type { RecordResult } from "../../src/domain/api";
import { findPart } from "../../src/domain/ledger";
import { isClosed } from "../../src/domain/phases";
import { YEAR_REPORT } from "../../src/domain/reports";
import { type PhaseReport, phaseReport as reportSchema } from "../../src/domain/supervision";
import { inScope, type Scope } from "../../src/domain/units";
import type { CatalogView } from "../catalog";
import type { NewPhaseReport, PhaseReportPlanner } from "../store/store";
import { type Prepared, planBatch, prepareRecords, utc } from "./records";

/** Step 1: shape (createdAt at most a day after `receivedAt`) and scope of each report, in order. */
export function preparePhaseReports(
  raws: readonly unknown[],
  scope: Scope,
  receivedAt?: string,
): Prepared<PhaseReport>[] {
  return prepareRecords(
    raws,
    reportSchema,
    receivedAt,
    (r) => (inScope(scope, r.unitId) ? undefined : "forbidden"),
    (r) => {
      const record: PhaseReport = {
        id: r.id.toLowerCase(),
        campaignId: r.campaignId,
        phaseId: r.phaseId,
        unitId: r.unitId,
        createdAt: r.createdAt,
      };
      if (r.note !== undefined) record.note = r.note;
      if (r.sections !== undefined) record.sections = r.sections.map((x) => ({ key: x.key, text: x.text }));
      if (r.figures !== undefined) record.figures = r.figures.map((f) => ({ partId: f.partId, achieved: f.achieved }));
      return record;
    },
  );
}

/** The fields a client sends, `createdAt` in UTC: equal keys are a retry. Sections and figures as sent. */
function contentKey(r: PhaseReport): string {
  return JSON.stringify([
    r.id,
    r.campaignId,
    r.phaseId,
    r.unitId,
    r.note ?? null,
    r.sections?.map((x) => [x.key, x.text]) ?? null,
    r.figures?.map((f) => [f.partId, f.achieved]) ?? null,
    utc(r.createdAt),
  ]);
}

/** Who reports, from where, when, against which catalog. */
export type ReportContext = { catalog: CatalogView; authorId: string; clientId: string; receivedAt: string };

/** Step 2 as a store planner. */
export function planPhaseReports(
  prepared: readonly Prepared<PhaseReport>[],
  ctx: ReportContext,
): PhaseReportPlanner<RecordResult[]> {
  return (stored) =>
    planBatch<PhaseReport, NewPhaseReport>(prepared, stored, {
      contentKey,
      rules: (r) => {
        const campaign = ctx.catalog.campaignById.get(r.campaignId);
        if (!campaign) return "unknown-campaign";
        if (isClosed(campaign)) return "campaign-closed";
        if (r.phaseId !== YEAR_REPORT && !campaign.phases.some((ph) => ph.id === r.phaseId)) return "unknown-phase";
        if (!ctx.catalog.tree.get(r.unitId)) return "unknown-unit";
        if (r.figures?.some((f) => !findPart(campaign, f.partId))) return "unknown-part";
        return undefined;
      },
      toStored: (r) => ({ ...r, authorId: ctx.authorId, clientId: ctx.clientId, receivedAt: ctx.receivedAt }),
    });
}
