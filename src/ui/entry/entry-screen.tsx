/**
 * New entry: unit, target part, date, quantity and note; checked with the shared schema, saved
 * durably on the phone (only then "Đã lưu trên máy"), then handed to sync. After a save the
 * unit, part and date stay and the quantity takes the focus, for fast repeat entry.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { EntryRuleError, StorageFullError, saveEntry } from "../../db/entries";
import { allocationLookup } from "../../db/supervision";
import { getEntry, unitPartNet } from "../../db/ui-queries";
import { isEligible } from "../../domain/eligibility";
import { allocatedShareOf } from "../../domain/goals";
import { newEntryId } from "../../domain/ids";
import { findPart } from "../../domain/ledger";
import { defaultEntryDate, isClosed, phaseOf, todayIso } from "../../domain/phases";
import type { Campaign, Entry, Part, UserProfile } from "../../domain/schemas";
import { countsUnits } from "../../domain/totals";
import type { UnitTree } from "../../domain/units";
import { fmtNum, t } from "../../i18n";
import { requestSync } from "../../sync/scheduler";
import { CampaignSwitcher, ClosedCampaignNotice } from "../common/campaign-switcher";
import { unexpectedText } from "../common/error-text";
import { reasonText } from "../common/reason-text";
import { ScreenHeading } from "../common/screen-heading";
import { useReveal } from "../common/use-reveal";
import { navigate } from "../router";
import { campaign as currentCampaign, scopeUnits, tree } from "../state/reference";
import { profile } from "../state/session";
import { useLive } from "../use-live";
import { draft, updateDraft } from "./entry-draft";
import { EntryFields } from "./entry-fields";
import { dateProblem, type EntryErrors, plausibilityWarning, quantityProblem, schemaErrors } from "./entry-validation";

const fieldIds = { unit: "unit-filter", part: "part", date: "date", quantity: "quantity", note: "note" } as const;

/** The new-entry screen; `fromId` pre-fills it from a rejected entry ("Nhập lại"). */
export function EntryScreen({ fromId }: { fromId?: string | undefined }) {
  const campaign = currentCampaign.value;
  const user = profile.value;
  if (!campaign || !user) return <p class="screen loading">{t("common.loading")}</p>;
  return <EntryForm campaign={campaign} user={user} unitTree={tree.value} fromId={fromId} />;
}

type FormProps = { campaign: Campaign; user: UserProfile; unitTree: UnitTree; fromId: string | undefined };

function EntryForm({ campaign, user, unitTree, fromId }: FormProps) {
  const d = draft.value;
  const chosenPart = d.partId ? findPart(campaign, d.partId) : undefined;
  // Only units that may record the chosen part (the server's rule), never a closed one.
  const options = scopeUnits.value.filter((o) => isEligible(chosenPart ?? {}, o.unit.id, unitTree));
  const closed = isClosed(campaign);
  const [errors, setErrors] = useState<EntryErrors>({});
  const [warning, setWarning] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState("");
  const savedRef = useRef<HTMLParagraphElement>(null);
  const warningRef = useReveal<HTMLDivElement>(warning);
  const formErrorRef = useReveal<HTMLParagraphElement>(errors.form);

  // A fresh draft for this campaign: today (clamped into the campaign), the only unit if just one.
  useEffect(() => {
    const current = draft.value;
    const only = options.length === 1 ? options[0]?.unit.id : undefined;
    if (current.campaignId !== campaign.id) {
      updateDraft({
        campaignId: campaign.id,
        date: defaultEntryDate(campaign, todayIso()),
        unitId: only,
        partId: undefined,
      });
    } else if (current.unitId === undefined ? only !== undefined : !options.some((o) => o.unit.id === current.unitId)) {
      // Another user signed in, or the scope changed: the remembered unit may no longer be theirs.
      updateDraft({ unitId: only });
    }
  }, [campaign, options]);

  // "Nhập lại": copy a rejected entry into the form.
  useEffect(() => {
    if (!fromId) return;
    void getEntry(fromId).then((e) => {
      if (!e) return;
      updateDraft({
        campaignId: e.campaignId,
        unitId: e.unitId,
        partId: e.partId,
        date: e.date,
        quantity: e.quantity > 0 ? String(e.quantity) : "",
        note: e.note ?? "",
      });
      setSaved("");
    });
  }, [fromId]);

  const part = chosenPart;

  const validate = (): { entry?: Entry; errors: EntryErrors } => {
    const errs: EntryErrors = {};
    if (!d.unitId) errs.unit = t("entry.err.unit");
    if (!d.partId || !part) errs.part = t("entry.err.part");
    else if (d.unitId && !isEligible(part, d.unitId, unitTree)) errs.unit = t("entry.err.ineligible");
    const dateErr = dateProblem(campaign, d.date);
    if (dateErr) errs.date = dateErr;
    const q = quantityProblem(part, d.quantity);
    if (q.error) errs.quantity = q.error;
    const candidate: Entry = {
      id: newEntryId(),
      campaignId: campaign.id,
      partId: d.partId ?? "",
      unitId: d.unitId ?? "",
      date: d.date,
      quantity: q.quantity ?? 0,
      createdAt: new Date().toISOString(),
    };
    const note = d.note.trim();
    if (note) candidate.note = note;
    const all = { ...schemaErrors(candidate), ...errs };
    return Object.keys(all).length > 0 ? { errors: all } : { entry: candidate, errors: {} };
  };

  const save = async (confirmed: boolean) => {
    if (saving) return;
    setSaved("");
    const { entry, errors: errs } = validate();
    setErrors(errs);
    if (!entry) {
      const first = (Object.keys(fieldIds) as (keyof typeof fieldIds)[]).find((k) => errs[k]);
      if (first) document.getElementById(fieldIds[first])?.focus();
      return;
    }
    const warn = confirmed ? undefined : plausibilityWarning(part, entry.quantity);
    setWarning(warn);
    if (warn) return;
    setSaving(true);
    try {
      await saveEntry(entry, { campaign, tree: unitTree, owner: user });
      const unitName = unitTree.get(entry.unitId)?.name ?? entry.unitId;
      const amount =
        part && countsUnits(part) ? t("entry.savedDone") : `${fmtNum(entry.quantity)} ${part?.unitOfMeasure ?? ""}`;
      setSaved(t("entry.saved", { amount, unit: unitName }));
      updateDraft({ quantity: "", note: "" });
      if (fromId) navigate("#/entry");
      requestSync();
      // Focus back on the quantity for the next entry, with the confirmation under it in sight.
      requestAnimationFrame(() => {
        document.getElementById(part && countsUnits(part) ? "save" : "quantity")?.focus();
        savedRef.current?.scrollIntoView({ block: "nearest" });
      });
    } catch (err) {
      const form =
        err instanceof StorageFullError
          ? t("entry.err.storageFull")
          : err instanceof EntryRuleError
            ? reasonText(err.reason)
            : unexpectedText(err);
      setErrors({ form });
    } finally {
      setSaving(false);
    }
  };

  const phase = d.date ? phaseOf(campaign, d.date) : undefined;
  const markedBefore = useMarkedBefore(campaign.id, part, d.unitId, saved);
  const share = useAllocatedShare(campaign.id, unitTree, part, d.unitId);

  return (
    <div class="screen entry">
      <ScreenHeading sub={campaign.code}>{t("entry.title")}</ScreenHeading>
      <CampaignSwitcher />
      <ClosedCampaignNotice />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <EntryFields
          campaign={campaign}
          unitTree={unitTree}
          options={options}
          draft={d}
          part={part}
          phase={phase}
          errors={errors}
          markedBefore={markedBefore}
          share={share}
          afterQuantity={
            <p
              ref={savedRef}
              class={saved ? "saved" : "saved saved-empty"}
              role="status"
              aria-live="polite"
              data-testid="entry-saved"
            >
              {saved}
            </p>
          }
          onChange={(patch) => {
            updateDraft(patch);
            setSaved(""); // the confirmation was for the last save, not for what is typed now
            if ("quantity" in patch || "partId" in patch) setWarning(undefined);
            if ("date" in patch) {
              const dateErr = patch.date ? dateProblem(campaign, patch.date) : undefined;
              setErrors((e) => ({ ...e, date: dateErr }));
            }
          }}
        />
        {warning && (
          <div class="notice notice-warn" role="alert" ref={warningRef}>
            <p>{warning}</p>
            <div class="actions">
              {/* Fixing the figure is the likely right answer, so it is the primary button. */}
              <button
                type="button"
                class="btn btn-primary"
                onClick={() => {
                  setWarning(undefined);
                  document.getElementById("quantity")?.focus();
                }}
              >
                {t("entry.fixLarge")}
              </button>
              <button type="button" class="btn" onClick={() => void save(true)}>
                {t("entry.confirmLarge")}
              </button>
            </div>
          </div>
        )}
        {errors.form && (
          <p class="notice notice-error" role="alert" ref={formErrorRef}>
            {errors.form}
          </p>
        )}
        <button
          id="save"
          type="submit"
          class="btn btn-primary btn-block"
          disabled={saving || closed}
          aria-busy={saving}
        >
          {t("entry.save")}
        </button>
      </form>
    </div>
  );
}

/**
 * The allocated share of the part for the chosen unit, or for the nearest unit above it that has
 * one (allocations arrive with pull), named for the hint: "Chỉ tiêu giao cho {đơn vị}: …".
 */
function useAllocatedShare(
  campaignId: string,
  unitTree: UnitTree,
  part: Part | undefined,
  unitId: string | undefined,
): { unitName: string; goal: number } | undefined {
  const lookup = useLive(() => allocationLookup(campaignId), [campaignId]);
  if (!lookup || !part || !unitId || part.kind === "percent" || part.kind === "open") return undefined;
  const share = allocatedShareOf(unitTree, lookup, unitId, part.id);
  return share && { unitName: unitTree.get(share.unitId)?.name ?? share.unitId, goal: share.goal };
}

/** Whether the unit already counts for a percent or distinct part (net above 0 this campaign), re-read after each save. */
function useMarkedBefore(
  campaignId: string,
  part: Part | undefined,
  unitId: string | undefined,
  saved: string,
): boolean {
  const [marked, setMarked] = useState(false);
  useEffect(() => {
    if (!part || !countsUnits(part) || !unitId) return setMarked(false);
    let live = true;
    void unitPartNet(campaignId, part.id, unitId).then((net) => {
      if (live) setMarked(net > 0);
    });
    return () => {
      live = false;
    };
  }, [campaignId, part, unitId, saved]);
  return marked;
}
