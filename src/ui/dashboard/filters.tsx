/** The dashboard's choices: campaign (when there are several), phase, unit subtree, and the breadcrumb back up. */
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { CampaignSwitcher } from "../common/campaign-switcher";
import { UnitSelect } from "../common/unit-select";
import { scopeUnits } from "../state/reference";
import { UnitName } from "./unit-name";

type Props = {
  campaign: Campaign;
  phaseId: string | undefined;
  unitId: string | undefined;
  tree: UnitTree;
  /** The user's top scope roots (the breadcrumb starts at theirs). */
  tops: string[];
  onPhase: (phase: string) => void;
  unitHash: (unitId: string | undefined) => string;
  onUnit: (unitId: string | undefined) => void;
};

/** Campaign select, phase as big radio buttons, unit select, breadcrumb. */
export function DashboardFilters({ campaign, phaseId, unitId, tree, tops, onPhase, unitHash, onUnit }: Props) {
  const options = [
    ...campaign.phases.map((p) => ({ id: p.id, name: p.name })),
    { id: "all", name: t("overview.allYear") },
  ];
  const current = phaseId ?? "all";
  return (
    <div class="filters">
      <CampaignSwitcher id="dash-campaign" />
      <fieldset class="segmented">
        <legend>{t("overview.phase")}</legend>
        <div class="segmented-options">
          {options.map((o) => (
            <label key={o.id} class={o.id === current ? "segment segment-on" : "segment"}>
              <input
                type="radio"
                name="dash-phase"
                value={o.id}
                checked={o.id === current}
                onChange={() => onPhase(o.id)}
              />
              <span>{o.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <UnitSelect
        id="dash-unit"
        label={t("dash.unitSubtree")}
        allLabel={tops.length > 1 ? t("overview.allScope") : (tree.get(tops[0] ?? "")?.name ?? t("overview.allScope"))}
        units={scopeUnits.value.filter((u) => tops.length > 1 || u.unit.id !== tops[0])}
        value={tops.length === 1 && unitId === tops[0] ? undefined : unitId}
        onChange={onUnit}
      />
      <Breadcrumb tree={tree} unitId={unitId} tops={tops} unitHash={unitHash} />
    </div>
  );
}

/** "LĐLĐ tỉnh › LĐLĐ huyện Tam Đường › …": each level a link back up, the current one marked. */
function Breadcrumb({ tree, unitId, tops, unitHash }: Pick<Props, "tree" | "unitId" | "tops" | "unitHash">) {
  const path = unitId === undefined ? [] : tree.pathToRoot(unitId).reverse();
  const start = path.findIndex((u) => tops.includes(u.id));
  const shown = start < 0 ? [] : path.slice(start);
  if (shown.length <= 1 && tops.length <= 1) return null;
  return (
    <nav class="crumbs" aria-label={t("dash.crumbs")}>
      <ol>
        {tops.length > 1 && (
          <li>
            <a href={unitHash(undefined)} aria-current={unitId === undefined ? "location" : undefined}>
              {t("overview.allScope")}
            </a>
          </li>
        )}
        {shown.map((u) => (
          <li key={u.id}>
            <a href={unitHash(u.id)} aria-current={u.id === unitId ? "location" : undefined}>
              <UnitName name={u.name} />
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
