/**
 * Whether the server's unit tree is still the shipped sample, as the last pull said (kept in the
 * "unitsSample" setting). Read again after every sync; the units screen sets it when an admin
 * saves the real list, so the banner goes at once, before the next pull.
 */
import { signal } from "@preact/signals";
import { getSetting, setSetting } from "../../db/settings";

/** True while the unit list is the sample (undefined until read). */
export const unitsSample = signal<boolean | undefined>(undefined);

/** Read the kept flag into the signal. */
export async function readUnitsSample(): Promise<void> {
  unitsSample.value = (await getSetting("unitsSample").catch(() => undefined)) ?? unitsSample.value;
}

/** Keep a new flag (the admin saved a unit file). */
export async function keepUnitsSample(sample: boolean): Promise<void> {
  unitsSample.value = sample;
  await setSetting("unitsSample", sample);
}
