/**
 * The supervisor's dashboard: for a campaign, phase and unit subtree, which targets are
 * behind, in which units, and who has not reported, from the phone's own data (it works offline
 * from the last pull, whose time it shows). Choices live in the hash (see params.ts).
 */
import { campaignEnded, mayAllocate } from "../../domain/supervision";
import { fmtPercent, t } from "../../i18n";
import { ScreenHeading } from "../common/screen-heading";
import { navigate } from "../router";
import { pendingCount } from "../state/local";
import { isAdmin } from "../state/session";
import { DashboardActions } from "./actions";
import { Breakdown } from "./breakdown";
import { fmtStamp } from "./data-time";
import { DashboardFilters } from "./filters";
import { breakdownRows, paceShare, partRows, reportingByPhase } from "./model";
import { type DashboardParams, screenHash } from "./params";
import { PartList } from "./part-list";
import { PhaseCompare } from "./phase-compare";
import { ProgressChart } from "./progress-chart";
import { ProvisionalNotice, useProvisional } from "./provisional";
import { Reporting } from "./reporting";
import { useDashboardView } from "./use-dashboard-data";
import "./supervision.css";

/** The dashboard for the route's parameters. */
export function DashboardScreen({ params }: { params: URLSearchParams }) {
  const { campaign, tree, scope, today, p, r, data, lastPull } = useDashboardView(params);
  const provisional = useProvisional({
    campaign,
    tree,
    roots: r?.roots ?? [],
    phaseId: r?.phaseId,
    rowUnitIds: data?.totals.units.map((u) => u.unitId) ?? [],
  });

  if (!campaign || !r) return <p class="screen loading">{t("common.loading")}</p>;
  const go = (next: Partial<DashboardParams>) => navigate(screenHash("dashboard", { ...p, ...next }));
  const unitHash = (unitId: string | undefined) => screenHash("dashboard", { ...p, unit: unitId });
  const tops = tree.topScopeRoots(scope);
  const pace = paceShare(campaign, r.phaseId, today);
  const ended = campaignEnded(campaign, today);
  const phaseName = campaign.phases.find((x) => x.id === r.phaseId)?.name ?? t("overview.allYear");
  const unitName = r.unitId ? (tree.get(r.unitId)?.name ?? r.unitId) : t("overview.allScope");
  const parts = data ? partRows(campaign, data.totals, pace, ended) : [];
  const rows = data ? breakdownRows(campaign, tree, data.totals, data.allocations, pace, ended) : [];
  const reporting = data ? reportingByPhase(campaign, tree, r.roots, data.reports) : [];
  const chartPart = p.chart ?? p.part ?? parts[0]?.part.id ?? "";
  const behind = parts.filter((x) => x.behind).length;
  const canAllocate =
    r.unitId !== undefined && tree.childrenOf(r.unitId).some((c) => mayAllocate(tree, c.id, scope, isAdmin.value));

  return (
    <div class="screen dashboard">
      <ScreenHeading sub={`${campaign.code} · ${campaign.year}`}>{t("dash.title")}</ScreenHeading>
      <p class="data-time" data-testid="data-time">
        {lastPull ? t("dash.dataTime", { time: fmtStamp(lastPull) }) : t("dash.neverPulled")}
      </p>
      {pendingCount.value > 0 && <p class="hint">{t("dash.pendingNote", { n: pendingCount.value })}</p>}
      {data && scope.length > 0 && (
        <DashboardActions
          ctx={{ campaign, unitName, phaseName, dataTime: lastPull }}
          tree={tree}
          parts={parts}
          rows={rows}
          roots={r.roots}
          phaseId={r.phaseId}
          baseName={`${campaign.id}-${r.unitId ?? "pham-vi"}-${r.phaseId ?? "ca-nam"}`}
          printHash={screenHash("print", { phase: r.phaseId ?? "all", unit: r.unitId })}
          allocationsHash={canAllocate ? `#/allocations?unit=${encodeURIComponent(r.unitId ?? "")}` : undefined}
        />
      )}
      <DashboardFilters
        campaign={campaign}
        phaseId={r.phaseId}
        unitId={r.unitId}
        tree={tree}
        tops={tops}
        onPhase={(phase) => go({ phase })}
        unitHash={unitHash}
        onUnit={(unit) => go({ unit })}
      />
      {scope.length === 0 ? (
        <p class="notice">{t("overview.noScope")}</p>
      ) : !data ? (
        <p class="loading">{t("common.loading")}</p>
      ) : (
        <>
          <section class="card dash-summary" aria-label={t("dash.summary")} data-testid="dash-summary">
            <p>
              <strong>
                {ended
                  ? t("dash.summaryVerdict", {
                      met: parts.filter((x) => x.verdict === "met").length,
                      total: parts.filter((x) => x.verdict).length,
                    })
                  : t("dash.summaryBehind", { n: behind, total: parts.length })}
              </strong>
            </p>
            {reporting.map((x) => (
              <p key={x.phaseId}>
                {t("dash.summaryReporting", {
                  phase: x.name,
                  missing: x.missing.length,
                  rate: fmtPercent(x.expected > 0 ? (x.submitted / x.expected) * 100 : 0),
                })}
              </p>
            ))}
          </section>
          <ProvisionalNotice campaign={campaign} provisional={provisional} />
          <PartList parts={parts} pace={pace} ended={ended} />
          <Breakdown
            campaign={campaign}
            rows={rows}
            totals={parts}
            pace={pace}
            focus={p.part}
            onFocus={(part) => go({ part })}
            drillHash={(unitId) => unitHash(unitId)}
            unitName={unitName}
            ended={ended}
            provisional={provisional}
          />
          <Reporting reporting={reporting} tree={tree} />
          <PhaseCompare campaign={campaign} byPhase={data.byPhase} />
          {chartPart && (
            <ProgressChart
              campaign={campaign}
              tree={tree}
              roots={r.roots}
              phaseId={r.phaseId}
              partId={chartPart}
              row={parts.find((x) => x.part.id === chartPart)}
              today={today}
              onPart={(chart) => go({ chart })}
            />
          )}
        </>
      )}
    </div>
  );
}
