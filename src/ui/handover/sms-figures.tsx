/** A report's figures in plain words: the unit, the phase, and each part's figure (what an SMS code stands for). */
import type { Campaign } from "../../domain/schemas";
import { fmtNum, t } from "../../i18n";
import { partLabel, shorten } from "../common/part-text";
import { tree } from "../state/reference";

export type FigureLine = { partId: string; text: string };

/** A part's figure with its unit of measure ("12 đoàn viên"). */
export function figure(campaign: Campaign, partId: string, n: number): string {
  const part = campaign.targets.flatMap((x) => x.parts).find((p) => p.id === partId);
  const uom = part?.kind === "percent" ? t("ledger.doneUom") : (part?.unitOfMeasure ?? "");
  return `${fmtNum(n)} ${uom}`.trim();
}

/** The unit and phase a report is for, then one line per part. */
export function SmsFigures(props: {
  campaign: Campaign;
  unitId: string;
  phaseId: string;
  lines: readonly FigureLine[];
  empty: string;
  testId: string;
}) {
  const { campaign, unitId, phaseId, lines, empty, testId } = props;
  return (
    <div data-testid={testId}>
      <dl class="facts">
        <dt>{t("sms.unit")}</dt>
        <dd>{tree.value.get(unitId)?.name ?? unitId}</dd>
        <dt>{t("sms.phase")}</dt>
        <dd>{campaign.phases.find((p) => p.id === phaseId)?.name ?? phaseId}</dd>
      </dl>
      {lines.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="sms-lines">
          {lines.map((l) => (
            <li key={l.partId} class="sms-line">
              <span class="sms-part">{shorten(partLabel(campaign, l.partId), 60)}</span>
              <strong class="sms-figure">{l.text}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
