/** Campaigns and units on the phone, as signals kept live from the database. */
import { computed, signal } from "@preact/signals";
import { observe } from "../../db/live";
import { listCampaigns, listUnits } from "../../db/reference";
import type { Campaign, Unit } from "../../domain/schemas";
import { UnitTree } from "../../domain/units";
import { profile, scopeRootsFor } from "./session";

/** Every campaign on the phone, newest year first. */
export const campaigns = signal<Campaign[]>([]);
/** Every unit on the phone. */
export const units = signal<Unit[]>([]);
/** True once the first read of the reference tables has answered. */
export const referenceLoaded = signal(false);
/** The campaign the user chose; the newest one when none is chosen. */
export const chosenCampaignId = signal<string | undefined>(undefined);

/** The unit tree, rebuilt when the units change. */
export const tree = computed(() => new UnitTree(units.value));
/** The campaign the screens show. */
export const campaign = computed<Campaign | undefined>(
  () => campaigns.value.find((c) => c.id === chosenCampaignId.value) ?? campaigns.value[0],
);
/** The roots of the signed-in user's scope. */
export const scopeRoots = computed(() => (profile.value ? scopeRootsFor(profile.value, tree.value) : []));
/** The units of the user's scope in tree order, with their depth below the scope root. */
export const scopeUnits = computed(() => tree.value.flatten(scopeRoots.value));

/** Keep the signals above in step with the database; returns the unsubscribe function. */
export function watchReference(): () => void {
  const offCampaigns = observe(listCampaigns, (v) => {
    campaigns.value = v;
    referenceLoaded.value = true;
  });
  const offUnits = observe(listUnits, (v) => {
    units.value = v;
  });
  return () => {
    offCampaigns();
    offUnits();
  };
}
