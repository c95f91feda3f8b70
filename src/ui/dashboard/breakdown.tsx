/**
 * The breakdown: the chosen unit's children × the parts, each cell the unit's achieved against its
 * own target ("12 / 20"), sortable by any column, a unit's name drilling down into it.
 *
 * At 360 px: the whole matrix stays one table (the same one the print view and the export hold)
 * in a horizontal scroller with the unit column sticky, so a row never loses its name; and a part
 * picker narrows it to one part across the units, with its percentage and bar, which reads
 * without scrolling at all. Behind cells carry a ▼ and hidden words, not colour alone.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Campaign } from "../../domain/schemas";
import { fmtNum, fmtPercent, t } from "../../i18n";
import { PartSelect } from "../common/part-select";
import { Fold } from "./fold";
import {
  allParts,
  type BreakdownCell,
  type BreakdownRow,
  type PartRow,
  type SortDir,
  type SortKey,
  sortRows,
} from "./model";
import { BehindMark, CheckMark, PaceBar } from "./pace-bar";
import { cellKeyOf, type Provisional, ProvisionalMark } from "./provisional";
import { UnitName } from "./unit-name";

type Props = {
  campaign: Campaign;
  rows: BreakdownRow[];
  totals: PartRow[];
  pace: number;
  /** The one part shown, or undefined for every part. */
  focus: string | undefined;
  onFocus: (partId: string | undefined) => void;
  /** The hash that makes a unit the subtree (drill-down). */
  drillHash: (unitId: string) => string;
  unitName: string;
  /** The campaign is over: no pace marks to explain. */
  ended?: boolean;
  /** Which figures include SMS stand-ins (marked ≈). */
  provisional?: Provisional | undefined;
};

const sameKey = (a: SortKey | undefined, b: SortKey) =>
  a !== undefined && a.by === b.by && (a.by === "unit" || (b.by !== "unit" && a.partId === b.partId));

/** "12 / 20", "12", with the behind or check marker. */
function CellText({ cell, provisional }: { cell: BreakdownCell | PartRow | undefined; provisional?: boolean }) {
  if (!cell) return <>–</>;
  return (
    <>
      {cell.target !== null ? `${fmtNum(cell.achieved)} / ${fmtNum(cell.target)}` : fmtNum(cell.achieved)}
      {provisional && <ProvisionalMark />}
      {cell.behind && <BehindMark short />}
      {cell.check && <CheckMark short />}
    </>
  );
}

/** A figure cell's class: behind pace, worth a check, or plain. */
function cellClass(cell: { behind: boolean; check: boolean } | undefined): string {
  return cell?.behind ? "num cell-behind" : cell?.check ? "num cell-check" : "num";
}

/** The breakdown table with its part picker. */
export function Breakdown(props: Props) {
  const { campaign, rows, totals, pace, focus, onFocus, drillHash, unitName, ended = false, provisional } = props;
  const inRow = (unitId: string, partId: string) => provisional?.cells.has(cellKeyOf(unitId, partId)) ?? false;
  const inTotal = (partId: string) => provisional?.byPart.has(partId) ?? false;
  // Unsorted at first: the units in the tree's order (the city, the districts, then the sector unions).
  const [sort, setSort] = useState<{ key: SortKey | undefined; dir: SortDir }>({ key: undefined, dir: "ascending" });
  const parts = allParts(campaign).filter((p) => focus === undefined || p.id === focus);
  const codes = new Map(totals.map((r) => [r.part.id, r]));
  const sorted = sortRows(rows, sort.key, sort.dir);

  const header = (key: SortKey, label: ComponentChildren, cls?: string) => {
    const on = sameKey(sort.key, key);
    const dir: SortDir =
      on && sort.dir === "ascending" ? "descending" : on ? "ascending" : key.by === "unit" ? "ascending" : "descending";
    return (
      <th
        key={key.by === "unit" ? "unit" : `${key.by}:${key.partId}`}
        scope="col"
        class={cls}
        aria-sort={on ? sort.dir : "none"}
      >
        <button type="button" class="sort" onClick={() => setSort({ key, dir })}>
          {label}
          <span class="sort-arrow" aria-hidden="true">
            {on ? (sort.dir === "ascending" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  const one = focus !== undefined ? parts[0] : undefined;
  // After a drill-down the tapped row is gone: give the focus to the table's new heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(unitName);
  useEffect(() => {
    if (shown.current === unitName) return;
    shown.current = unitName;
    const active = document.activeElement;
    if (!active || active === document.body) heading.current?.focus();
  }, [unitName]);
  return (
    <Fold
      id="dash-breakdown"
      title={t("dash.breakdownTitle", { unit: unitName })}
      headline={t("dash.foldUnits", { n: rows.length })}
      open
      headingRef={heading}
    >
      <div class="field">
        <label for="dash-part">{t("dash.focusPart")}</label>
        <PartSelect
          id="dash-part"
          campaign={campaign}
          value={focus}
          emptyLabel={t("dash.allParts")}
          onChange={onFocus}
        />
      </div>
      {rows.length === 0 ? (
        <p class="notice">{t("dash.noChildren")}</p>
      ) : (
        <div class="table-scroll">
          <table class={one ? "breakdown breakdown-one" : "breakdown"} data-testid="breakdown">
            <thead>
              <tr>
                {header({ by: "unit" }, t("dash.unit"), "col-unit")}
                {one
                  ? [
                      header({ by: "achieved", partId: one.id }, t("dash.achievedOfTarget")),
                      header({ by: "percent", partId: one.id }, t("dash.percent")),
                    ]
                  : parts.map((p) =>
                      header(
                        { by: "achieved", partId: p.id },
                        <>
                          {codes.get(p.id)?.code}
                          <span class="sr-only"> {p.title}</span>
                        </>,
                      ),
                    )}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.unitId} data-unit={row.unitId}>
                  <th scope="row" class="col-unit">
                    {row.hasChildren ? (
                      <a href={drillHash(row.unitId)}>
                        <UnitName name={row.name} />
                        <span aria-hidden="true"> ›</span>
                      </a>
                    ) : (
                      <UnitName name={row.name} />
                    )}
                  </th>
                  {one ? (
                    <OneCells
                      cell={row.cells.get(one.id)}
                      label={`${row.name}: ${one.title}`}
                      pace={pace}
                      provisional={inRow(row.unitId, one.id)}
                    />
                  ) : (
                    parts.map((p) => {
                      const cell = row.cells.get(p.id);
                      return (
                        <td key={p.id} class={cellClass(cell)} data-part={p.id}>
                          <CellText cell={cell} provisional={inRow(row.unitId, p.id)} />
                        </td>
                      );
                    })
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" class="col-unit">
                  {t("dash.total")}
                </th>
                {one ? (
                  <OneCells
                    cell={codes.get(one.id)}
                    label={`${t("dash.total")}: ${one.title}`}
                    pace={pace}
                    provisional={inTotal(one.id)}
                  />
                ) : (
                  parts.map((p) => (
                    <td key={p.id} class={cellClass(codes.get(p.id))}>
                      <CellText cell={codes.get(p.id)} provisional={inTotal(p.id)} />
                    </td>
                  ))
                )}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p class="hint">
        {ended
          ? t(one ? "dash.breakdownHintOneEnded" : "dash.breakdownHintEnded")
          : t(one ? "dash.breakdownHintOne" : "dash.breakdownHint")}
      </p>
    </Fold>
  );
}

/** The two cells of the one-part view: achieved against target, and the percentage with its bar. */
type OneProps = { cell: BreakdownCell | PartRow | undefined; label: string; pace: number; provisional: boolean };
function OneCells({ cell, label, pace, provisional }: OneProps) {
  return (
    <>
      <td class={cellClass(cell)}>
        <CellText cell={cell} provisional={provisional} />
      </td>
      <td class="num col-pct">
        {cell?.percent != null ? (
          <>
            {fmtPercent(cell.percent)}
            <PaceBar label={label} percent={cell.percent} pace={pace} behind={cell.behind} />
          </>
        ) : (
          <span class="muted">{t("dash.noTarget")}</span>
        )}
      </td>
    </>
  );
}
