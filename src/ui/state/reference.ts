/** Campaigns and units on the phone, as signals kept live from the database. */
import { batch, computed, signal } from "@preact/signals";
import { observe } from "../../db/live";
import { listCampaigns, listUnits } from "../../db/reference";
import { getSetting, setSetting } from "../../db/settings";
import { defaultCampaign, todayIso } from "../../domain/phases";
import type { Campaign, Unit } from "../../domain/schemas";
import { UnitTree } from "../../domain/units";
import { profile, scopeRootsFor } from "./session";

/** Every campaign on the phone, newest year first. */
export const campaigns = signal<Campaign[]>([]);
/** Every unit on the phone. */
export const units = signal<Unit[]>([]);
/** True once the first read of the reference tables has answered. */
export const referenceLoaded = signal(false);
/** The campaign the user chose (kept across reloads); see `campaign` for the default. */
export const chosenCampaignId = signal<string | undefined>(undefined);

/** The unit tree, rebuilt when the units change. */
export const tree = computed(() => new UnitTree(units.value));
/** The campaign the screens show: the chosen one, else the active one running today, else the newest. */
export const campaign = computed<Campaign | undefined>(
  () => campaigns.value.find((c) => c.id === chosenCampaignId.value) ?? defaultCampaign(campaigns.value, todayIso()),
);

/** Show another campaign on every screen, and remember the choice on this phone. */
export function chooseCampaign(id: string): void {
  chosenCampaignId.value = id;
  void setSetting("campaignId", id);
}
/** The roots of the signed-in user's scope. */
export const scopeRoots = computed(() => (profile.value ? scopeRootsFor(profile.value, tree.value) : []));
/** The units of the user's scope in tree order, with their depth below the scope root. */
export const scopeUnits = computed(() => tree.value.flatten(scopeRoots.value));

/**
 * Keep the signals above in step with the database; returns the unsubscribe function. Campaigns
 * and units are read in one live query and land together with the chosen campaign, in one batch:
 * a cold start draws the overview once with all three instead of once per answer (each draw and
 * its layout cost a cheap phone tens of milliseconds).
 */
export function watchReference(): () => void {
  const chosen = getSetting("campaignId").catch(() => undefined);
  return observe(
    async () => {
      const [c, u] = await Promise.all([listCampaigns(), listUnits()]);
      return { campaigns: c, units: u };
    },
    (v) => {
      void chosen.then((id) =>
        batch(() => {
          if (id !== undefined && chosenCampaignId.value === undefined) chosenCampaignId.value = id;
          campaigns.value = v.campaigns;
          units.value = v.units;
          referenceLoaded.value = true;
        }),
      );
    },
  );
}
