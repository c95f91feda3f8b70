/**
 * The first screen: the campaign's 12 targets with progress, filtered by phase and unit, and
 * the coming anniversaries. Totals come from the maintained cells (localTotals), re-read live
 * whenever an entry is saved or synced, so the screen stays fast over 100,000 entries.
 */

import { useEffect } from "preact/hooks";
import { allocationLookup } from "../../db/supervision";
import { localTotals } from "../../db/totals";
import { phaseOf, todayIso } from "../../domain/phases";
import type { PartTotal } from "../../domain/schemas";
import { fmtDate, t } from "../../i18n";
import { CampaignSwitcher, ClosedCampaignNotice } from "../common/campaign-switcher";
import { ScreenHeading } from "../common/screen-heading";
import { firstScreenReady } from "../state/local";
import { campaign as currentCampaign, referenceLoaded, scopeRoots, tree } from "../state/reference";
import { useLive } from "../use-live";
import { AwaitingNotice } from "./awaiting-notice";
import { MilestoneList } from "./milestone-list";
import { chosenPhase, chosenUnit, OverviewFilters } from "./overview-filters";
import { TargetCard } from "./target-card";

const byPart = (parts: PartTotal[]) => new Map(parts.map((p) => [p.partId, p]));

/** Campaign overview: targets, progress, milestones. */
export function OverviewScreen() {
  const campaign = currentCampaign.value;
  const unitTree = tree.value;
  const roots = scopeRoots.value;
  const today = todayIso();
  const phaseId = chosenPhase.value ?? (campaign && phaseOf(campaign, today)?.id) ?? "all";
  // A unit chosen earlier may be outside the scope of whoever is signed in now.
  const unitId =
    chosenUnit.value !== undefined && unitTree.isWithin(chosenUnit.value, roots) ? chosenUnit.value : undefined;

  const totals = useLive(async () => {
    if (!campaign || roots.length === 0) return undefined;
    // A district's or unit's share of a goal, where the province allocated one (as the dashboard shows it).
    const allocations = await allocationLookup(campaign.id);
    const q = {
      campaign,
      tree: unitTree,
      scopeRoots: roots,
      allocations,
      ...(phaseId !== "all" && { phaseId }),
      ...(unitId && { unitId }),
    };
    const { synced, all } = await localTotals(q);
    return { synced: byPart(synced.parts), all: byPart(all.parts) };
  }, [campaign, unitTree, roots, phaseId, unitId]);

  // Tell start-up the first screen is usable: the sync engine and the service worker may load now.
  useEffect(() => {
    if (totals) firstScreenReady.value = true;
  }, [totals]);
  if (!campaign) {
    return <p class="screen loading">{referenceLoaded.value ? t("overview.noCampaign") : t("common.loading")}</p>;
  }
  // Until the first totals answer, the one loading line: the page is drawn once, complete, not a
  // page of headings and filters drawn and laid out first and again when the targets arrive (each
  // draw costs a cheap phone tens of milliseconds on a cold start, and the page would jump).
  if (roots.length > 0 && !totals) return <p class="screen loading">{t("common.loading")}</p>;
  return (
    <div class="screen overview">
      <ScreenHeading sub={t("overview.issued", { code: campaign.code, date: fmtDate(campaign.issuedOn) })}>
        {campaign.title}
      </ScreenHeading>
      <CampaignSwitcher />
      <ClosedCampaignNotice />
      <AwaitingNotice />
      <OverviewFilters campaign={campaign} phaseId={phaseId} />
      {roots.length === 0 ? (
        <p class="notice">{t("overview.noScope")}</p>
      ) : (
        <section aria-labelledby="targets-title">
          <h2 id="targets-title" class="section-title">
            {t("overview.targets", { n: campaign.targets.length })}
          </h2>
          {totals && (
            <ol class="targets">
              {campaign.targets.map((target) => (
                <TargetCard key={target.id} target={target} synced={totals.synced} all={totals.all} />
              ))}
            </ol>
          )}
        </section>
      )}
      {roots.length > 0 && (
        <a class="btn btn-block" href="#/reports">
          {t("overview.phaseReports")}
        </a>
      )}
      <MilestoneList campaign={campaign} today={today} />
    </div>
  );
}
