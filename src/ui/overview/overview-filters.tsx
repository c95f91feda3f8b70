/** The overview's filters: phase (Đợt 1 / Đợt 2 / Cả năm) and unit within the user's scope. */
import { signal } from "@preact/signals";
import type { Campaign } from "../../domain/schemas";
import { t } from "../../i18n";
import { UnitSelect } from "../common/unit-select";
import { scopeUnits } from "../state/reference";

/** The chosen phase id, "all" for the whole year, or undefined for the default (today's phase). */
export const chosenPhase = signal<string | undefined>(undefined);
/** The chosen unit, or undefined for the user's whole scope. */
export const chosenUnit = signal<string | undefined>(undefined);

/** Phase as a row of big radio buttons, unit as a select. */
export function OverviewFilters({ campaign, phaseId }: { campaign: Campaign; phaseId: string }) {
  const options = [
    ...campaign.phases.map((p) => ({ id: p.id, name: p.name })),
    { id: "all", name: t("overview.allYear") },
  ];
  return (
    <div class="filters">
      <fieldset class="segmented">
        <legend>{t("overview.phase")}</legend>
        <div class="segmented-options">
          {options.map((o) => (
            <label key={o.id} class={o.id === phaseId ? "segment segment-on" : "segment"}>
              <input
                type="radio"
                name="overview-phase"
                value={o.id}
                checked={o.id === phaseId}
                onChange={() => {
                  chosenPhase.value = o.id;
                }}
              />
              <span>{o.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <UnitSelect
        id="overview-unit"
        label={t("overview.unit")}
        allLabel={t("overview.allScope")}
        units={scopeUnits.value}
        value={chosenUnit.value}
        onChange={(id) => {
          chosenUnit.value = id;
        }}
      />
    </div>
  );
}
