/**
 * Next year's campaign from last year's (pure): a new id and year, every date one year later, the
 * goals of count and distinct parts left blank for the admin to fill (the form refuses to save
 * without them), a blank document number (next year's decision has its own), status active.
 * Phase, target and part ids stay: they are per campaign, and keeping them keeps reports comparable.
 */
import type { Campaign, Part } from "../../domain/schemas";

/** A campaign being edited: as the schema, except that a count or distinct goal may still be blank. */
export type CampaignDraft = Campaign;

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
export function shiftDay(day: string, years = 1): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const year = Number(m[1]) + years;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dd = m[2] === "02" && m[3] === "29" && !leap ? "28" : m[3];
  return `${String(year).padStart(4, "0")}-${m[2]}-${dd}`;
}

/** The id of next year's copy: the year in the id moved on (laichau-2023 → laichau-2024), else "-YYYY" added. */
export function nextYearId(id: string, year: number): string {
  const next = String(year + 1);
  return id.includes(String(year)) ? id.split(String(year)).join(next) : `${id}-${next}`;
}

const shiftOpt = (day: string | undefined) => (day === undefined ? undefined : shiftDay(day));

function copyPart(p: Part): Part {
  const out: Part = { ...p, goal: p.kind === "count" || p.kind === "distinct" ? null : p.goal };
  const dueBy = shiftOpt(p.dueBy);
  if (dueBy === undefined) delete out.dueBy;
  else out.dueBy = dueBy;
  if (p.eligible) out.eligible = structuredClone(p.eligible);
  return out;
}

/** Next year's draft of `c`. */
export function copyToNextYear(c: Campaign): CampaignDraft {
  const year = c.year + 1;
  const out: CampaignDraft = {
    ...structuredClone(c),
    id: nextYearId(c.id, c.year),
    code: "",
    year,
    title: c.title.split(String(c.year)).join(String(year)),
    issuedOn: shiftDay(c.issuedOn),
    status: "active",
    phases: c.phases.map((p) => {
      const phase = { ...p, start: shiftDay(p.start), end: shiftDay(p.end) };
      if (p.reportDue !== undefined) phase.reportDue = shiftDay(p.reportDue);
      return phase;
    }),
    milestones: c.milestones.map((m) => ({ ...m, date: shiftDay(m.date) })),
    targets: c.targets.map((t) => ({ ...t, parts: t.parts.map(copyPart) })),
  };
  if (c.reportDue !== undefined) out.reportDue = shiftDay(c.reportDue);
  return out;
}

/** An empty campaign for `year`, with one phase for the year and one target to fill. */
export function blankCampaign(year: number): CampaignDraft {
  return {
    id: `phong-trao-${year}`,
    code: "",
    title: "",
    year,
    issuedBy: "",
    issuedOn: `${year}-01-01`,
    status: "active",
    phases: [{ id: "dot-1", name: "Đợt 1", theme: "", start: `${year}-01-01`, end: `${year}-12-31` }],
    milestones: [],
    targets: [
      {
        id: "t1",
        number: 1,
        title: "",
        parts: [{ id: "t1-1", title: "", kind: "count", goal: null, unitOfMeasure: "" }],
      },
    ],
  };
}
