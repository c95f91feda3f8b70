/**
 * The slides of the presentation view: the campaign at a glance (every part of every target),
 * then one slide per target, then one per upper-level union (its share of each count part).
 * Pure: built from totals. A slide that holds more rows than a screen shows at a readable size
 * is split into pages ("1/3", "2/3") rather than shrunk: a meeting reads it from the back of a room.
 */
import type { Campaign, Part, PartTotal, Totals, Unit } from "../../domain/schemas";

/**
 * How far a row is toward its goal, the one thing the slides' colour says: nothing yet, under
 * half, half or more, reached (100 % and over alike). Rows without a goal have no band.
 */
export type Band = "none" | "low" | "mid" | "met";

export type SlideRow = {
  /** "7.2" for the second part of target 7, "4" for a one-part target. */
  code: string;
  label: string;
  achieved: number;
  goal: number | null;
  percent: number | null;
  unit: string;
};
export type Slide = {
  kind: "title" | "target" | "unit";
  heading: string;
  sub: string;
  rows: SlideRow[];
  /** Which page of a split slide this is (1-based) and of how many; 1 of 1 when it fits. */
  page: number;
  pages: number;
};

/** The colour band of a percent (null: the row has no goal). */
export function bandOf(percent: number | null): Band | undefined {
  if (percent === null) return undefined;
  if (percent <= 0) return "none";
  if (percent < 50) return "low";
  return percent < 100 ? "mid" : "met";
}

function codeOf(target: { number: number; parts: readonly Part[] }, index: number): string {
  return target.parts.length > 1 ? `${target.number}.${index + 1}` : String(target.number);
}

function row(part: Part, code: string, total: PartTotal | undefined): SlideRow {
  return {
    code,
    label: part.title,
    achieved: total?.achieved ?? 0,
    goal: part.kind === "percent" ? (total?.unitsInScope ?? null) : part.goal,
    percent: total?.percent ?? null,
    unit: part.unitOfMeasure,
  };
}

/** Build every slide (one page each) from the province's totals (parts for the whole, units for each child). */
export function buildSlides(
  campaign: Campaign,
  totals: Totals,
  children: Unit[],
  childGoal: (unitId: string, partId: string) => number | undefined,
): Slide[] {
  const byPart = new Map(totals.parts.map((p) => [p.partId, p]));
  const counted = campaign.targets.flatMap((t) => t.parts.map((p, i) => ({ part: p, code: codeOf(t, i) })));
  // Parts with a number to reach, shared out among the unions: count and distinct alike.
  const goalParts = counted.filter((c) => c.part.kind === "count" || c.part.kind === "distinct");
  const done = goalParts.filter((c) => (byPart.get(c.part.id)?.percent ?? 0) >= 100).length;
  const one = { page: 1, pages: 1 };
  const slides: Slide[] = [
    {
      kind: "title",
      heading: campaign.title,
      sub: `${campaign.code} · ${done}/${goalParts.length}`,
      rows: counted.map((c) => row(c.part, c.code, byPart.get(c.part.id))),
      ...one,
    },
  ];
  for (const t of campaign.targets) {
    slides.push({
      kind: "target",
      heading: `${t.number}`,
      sub: t.title,
      rows: t.parts.map((p, i) => row(p, codeOf(t, i), byPart.get(p.id))),
      ...one,
    });
  }
  for (const u of children) {
    const mine = totals.units.find((x) => x.unitId === u.id);
    const achievedOf = new Map(mine?.parts.map((p) => [p.partId, p.achieved]) ?? []);
    const rows = goalParts.flatMap(({ part, code }): SlideRow[] => {
      const given = childGoal(u.id, part.id);
      const goal = given !== undefined && given > 0 ? given : null;
      const achieved = achievedOf.get(part.id) ?? 0;
      // "0 / 0 doanh nghiệp" filled a slide with nothing: a part with no share and no result is left out.
      if (goal === null && achieved === 0) return [];
      return [
        {
          code,
          label: part.title,
          achieved,
          goal,
          percent: goal ? (achieved / goal) * 100 : null,
          unit: part.unitOfMeasure,
        },
      ];
    });
    slides.push({ kind: "unit", heading: u.name, sub: "", rows, ...one });
  }
  return slides;
}

/** Split every slide into pages of at most `perPage` rows (a slide with no rows stays one page). */
export function paginate(slides: readonly Slide[], perPage: number): Slide[] {
  const size = Math.max(1, Math.floor(perPage));
  return slides.flatMap((s) => {
    const pages = Math.max(1, Math.ceil(s.rows.length / size));
    return Array.from({ length: pages }, (_, i) => ({
      ...s,
      rows: s.rows.slice(i * size, (i + 1) * size),
      page: i + 1,
      pages,
    }));
  });
}
