/** A campaign as a JSON file: written for download, read from a file the admin picks. */
import type { Campaign } from "../../domain/schemas";
import { saveBlob } from "../export/download";

/** Download the campaign as `<id>.json` (the data-file shape the admin route and CLI take). */
export function downloadCampaign(c: Campaign): void {
  saveBlob(new Blob([`${JSON.stringify(c, null, 2)}\n`], { type: "application/json" }), `${c.id}.json`);
}

/** The campaign-looking object in a JSON file, or undefined when the file is not one (the form validates the rest). */
export async function readCampaignFile(file: File): Promise<Campaign | undefined> {
  try {
    const data: unknown = JSON.parse(await file.text());
    if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
    const c = data as Partial<Campaign>;
    if (typeof c.id !== "string" || !Array.isArray(c.phases) || !Array.isArray(c.targets)) return undefined;
    return { milestones: [], ...c } as Campaign;
  } catch {
    return undefined;
  }
}
