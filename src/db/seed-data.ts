/** The shipped 2023 campaign and sample unit tree, as a lazily loaded chunk. */
import campaignJson from "../../data/campaign-2023.json";
import unitsJson from "../../data/units-sample.json";
import type { Campaign, Unit } from "../domain/schemas";

/** The 2023 Lai Châu campaign (424/PĐTĐ-LĐLĐ). */
export const campaign = campaignJson as Campaign;
/** The sample unit tree (marked sample in its file). */
export const units = unitsJson.units as Unit[];
