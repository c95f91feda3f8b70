/**
 * The ledger's filters folded behind one "Lọc" button, so the first screen shows entries, not
 * three selects; each active filter stays in view as a chip that removes it with one tap.
 */
import { useState } from "preact/hooks";
import type { Campaign } from "../../domain/schemas";
import { t } from "../../i18n";
import { PartSelect } from "../common/part-select";
import { partLabel } from "../common/part-text";
import { UnitSelect } from "../common/unit-select";
import { scopeUnits, tree } from "../state/reference";
import type { ReviewFilter } from "./ledger-query";

const REVIEW_LABEL = {
  all: "ledger.reviewAll",
  "has-issues": "ledger.reviewIssues",
  unreviewed: "ledger.reviewNone",
  approved: "ledger.reviewApproved",
} as const;

type Props = {
  campaign: Campaign;
  unitId: string | undefined;
  partId: string | undefined;
  review: ReviewFilter;
  onUnit: (unitId: string | undefined) => void;
  onPart: (partId: string | undefined) => void;
  onReview: (review: ReviewFilter) => void;
};

/** The "Lọc" button, the chips of the active filters, and (when opened) the filters themselves. */
export function LedgerFilters({ campaign, unitId, partId, review, onUnit, onPart, onReview }: Props) {
  const [open, setOpen] = useState(false);
  const chips: { key: string; label: string; clear: () => void }[] = [];
  if (unitId !== undefined) {
    const name = tree.value.get(unitId)?.name ?? unitId;
    chips.push({ key: "unit", label: `${t("ledger.unit")}: ${name}`, clear: () => onUnit(undefined) });
  }
  if (partId !== undefined) {
    const label = `${t("ledger.part")}: ${partLabel(campaign, partId)}`;
    chips.push({ key: "part", label, clear: () => onPart(undefined) });
  }
  if (review !== "all") {
    const label = `${t("ledger.review")}: ${t(REVIEW_LABEL[review])}`;
    chips.push({ key: "review", label, clear: () => onReview("all") });
  }
  return (
    <div class="ledger-filters">
      <div class="filter-bar">
        <button
          type="button"
          class="btn btn-small"
          aria-expanded={open}
          aria-controls="ledger-filter-panel"
          onClick={() => setOpen(!open)}
        >
          {chips.length > 0 ? t("ledger.filterCount", { n: chips.length }) : t("ledger.filter")}
        </button>
        {chips.length > 0 && (
          <ul class="filter-chips" aria-label={t("ledger.activeFilters")}>
            {chips.map((c) => (
              <li key={c.key} class="filter-chip-item">
                <button
                  type="button"
                  class="filter-chip"
                  onClick={c.clear}
                  aria-label={t("ledger.removeFilter", { label: c.label })}
                >
                  <span class="filter-chip-text">{c.label}</span>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {open && (
        <div id="ledger-filter-panel" class="filters">
          <UnitSelect
            id="ledger-unit"
            label={t("ledger.unit")}
            allLabel={t("ledger.allUnits")}
            units={scopeUnits.value}
            value={unitId}
            onChange={onUnit}
          />
          <div class="field">
            <label for="ledger-part">{t("ledger.part")}</label>
            <PartSelect
              id="ledger-part"
              campaign={campaign}
              value={partId}
              emptyLabel={t("ledger.allParts")}
              onChange={onPart}
            />
          </div>
          <div class="field">
            <label for="ledger-review">{t("ledger.review")}</label>
            <select id="ledger-review" value={review} onChange={(e) => onReview(e.currentTarget.value as ReviewFilter)}>
              {(Object.keys(REVIEW_LABEL) as ReviewFilter[]).map((k) => (
                <option key={k} value={k}>
                  {t(REVIEW_LABEL[k])}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="btn btn-block" onClick={() => setOpen(false)}>
            {t("ledger.filterDone")}
          </button>
        </div>
      )}
    </div>
  );
}
