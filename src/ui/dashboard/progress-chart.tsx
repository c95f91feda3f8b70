/** Cumulative progress over time of one chosen part in the subtree, read from that part's entries. */
import { partSeriesEntries } from "../../db/dashboard-queries";
import { findPart } from "../../domain/ledger";
import { campaignSpan } from "../../domain/phases";
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { fmtDate, fmtNum, t } from "../../i18n";
import { PartSelect } from "../common/part-select";
import { partLabel } from "../common/part-text";
import { useLive } from "../use-live";
import { ChartSvg } from "./chart-svg";
import { Fold } from "./fold";
import { type PartRow, paceShare } from "./model";
import { cumulativeSeries } from "./series";

type Props = {
  campaign: Campaign;
  tree: UnitTree;
  roots: string[];
  phaseId: string | undefined;
  partId: string;
  /** The part's row over the subtree (its target). */
  row: PartRow | undefined;
  today: string;
  onPart: (partId: string) => void;
};

/** The chart card: a part picker, then the chart. */
export function ProgressChart({ campaign, tree, roots, phaseId, partId, row, today, onPart }: Props) {
  const phase = campaign.phases.find((p) => p.id === phaseId);
  const { start: from, end: to } = phase ?? campaignSpan(campaign);
  const part = findPart(campaign, partId);
  const series = useLive(async () => {
    const unitIds = tree.scopeIds(roots);
    const points = await partSeriesEntries({ campaignId: campaign.id, partId, unitIds, from, to });
    return cumulativeSeries(points, part?.kind ?? "count");
    // The roots by value: the array is rebuilt on every render.
  }, [campaign, tree, roots.join("\u0000"), partId, from, to]);

  const until = today < from ? from : today < to ? today : to;
  const target = row?.target ?? null;
  const paceEnd = target === null ? null : target * paceShare(campaign, phaseId, to);
  const last = series?.at(-1)?.value ?? 0;
  const label = partLabel(campaign, partId);
  const summary = t("dash.chartSummary", {
    part: label,
    value: fmtNum(last),
    target: target === null ? t("dash.noTarget") : fmtNum(target),
    from: fmtDate(from),
    to: fmtDate(until),
  });
  const headline = `${row?.code ?? ""} ${fmtNum(last)}${target === null ? "" : ` / ${fmtNum(target)}`}`.trim();
  return (
    <Fold id="dash-chart" title={t("dash.chartTitle")} headline={headline}>
      <div class="field">
        <label for="dash-chart-part">{t("dash.chartPart")}</label>
        <PartSelect
          id="dash-chart-part"
          campaign={campaign}
          value={partId}
          emptyLabel={t("dash.chartPartChoose")}
          onChange={(v) => v && onPart(v)}
        />
      </div>
      {series === undefined ? (
        <p class="loading">{t("common.loading")}</p>
      ) : (
        <ChartSvg
          series={series}
          from={from}
          to={to}
          until={until}
          goal={target}
          paceEnd={paceEnd}
          summary={summary}
          caption={t("dash.legendValue")}
        />
      )}
    </Fold>
  );
}
