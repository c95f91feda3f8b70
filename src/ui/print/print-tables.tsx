/** The print view's tables: the targets, the units' breakdown, the reporting rate. */

import type { UnitTree } from "../../domain/units";
import { fmtNum, fmtPercent, t } from "../../i18n";
import { type BreakdownRow, type PartRow, type PhaseReporting, shortUnitName } from "../dashboard/model";
import { remarkOf } from "../export/rows";

/** Targets: code, title, unit of measure, goal, achieved, %, remark (behind). */
export function PrintParts({ parts }: { parts: PartRow[] }) {
  return (
    <table class="doc-table">
      <thead>
        <tr>
          <th scope="col">{t("print.no")}</th>
          <th scope="col">{t("export.part")}</th>
          <th scope="col">{t("export.uom")}</th>
          <th scope="col">{t("export.target")}</th>
          <th scope="col">{t("print.result")}</th>
          <th scope="col">{t("print.rate")}</th>
          <th scope="col">{t("print.remark")}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((r) => (
          <tr key={r.part.id}>
            <td class="c">{r.code}</td>
            <td>{r.part.title}</td>
            <td class="c">{r.part.kind === "percent" ? t("dash.unitsUom") : r.part.unitOfMeasure}</td>
            <td class="num">{r.target === null ? "–" : fmtNum(r.target)}</td>
            <td class="num">{fmtNum(r.achieved)}</td>
            <td class="num">{r.percent === null ? "–" : fmtPercent(r.percent)}</td>
            <td class="c">{r.verdict || r.behind ? remarkOf(r) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Units × parts, "achieved/target" per cell, the subtree's total last. */
export function PrintBreakdown({
  rows,
  parts,
  ended = false,
  label,
}: {
  rows: BreakdownRow[];
  parts: PartRow[];
  ended?: boolean;
  /** The table's name for a screen reader (its scroller takes the keyboard focus on a narrow screen). */
  label: string;
}) {
  if (rows.length === 0) return <p>{t("dash.noChildren")}</p>;
  const cell = (c: { achieved: number; target: number | null; behind: boolean } | undefined) =>
    c ? `${fmtNum(c.achieved)}${c.target !== null ? `/${fmtNum(c.target)}` : ""}${c.behind ? "▼" : ""}` : "–";
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the phone scrolls with the arrow keys. */}
      <section class="table-scroll" aria-label={label} tabIndex={0}>
        <table class="doc-table doc-matrix">
          <thead>
            <tr>
              <th scope="col">{t("dash.unit")}</th>
              {parts.map((p) => (
                <th key={p.part.id} scope="col">
                  {p.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId}>
                <th scope="row">{shortUnitName(r.name)}</th>
                {parts.map((p) => (
                  <td key={p.part.id} class="num">
                    {cell(r.cells.get(p.part.id))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("dash.total")}</th>
              {parts.map((p) => (
                <td key={p.part.id} class="num">
                  {cell(p)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>
      <p class="doc-note">{t(ended ? "print.matrixNoteEnded" : "print.matrixNote")}</p>
    </>
  );
}

/** Per phase and the year: submitted, expected, rate, the units that reported late and those that have not reported. */
export function PrintReporting({ reporting, tree }: { reporting: PhaseReporting[]; tree: UnitTree }) {
  return (
    <table class="doc-table">
      <thead>
        <tr>
          <th scope="col">{t("print.phase")}</th>
          <th scope="col">{t("print.submitted")}</th>
          <th scope="col">{t("print.expected")}</th>
          <th scope="col">{t("print.rate")}</th>
          <th scope="col">{t("print.late")}</th>
          <th scope="col">{t("print.missing")}</th>
        </tr>
      </thead>
      <tbody>
        {reporting.map((r) => (
          <tr key={r.phaseId}>
            <td class="c">{r.name}</td>
            <td class="num">{fmtNum(r.submitted)}</td>
            <td class="num">{fmtNum(r.expected)}</td>
            <td class="num">{r.expected > 0 ? fmtPercent((r.submitted / r.expected) * 100) : "–"}</td>
            <td class="doc-small">
              {r.late.length === 0 ? "–" : r.late.map((id) => shortUnitName(tree.get(id)?.name ?? id)).join("; ")}
            </td>
            <td class="doc-small">
              {r.missing.length === 0
                ? t("dash.allReported")
                : r.missing.map((id) => shortUnitName(tree.get(id)?.name ?? id)).join("; ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
