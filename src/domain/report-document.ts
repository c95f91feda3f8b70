/**
 * The report a unit owes at a phase's end (sơ kết) or the year's (tổng kết), as a plain document
 * model that a renderer turns into .docx (src/report/docx.ts) or a screen. One builder for the
 * app and the server's `report-docx` command, so both print the same document (DESIGN §6
 * "Report document", §7 "Report content").
 *
 * What goes in, and why:
 * - Header (Nghị định 30/2020/NĐ-CP): the issuing body above (the parent union, or the national
 *   federation above the root) over the unit's own name; "Số: …/BC-<shortName>" with the number
 *   left blank for the office to assign; the national title and motto; "<place>, ngày … tháng …
 *   năm …" with the unit's own place, else its nearest ancestor's.
 * - Figures: the unit's subtree totals now (`computeTotals`), against its goals (the campaign's at
 *   the root, the allocated share below it where set). "Đạt" / "Chưa đạt" for a part with a goal;
 *   an open part, or one with no share allocated, gets no verdict.
 * - Sections: for each key, the unit's own latest report's text, then each direct child's, led by
 *   the child's name (and "(nộp muộn)" when it came after the deadline), so a district report
 *   quotes its grassroots unions.
 * - Nominations (year-end only): the subtree's, except those whose latest decision returned them.
 * - Signature: the root and upper-level unions sign for their standing committee (TM. BAN THƯỜNG
 *   VỤ), a grassroots union (no children) for its executive committee (TM. BAN CHẤP HÀNH).
 * Nothing to report (no entries counted, no report and no nomination): `undefined`.
 */

import { reportingStatus } from "./report-deadlines";
import { roman, WORDING } from "./report-wording";
import {
  latestDecisions,
  latestReports,
  type Nomination,
  type NominationReview,
  reportKey,
  SECTION_KEYS,
  YEAR_REPORT,
} from "./reports";
import type { Campaign, Unit } from "./schemas";
import { type PhaseReport, type Verdict, verdictOf } from "./supervision";
import { type Cell, computeTotals, type GoalLookup } from "./totals";
import type { UnitTree } from "./units";

/** What the builder reads. */
export type ReportInput = {
  campaign: Campaign;
  tree: UnitTree;
  unitId: string;
  /** A phase of the campaign, or "year". */
  phaseId: string;
  cells: Iterable<Cell>;
  allocations?: GoalLookup;
  /**
   * Phase reports of any unit and phase: the builder takes the latest of the unit and its
   * children; a child's whose first report reached the server after the deadline is marked late.
   */
  reports: Iterable<PhaseReport & { receivedAt?: string | undefined }>;
  nominations: Iterable<Nomination>;
  nominationReviews?: Iterable<NominationReview>;
  /** The day the document is dated, "YYYY-MM-DD". */
  date: string;
};

/** One row of the figures table; text as printed, the verdict as data. */
export type FigureRow = {
  number: string;
  part: string;
  unitOfMeasure: string;
  goal: string;
  achieved: string;
  verdict: Verdict | null;
  verdictText: string;
};

/** A paragraph of a section: a child's text is led by the child's name. */
export type Paragraph = { lead?: string; text: string };

export type NominationLine = { name: string; unitName: string; achievements: string; award: string };

/** The document, in reading order. */
export type ReportDocument = {
  header: {
    /** The body above the unit, upper case (regular weight). */
    issuer: string;
    /** The unit's own name, upper case (bold). */
    unit: string;
    number: string;
    nation: string;
    motto: string;
    placeDate: string;
  };
  title: string;
  subtitle: string;
  intro: string;
  figures: { heading: string; columns: readonly string[]; rows: FigureRow[] };
  sections: { key: string; heading: string; paragraphs: Paragraph[] }[];
  nominations?: {
    heading: string;
    columns: readonly string[];
    groups: { heading: string; items: NominationLine[] }[];
  };
  signature: { onBehalf: string; title: string };
  recipients: { heading: string; lines: string[] };
};

/** Build the document, or `undefined` when there is nothing to report. Throws on an unknown unit or phase. */
export function buildReport(input: ReportInput): ReportDocument | undefined {
  const { campaign, tree, unitId, phaseId } = input;
  const unit = tree.get(unitId);
  if (!unit) throw new RangeError(`no unit ${unitId}`);
  const phase = campaign.phases.find((p) => p.id === phaseId);
  if (phaseId !== YEAR_REPORT && !phase) throw new RangeError(`campaign ${campaign.id} has no phase ${phaseId}`);

  const figures = figureRows(input);
  const sections = sectionsOf(input, unit);
  const nominations = phaseId === YEAR_REPORT ? nominationGroups(input) : [];
  const anyFigure = figures.some((r) => r.achievedValue > 0);
  if (!anyFigure && sections.length === 0 && nominations.length === 0) return undefined;

  const grassroots = tree.childrenOf(unit.id).length === 0;
  const parent = unit.parentId === undefined ? undefined : tree.get(unit.parentId);
  const work = phase ? WORDING.phaseWork(phase.name, campaign.year) : WORDING.yearWork(campaign.year);
  const doc: ReportDocument = {
    header: {
      issuer: parent ? parent.name.toLocaleUpperCase("vi") : WORDING.rootIssuer,
      unit: unit.name.toLocaleUpperCase("vi"),
      number: `${WORDING.numberPrefix}      /${WORDING.reportKind}-${shortNameOf(unit, grassroots)}`,
      nation: WORDING.nation,
      motto: WORDING.motto,
      placeDate: placeDate(tree, unit, input.date),
    },
    title: WORDING.title,
    subtitle: phase ? WORDING.phaseTitle(phase.name, campaign.year) : WORDING.yearTitle(campaign.year),
    intro: WORDING.intro(campaign.code, shortDate(campaign.issuedOn), campaign.issuedBy, unit.name, work),
    figures: {
      heading: `${roman(1)}. ${WORDING.figuresHeading}`,
      columns: WORDING.figureColumns,
      rows: figures.map(({ achievedValue: _, ...row }) => row),
    },
    sections: sections.map((s, i) => ({ ...s, heading: `${roman(i + 2)}. ${s.heading}` })),
    signature: {
      onBehalf: grassroots ? WORDING.onBehalf.grassroots : WORDING.onBehalf.upper,
      title: WORDING.signerTitle,
    },
    recipients: {
      heading: WORDING.recipientsHeading,
      lines: [parent ? `${parent.name} (b/c);` : WORDING.rootRecipient, WORDING.archive],
    },
  };
  if (nominations.length > 0) {
    doc.nominations = {
      heading: `${roman(sections.length + 2)}. ${WORDING.nominationsHeading}`,
      columns: WORDING.nominationColumns,
      groups: nominations,
    };
  }
  return doc;
}

/** The figures table rows, with the raw achieved figure kept to tell whether anything happened. */
function figureRows(input: ReportInput): (FigureRow & { achievedValue: number })[] {
  const { campaign } = input;
  const totals = computeTotals({
    campaign,
    tree: input.tree,
    cells: input.cells,
    unitId: input.unitId,
    scopeRoots: [input.unitId],
    ...(input.phaseId === YEAR_REPORT ? {} : { phaseId: input.phaseId }),
    ...(input.allocations ? { allocations: input.allocations } : {}),
  });
  const byPart = new Map(totals.parts.map((p) => [p.partId, p]));
  return campaign.targets.flatMap((target) =>
    target.parts.map((part, i) => {
      const total = byPart.get(part.id);
      const achieved = total?.achieved ?? 0;
      const number = target.parts.length > 1 ? `${target.number}.${i + 1}` : String(target.number);
      let goal: string = WORDING.noGoal;
      let shown = String(achieved);
      // The same verdict as the dashboard's (verdictOf): a percent part is met when every unit did it.
      let reach: number | null = null;
      if (part.kind === "percent") {
        const units = total?.unitsInScope ?? 0;
        goal = "100%";
        shown = `${achieved}/${units} (${Math.round(total?.percent ?? 0)}%)`;
        reach = units;
      } else if (part.kind !== "open" && total?.goal !== null && total?.goal !== undefined) {
        goal = String(total.goal);
        reach = total.goal;
      }
      const verdict = verdictOf(achieved, reach) ?? null;
      const verdictText = verdict === "met" ? WORDING.met : verdict === "not-met" ? WORDING.notMet : "";
      return {
        number,
        part: part.title,
        unitOfMeasure: part.unitOfMeasure,
        goal,
        achieved: shown,
        verdict,
        verdictText,
        achievedValue: achieved,
      };
    }),
  );
}

/** The sections with any text: the unit's own latest report first, then its direct children's. */
function sectionsOf(input: ReportInput, unit: Unit): { key: string; heading: string; paragraphs: Paragraph[] }[] {
  const { campaign, tree, phaseId } = input;
  const latest = latestReports([...input.reports].filter((r) => r.campaignId === campaign.id && r.phaseId === phaseId));
  const reportOf = (id: string) => latest.get(reportKey(campaign.id, phaseId, id));
  const own = reportOf(unit.id);
  const children = tree.childrenOf(unit.id).map((child) => ({ child, report: reportOf(child.id) }));
  const late = new Set(
    reportingStatus(
      campaign,
      phaseId,
      children.map(({ child }) => child.id),
      input.reports,
      input.date,
    ).late,
  );
  return SECTION_KEYS.flatMap((key) => {
    const textOf = (r: PhaseReport | undefined) => r?.sections?.find((s) => s.key === key)?.text.trim() ?? "";
    const paragraphs: Paragraph[] = splitParagraphs(textOf(own)).map((text) => ({ text }));
    for (const { child, report } of children) {
      splitParagraphs(textOf(report)).forEach((text, i) => {
        const lead = `${child.name}${late.has(child.id) ? WORDING.late : ""}:`;
        paragraphs.push(i === 0 ? { lead, text } : { text });
      });
    }
    return paragraphs.length === 0 ? [] : [{ key, heading: WORDING.sectionHeadings[key], paragraphs }];
  });
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** The subtree's nominations, collectives then individuals, without those returned by the level above. */
function nominationGroups(input: ReportInput): { heading: string; items: NominationLine[] }[] {
  const { campaign, tree } = input;
  const order = new Map(tree.flatten([input.unitId]).map(({ unit }, i) => [unit.id, i]));
  const decision = latestDecisions(input.nominationReviews ?? []);
  const kept = [...input.nominations]
    .filter((n) => n.campaignId === campaign.id && order.has(n.unitId))
    .filter((n) => decision.get(n.id)?.state !== "returned")
    .sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) || a.createdAt.localeCompare(b.createdAt));
  return (["collective", "individual"] as const).flatMap((kind) => {
    const items = kept
      .filter((n) => n.kind === kind)
      .map((n) => ({
        name: n.name,
        unitName: tree.get(n.unitId)?.name ?? n.unitId,
        achievements: n.achievements,
        award: n.award,
      }));
    return items.length === 0 ? [] : [{ heading: WORDING.nominationGroups[kind], items }];
  });
}

function shortNameOf(unit: Unit, grassroots: boolean): string {
  return unit.shortName ?? (grassroots ? WORDING.defaultShortName.grassroots : WORDING.defaultShortName.upper);
}

/** "<place>, ngày 05 tháng 01 năm 2024": days below 10 and months 1 and 2 take a leading zero (NĐ 30). */
function placeDate(tree: UnitTree, unit: Unit, date: string): string {
  const place = tree.pathToRoot(unit.id).find((u) => u.place !== undefined)?.place ?? "";
  const [year = "", month = "", day = ""] = date.split("-");
  return WORDING.date(place, day, monthText(month), year);
}

/** "2023-03-03" as "03/3/2023", the decree's in-text form. */
function shortDate(date: string): string {
  const [year = "", month = "", day = ""] = date.split("-");
  return `${day}/${monthText(month)}/${year}`;
}

function monthText(month: string): string {
  const m = Number(month);
  return m < 3 ? String(m).padStart(2, "0") : String(m);
}
