/**
 * Figures that stand in for an SMS report are provisional: recorded by a supervisor from a text
 * message, they count until the officer's phone sends the original entries and voids them. The
 * dashboard says which figures include them, and the breakdown marks those cells.
 */
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { standInsToMark } from "../../sync/sms-reconcile";
import { useLive } from "../use-live";
import { partCodes } from "./model";

/** Which figures on screen include SMS stand-ins. */
export type Provisional = {
  /** Part id → how much of the subtree's figure is provisional. */
  byPart: Map<string, number>;
  /** `${rowUnitId}|${partId}` of the breakdown cells that include a stand-in. */
  cells: Set<string>;
};

/** The key of a breakdown cell in `Provisional.cells`. */
export const cellKeyOf = (unitId: string, partId: string) => `${unitId}|${partId}`;

/** The stand-ins under the dashboard's subtree and phase, by part and by breakdown row. */
export function useProvisional(q: {
  campaign: Campaign | undefined;
  tree: UnitTree;
  roots: readonly string[];
  phaseId: string | undefined;
  rowUnitIds: readonly string[];
}): Provisional | undefined {
  const { campaign, tree, roots, phaseId, rowUnitIds } = q;
  return useLive(async () => {
    if (!campaign) return undefined;
    const byPart = new Map<string, number>();
    const cells = new Set<string>();
    for (const s of await standInsToMark(campaign.id)) {
      if ((phaseId !== undefined && s.phaseId !== phaseId) || !tree.isWithin(s.unitId, roots)) continue;
      byPart.set(s.partId, (byPart.get(s.partId) ?? 0) + s.net);
      const row = rowUnitIds.find((r) => tree.isWithin(s.unitId, [r]));
      if (row) cells.add(cellKeyOf(row, s.partId));
    }
    return { byPart, cells };
  }, [campaign, tree, roots.join(","), phaseId, rowUnitIds.join(",")]);
}

/** "Số tạm theo SMS": which parts' figures include stand-ins, and how much. */
export function ProvisionalNotice({
  campaign,
  provisional,
}: {
  campaign: Campaign;
  provisional: Provisional | undefined;
}) {
  if (!provisional || provisional.byPart.size === 0) return null;
  const codes = partCodes(campaign);
  const list = [...provisional.byPart].map(([partId, n]) => `${codes.get(partId) ?? partId}: ${n}`).join("; ");
  return (
    <p class="notice notice-warn" data-testid="provisional-notice">
      <span class="provisional-mark" aria-hidden="true">
        ≈
      </span>{" "}
      {t("dash.provisional", { list })}
    </p>
  );
}

/** The mark of a provisional cell: a sign, and words for screen readers (not colour alone). */
export function ProvisionalMark() {
  return (
    <span class="provisional-mark" title={t("dash.provisionalCell")}>
      <span aria-hidden="true">≈</span>
      <span class="sr-only">{t("dash.provisionalCell")}</span>
    </span>
  );
}
