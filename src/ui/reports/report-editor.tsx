/**
 * Writing a unit's report for a phase or the year: the four sections, drafted over several days
 * (each pause in typing keeps the draft on the phone; it never leaves it), with the direct
 * children's latest reports at hand to quote rather than retype. Submitting freezes the unit's
 * figures as the phone totals them now, stores the report for the outbox (so it works offline)
 * and forgets the draft. A report submitted earlier is the starting text of a newer one, which
 * replaces it for reading; the old stays as history.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LocalPhaseReport } from "../../db/database";
import { type DraftKey, deleteDraft, loadDraft, type ReportDraft, saveDraft } from "../../db/report-drafts";
import { allocationLookup, savePhaseReport } from "../../db/supervision";
import { localTotals } from "../../db/totals";
import { newEntryId } from "../../domain/ids";
import { todayIso } from "../../domain/phases";
import { reportOpensOn, reportTooEarly } from "../../domain/report-deadlines";
import { figuresOf, SECTION_KEYS, SECTION_MAX, type SectionKey } from "../../domain/reports";
import type { Campaign, Unit } from "../../domain/schemas";
import { type PhaseReport, phaseReport } from "../../domain/supervision";
import type { UnitTree } from "../../domain/units";
import { fmtDate, fmtTime, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { ErrorNotice } from "../common/error-notice";
import { unexpectedText } from "../common/error-text";

type Props = {
  campaign: Campaign;
  tree: UnitTree;
  unit: Unit;
  phaseId: string;
  phaseName: string;
  ownerId: string;
  /** The unit's latest report of this phase, if any: the starting text when there is no draft. */
  latest: LocalPhaseReport | undefined;
  /** The latest report of each direct child, for quoting. */
  childReports: { unit: Unit; report: LocalPhaseReport }[];
  onClose: () => void;
};

type Texts = Partial<Record<SectionKey, string>>;

const textsOf = (r: LocalPhaseReport | undefined): Texts =>
  Object.fromEntries((r?.sections ?? []).map((s) => [s.key, s.text]));

/** Pause in typing after which the draft is kept, in ms. */
const DRAFT_PAUSE = 400;

/** The report being written; see the header. */
export function ReportEditor(p: Props) {
  const key: DraftKey = { ownerId: p.ownerId, campaignId: p.campaign.id, phaseId: p.phaseId, unitId: p.unit.id };
  const [texts, setTexts] = useState<Texts | undefined>();
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; draft: ReportDraft } | undefined>(undefined);

  useEffect(() => {
    let live = true;
    loadDraft(key).then((d) => {
      if (!live) return;
      setTexts(d?.sections ?? textsOf(p.latest));
      setSavedAt(d?.savedAt);
    });
    return () => {
      live = false;
      // Leaving the screen mid-pause still keeps what was typed.
      if (pending.current) {
        clearTimeout(pending.current.timer);
        void saveDraft(key, pending.current.draft);
      }
    };
  }, [p.campaign.id, p.phaseId, p.unit.id, p.ownerId]);

  if (!texts) return <p class="muted">{t("common.loading")}</p>;

  const change = (k: SectionKey, text: string) => {
    const next = { ...texts, [k]: text };
    setTexts(next);
    if (pending.current) clearTimeout(pending.current.timer);
    const draft: ReportDraft = { sections: next, savedAt: new Date().toISOString() };
    pending.current = {
      draft,
      timer: setTimeout(() => {
        pending.current = undefined;
        saveDraft(key, draft).then(() => setSavedAt(draft.savedAt));
      }, DRAFT_PAUSE),
    };
  };

  const submit = async () => {
    const sections = SECTION_KEYS.flatMap((k) => {
      const text = texts[k]?.trim() ?? "";
      return text === "" ? [] : [{ key: k, text }];
    });
    if (sections.length === 0) {
      setError(t("reports.emptyDraft"));
      return;
    }
    if (reportTooEarly(p.campaign, p.phaseId, todayIso())) {
      const date = reportOpensOn(p.campaign, p.phaseId) ?? "";
      setError(t("reports.tooEarly", { phase: p.phaseName, date: fmtDate(date) }));
      return;
    }
    setBusy(true);
    try {
      const q = { campaign: p.campaign, tree: p.tree, unitId: p.unit.id, scopeRoots: [p.unit.id] };
      const phase = p.phaseId === "year" ? {} : { phaseId: p.phaseId };
      const totals = await localTotals({ ...q, ...phase, allocations: await allocationLookup(p.campaign.id) });
      const r: PhaseReport = {
        id: newEntryId(),
        campaignId: p.campaign.id,
        phaseId: p.phaseId,
        unitId: p.unit.id,
        sections,
        figures: figuresOf(totals.all),
        createdAt: new Date().toISOString(),
      };
      if (!phaseReport.safeParse(r).success) throw new Error(t("reason.invalid"));
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = undefined;
      await savePhaseReport(r, p.ownerId);
      await deleteDraft(key);
      requestSync();
      p.onClose();
    } catch (err) {
      setError(unexpectedText(err));
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = undefined;
    await deleteDraft(key);
    p.onClose();
  };

  return (
    <form
      class="report-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t("reports.editorTitle", { phase: p.phaseName })}</h3>
      <p class="hint">{savedAt ? t("reports.draftSaved", { time: fmtTime(savedAt) }) : t("reports.draftLocal")}</p>
      {SECTION_KEYS.map((k) => {
        const id = `report-${p.unit.id}-${p.phaseId}-${k}`;
        const quotes = p.childReports.flatMap(({ unit, report }) => {
          const text = report.sections?.find((s) => s.key === k)?.text ?? "";
          return text.trim() === "" ? [] : [{ unit, text }];
        });
        return (
          <div class="field" key={k}>
            <label for={id}>{t(`reports.section.${k}`)}</label>
            <textarea
              id={id}
              rows={4}
              maxLength={SECTION_MAX}
              value={texts[k] ?? ""}
              onInput={(e) => change(k, e.currentTarget.value)}
            />
            {quotes.length > 0 && (
              <details class="report-quotes">
                <summary>{t("reports.children", { count: quotes.length })}</summary>
                {quotes.map((q) => (
                  <blockquote key={q.unit.id}>
                    <p>
                      <strong>{q.unit.name}:</strong> {q.text}
                    </p>
                    <button
                      type="button"
                      class="btn btn-small"
                      onClick={() => {
                        const own = texts[k]?.trim() ?? "";
                        change(k, `${own === "" ? "" : `${own}\n`}${q.unit.name}: ${q.text}`);
                      }}
                    >
                      {t("reports.quote")}
                    </button>
                  </blockquote>
                ))}
              </details>
            )}
          </div>
        );
      })}
      <ErrorNotice error={error} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t("reports.submitWritten")}
        </button>
        <button type="button" class="btn" onClick={p.onClose}>
          {t("reports.keepDraft")}
        </button>
        <button type="button" class="btn btn-link" onClick={() => void discard()}>
          {t("reports.discard")}
        </button>
      </div>
    </form>
  );
}
