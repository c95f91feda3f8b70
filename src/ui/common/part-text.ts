/** How a target part is described on screen: its goal and its label in pickers. */
import type { Campaign, Part } from "../../domain/schemas";
import { t } from "../../i18n";

/** "134 đoàn viên", "100 % công đoàn", "không giới hạn (sáng kiến)". */
export function goalText(p: Part): string {
  if (p.kind === "open" || p.goal === null) return t("part.goalOpen", { uom: p.unitOfMeasure });
  if (p.kind === "percent") return t("part.goalPercent", { uom: p.unitOfMeasure });
  return `${t("part.goalCount", { goal: p.goal })} ${p.unitOfMeasure}`;
}

/** Short label of a part for lists: "1.2 Thành lập công đoàn cơ sở…". */
export function partLabel(campaign: Campaign, partId: string): string {
  for (const target of campaign.targets) {
    const i = target.parts.findIndex((p) => p.id === partId);
    const p = target.parts[i];
    if (p) return target.parts.length > 1 ? `${target.number}.${i + 1} ${p.title}` : `${target.number}. ${p.title}`;
  }
  return partId;
}

/** Cut a long title for a picker group label. */
export function shorten(text: string, max = 70): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
