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
    const objects = (list: unknown) => Array.isArray(list) && list.every((x) => x && typeof x === "object");
    // The form draws what it is given: lists must be lists of objects; the form validates the values.
    const drawable =
      typeof c.id === "string" &&
      objects(c.phases) &&
      objects(c.targets) &&
      (c.milestones === undefined || objects(c.milestones)) &&
      (c.targets ?? []).every((x) => objects(x.parts));
    return drawable ? ({ milestones: [], ...c } as Campaign) : undefined;
  } catch {
    return undefined;
  }
}
