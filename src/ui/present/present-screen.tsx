/**
 * The presentation view for a projector: large type, one slide at a time (the campaign, each
 * target, each upper-level union), advanced by a tap, the arrow keys or a timer. Works offline
 * from the phone's own totals, so it can run in a room with no network.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { allocationLookup } from "../../db/supervision";
import { localTotals } from "../../db/totals";
import { fmtNum, fmtPercent, t } from "../../i18n";
import { campaign as currentCampaign, tree } from "../state/reference";
import { useLive } from "../use-live";
import { buildSlides, type Slide } from "./slides";

const TIMER_SECONDS = 12;

/**
 * Shrink the slide's type until it fits the screen: a projector at 1280×720 must show all twelve
 * targets, or a unit's sixteen parts, with the controls in view (a walkthrough found half of them
 * below the fold). Measured on the element after each layout, in steps of 5 %, down to 40 %.
 */
function useFitToScreen(deps: readonly unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const shrinkToFit = () => {
      let scale = 1;
      el.style.setProperty("--fit", "1");
      while (el.scrollHeight > el.clientHeight + 1 && scale > 0.4) {
        scale -= 0.05;
        el.style.setProperty("--fit", scale.toFixed(2));
      }
    };
    shrinkToFit();
    window.addEventListener("resize", shrinkToFit);
    return () => window.removeEventListener("resize", shrinkToFit);
  }, deps);
  return ref;
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
  const count = slides?.length ?? 0;
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

  const slide = slides?.[index % Math.max(1, count)];
  const stageRef = useFitToScreen([slide]);
  if (!slide) return <p class="screen loading">{t("common.loading")}</p>;
  return (
    <div class="present" data-testid="present">
      {/* A tap on the slide shows the next one; keys and the "Tiếp" button do the same for keyboards and readers,
          so the slide stays a region whose heading and figures are read as they are, not a button's name. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keyboard path is the window's keys and the Next button. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the window's keys and the Next button. */}
      <div class="present-stage" ref={stageRef} onClick={() => go(1)}>
        <p class="present-kicker">
          {slide.kind === "target"
            ? t("present.target", { n: slide.heading })
            : slide.kind === "unit"
              ? t("present.unit")
              : t("present.campaign", { year: campaign?.year ?? "" })}
        </p>
        <h1 class="present-heading">{slide.kind === "target" ? slide.sub : slide.heading}</h1>
        <ul class="present-rows">
          {slide.rows.map((r) => (
            <li key={r.label} class="present-row">
              <span class="present-label">{r.label}</span>
              <span class="present-figures">
                <strong>{fmtNum(r.achieved)}</strong>
                {r.goal !== null && ` / ${fmtNum(r.goal)}`} {r.unit}
                {r.percent !== null && <span class="present-percent"> · {fmtPercent(r.percent)}</span>}
              </span>
              {r.percent !== null && (
                <span class="present-bar" aria-hidden="true">
                  <span class="present-bar-fill" style={{ width: `${Math.min(100, r.percent)}%` }} />
                </span>
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
