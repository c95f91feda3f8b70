/**
 * The presentation view for a projector: large type, one slide at a time (the campaign, each
 * target, each upper-level union), advanced by a tap, the arrow keys or a timer. Works offline
 * from the phone's own totals, so it can run in a room with no network. In demo mode every slide
 * says its figures are sample data, so made-up numbers never pass for real ones at a meeting.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { allocationLookup } from "../../db/supervision";
import { localTotals } from "../../db/totals";
import { fmtNum, fmtPercent, t } from "../../i18n";
import { campaign as currentCampaign, tree } from "../state/reference";
import { demoMode } from "../state/session";
import { useLive } from "../use-live";
import { bandOf, buildSlides, paginate, type Slide } from "./slides";

const TIMER_SECONDS = 12;
/** Rows per page before the first measurement (a 1280×720 projector fits about this many). */
const FIRST_GUESS = 6;

/**
 * How many rows fit on a page at the slide's type size, measured after each layout and on resize:
 * the rows below the list's top edge, times the grid's columns. Every row has the same height
 * (labels are two lines tall at most, headings always two lines), so one measure fits every slide.
 */
function useRowsPerPage(stage: { current: HTMLElement | null }, list: { current: HTMLElement | null }) {
  const [perPage, setPerPage] = useState(FIRST_GUESS);
  useLayoutEffect(() => {
    const measure = () => {
      const s = stage.current;
      const l = list.current;
      const rows = l ? [...l.children] : [];
      if (!s || !l || rows.length === 0) return;
      const style = getComputedStyle(l);
      const gap = Number.parseFloat(style.rowGap) || 0;
      const columns = Math.max(1, style.gridTemplateColumns.split(" ").filter(Boolean).length);
      const rowHeight = Math.max(...rows.map((r) => r.getBoundingClientRect().height));
      const bottom = s.getBoundingClientRect().bottom - Number.parseFloat(getComputedStyle(s).paddingBottom);
      const room = bottom - l.getBoundingClientRect().top;
      const fit = Math.max(1, columns * Math.floor((room + gap) / (rowHeight + gap)));
      setPerPage((old) => (old === fit ? old : fit));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  });
  return perPage;
}

/** Full-screen slides of the campaign's progress. */
export function PresentScreen() {
  const campaign = currentCampaign.value;
  const unitTree = tree.value;
  const root = unitTree.roots[0];
  const slides = useLive(async (): Promise<Slide[] | undefined> => {
    if (!campaign || !root) return undefined;
    const allocations = await allocationLookup(campaign.id);
    const { all } = await localTotals({
      campaign,
      tree: unitTree,
      unitId: root.id,
      scopeRoots: [root.id],
      allocations,
    });
    return buildSlides(campaign, all, unitTree.childrenOf(root.id), allocations);
  }, [campaign, unitTree, root]);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const stageRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const perPage = useRowsPerPage(stageRef, listRef);
  const pages = useMemo(() => (slides ? paginate(slides, perPage) : undefined), [slides, perPage]);
  const count = pages?.length ?? 0;
  const go = (step: number) => setIndex((i) => (count === 0 ? 0 : (i + step + count) % count));

  // A layout effect: the keys work from the moment the slide is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") go(1);
      else if (e.key === "ArrowLeft" || e.key === "PageUp") go(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => go(1), TIMER_SECONDS * 1000);
    return () => clearInterval(id);
  }, [playing, count]);

  const slide = pages?.[index % Math.max(1, count)];
  if (!slide || !campaign) return <p class="screen loading">{t("common.loading")}</p>;
  const kicker =
    slide.kind === "target"
      ? t("present.target", { n: slide.heading })
      : slide.kind === "unit"
        ? t("present.unit")
        : // The year as written ("2023"), not as a count ("2.023").
          t("present.campaign", { year: String(campaign.year) });
  return (
    <div class="present" data-testid="present">
      {/* A tap on the slide shows the next one; keys and the "Tiếp" button do the same for keyboards and readers,
          so the slide stays a region whose heading and figures are read as they are, not a button's name. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keyboard path is the window's keys and the Next button. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the window's keys and the Next button. */}
      <div class="present-stage" ref={stageRef} onClick={() => go(1)}>
        {demoMode.value && (
          <p class="present-sample" data-testid="present-sample">
            {t("present.sample")}
          </p>
        )}
        <p class="present-kicker">
          {kicker}
          {slide.pages > 1 && ` · ${t("present.page", { i: slide.page, n: slide.pages })}`}
        </p>
        <h1 class="present-heading">{slide.kind === "target" ? slide.sub : slide.heading}</h1>
        {slide.rows.length === 0 && <p class="present-empty">{t("present.unitEmpty")}</p>}
        <ul class="present-rows" ref={listRef}>
          {slide.rows.map((r) => (
            <li key={r.code} class="present-row" data-code={r.code}>
              <span class="present-label">
                {r.code}. {r.label}
              </span>
              <span class="present-figures">
                <strong>{fmtNum(r.achieved)}</strong>
                {r.goal !== null && ` / ${fmtNum(r.goal)}`} {r.unit}
                {r.percent !== null && <span class="present-percent"> · {fmtPercent(r.percent)}</span>}
              </span>
              {r.percent !== null ? (
                <span class="present-bar" aria-hidden="true">
                  <span
                    class="present-bar-fill"
                    data-band={bandOf(r.percent)}
                    style={{ width: `${Math.min(100, r.percent)}%` }}
                  />
                </span>
              ) : (
                <span class="present-bar present-bar-none" aria-hidden="true" />
              )}
            </li>
          ))}
        </ul>
      </div>
      <nav class="present-controls" aria-label={t("present.controls")}>
        <button type="button" class="btn" onClick={() => go(-1)}>
          {t("present.prev")}
        </button>
        <span aria-live="polite">{t("present.position", { i: index + 1, n: count })}</span>
        <button type="button" class="btn" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
          {playing ? t("present.pause") : t("present.play")}
        </button>
        <button type="button" class="btn" onClick={() => go(1)}>
          {t("present.next")}
        </button>
        <a class="btn" href="#/">
          {t("present.exit")}
        </a>
      </nav>
    </div>
  );
}
