/**
 * Allocations: an admin, or a supervisor whose scope holds the parent, splits a unit's goal for a
 * part among the units directly below it (the province among the districts, a district among its
 * grassroots unions). The breakdown then shows each unit against its own share.
 */
import { listAllocations } from "../../db/supervision";
import { mayAllocate } from "../../domain/supervision";
import { t } from "../../i18n";
import { ScreenHeading } from "../common/screen-heading";
import { allParts, partCodes } from "../dashboard/model";
import { navigate } from "../router";
import { campaign as currentCampaign, scopeRoots, tree as unitTree } from "../state/reference";
import { isAdmin } from "../state/session";
import { useLive } from "../use-live";
import { AllocationForm } from "./allocation-form";
import "../dashboard/supervision.css";

/** The screen: parent and part pickers, then the split form. */
export function AllocationsScreen({ params }: { params: URLSearchParams }) {
  const campaign = currentCampaign.value;
  const tree = unitTree.value;
  const scope = scopeRoots.value;
  const admin = isAdmin.value;
  const existing = useLive(async () => (campaign ? listAllocations(campaign.id) : []), [campaign]);
  if (!campaign || !existing) return <p class="screen loading">{t("common.loading")}</p>;

  const parents = (admin ? tree.flatten() : tree.flatten(scope)).filter(({ unit }) =>
    tree.childrenOf(unit.id).some((c) => mayAllocate(tree, c.id, scope, admin)),
  );
  const parts = allParts(campaign).filter((p) => (p.kind === "count" || p.kind === "distinct") && p.goal !== null);
  const codes = partCodes(campaign);
  const parentId = parents.find((x) => x.unit.id === params.get("unit"))?.unit.id ?? parents[0]?.unit.id;
  const part = parts.find((p) => p.id === params.get("part")) ?? parts[0];
  const go = (unit: string | undefined, partId: string | undefined) =>
    navigate(`#/allocations?unit=${encodeURIComponent(unit ?? "")}&part=${encodeURIComponent(partId ?? "")}`);

  const back = (
    <a class="back" href={`#/dashboard${parentId ? `?unit=${encodeURIComponent(parentId)}` : ""}`}>
      ← {t("dash.title")}
    </a>
  );
  if (!parentId || !part) {
    return (
      <div class="screen">
        {back}
        <ScreenHeading>{t("alloc.title")}</ScreenHeading>
        <p class="notice">{t("alloc.nothing")}</p>
      </div>
    );
  }
  const parent = tree.get(parentId);
  const children = tree.childrenOf(parentId);
  const shares = new Map(
    existing.filter((a) => a.partId === part.id && a.goal !== null).map((a) => [a.unitId, a.goal as number]),
  );
  const parentGoal = parent?.parentId === undefined ? (part.goal ?? undefined) : shares.get(parentId);

  return (
    <div class="screen allocations">
      {back}
      <ScreenHeading sub={campaign.code}>{t("alloc.title")}</ScreenHeading>
      <p class="muted small">{t("alloc.intro")}</p>
      <div class="filters">
        <div class="field">
          <label for="alloc-parent">{t("alloc.parent")}</label>
          <select id="alloc-parent" value={parentId} onChange={(e) => go(e.currentTarget.value, part.id)}>
            {parents.map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {`${"\u00a0\u00a0\u00a0".repeat(depth)}${depth > 0 ? "– " : ""}${unit.name}`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="alloc-part">{t("dash.part")}</label>
          <select id="alloc-part" value={part.id} onChange={(e) => go(parentId, e.currentTarget.value)}>
            {parts.map((p) => (
              <option key={p.id} value={p.id}>{`${codes.get(p.id)} ${p.title}`}</option>
            ))}
          </select>
        </div>
      </div>
      {parent && (
        <AllocationForm
          key={`${parentId}|${part.id}`}
          campaignId={campaign.id}
          part={part}
          parent={parent}
          parentGoal={parentGoal}
          children={children}
          current={shares}
        />
      )}
    </div>
  );
}
