/**
 * The slides of the presentation view: the campaign at a glance, then one slide per target,
 * then one per upper-level union (its share of each count part). Pure: built from totals.
 */
import type { Campaign, Part, PartTotal, Totals, Unit } from "../../domain/schemas";

export type SlideRow = { label: string; achieved: number; goal: number | null; percent: number | null; unit: string };
export type Slide = { kind: "title" | "target" | "unit"; heading: string; sub: string; rows: SlideRow[] };

function row(part: Part, total: PartTotal | undefined, label = part.title): SlideRow {
  return {
    label,
    achieved: total?.achieved ?? 0,
    goal: part.kind === "percent" ? (total?.unitsInScope ?? null) : part.goal,
    percent: total?.percent ?? null,
    unit: part.unitOfMeasure,
  };
}

/** Build every slide from the province's totals (parts for the whole, units for each child). */
export function buildSlides(
  campaign: Campaign,
  totals: Totals,
  children: Unit[],
  childGoal: (unitId: string, partId: string) => number | undefined,
): Slide[] {
  const byPart = new Map(totals.parts.map((p) => [p.partId, p]));
  const parts = campaign.targets.flatMap((t) => t.parts);
  const counted = parts.filter((p) => p.kind === "count");
  const done = counted.filter((p) => (byPart.get(p.id)?.percent ?? 0) >= 100).length;
  const slides: Slide[] = [
    {
      kind: "title",
      heading: campaign.title,
      sub: `${campaign.code} · ${done}/${counted.length}`,
      rows: campaign.targets.map((t) => {
        const first = t.parts[0] as Part;
        return row(first, byPart.get(first.id), `${t.number}. ${first.title}`);
      }),
    },
  ];
  for (const t of campaign.targets) {
    slides.push({
      kind: "target",
      heading: `${t.number}`,
      sub: t.title,
      rows: t.parts.map((p) => row(p, byPart.get(p.id))),
    });
  }
  for (const u of children) {
    const mine = totals.units.find((x) => x.unitId === u.id);
    const achievedOf = new Map(mine?.parts.map((p) => [p.partId, p.achieved]) ?? []);
    slides.push({
      kind: "unit",
      heading: u.name,
      sub: "",
      rows: counted.map((p) => {
        const goal = childGoal(u.id, p.id) ?? null;
        const achieved = achievedOf.get(p.id) ?? 0;
        return {
          label: p.title,
          achieved,
          goal,
          percent: goal ? (achieved / goal) * 100 : null,
          unit: p.unitOfMeasure,
        };
      }),
    });
  }
  return slides;
}
