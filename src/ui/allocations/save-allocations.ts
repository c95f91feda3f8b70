/** Saving allocations: online only (the server checks the rule and the scope), then kept on the phone. */
import { putAllocations as storeAllocations } from "../../db/supervision";
import type { Allocation } from "../../domain/supervision";
import { t } from "../../i18n";
import { putAllocations } from "../../sync/api";
import { type ErrorWords, errorText } from "../common/error-text";

/** The allocations screen's own words for a refusal; every other code: the shared sentences (never the server's English). */
const words: ErrorWords = {
  network: "alloc.err.offline",
  codes: { unauthenticated: "alloc.err.session", forbidden: "alloc.err.forbidden" },
};

/** Send the allocations; resolves to an error sentence, or undefined once saved on the server and the phone. */
export async function saveAllocations(list: Allocation[]): Promise<string | undefined> {
  // Allocations are all-or-nothing on the server and are not queued: a split made offline could
  // clash with one made by another supervisor meanwhile, so it needs the server's answer.
  if (typeof navigator !== "undefined" && navigator.onLine === false) return t("alloc.err.offline");
  const res = await putAllocations(list);
  if (!res.ok) return res.status === 404 ? t("alloc.err.notSupported") : errorText(res, words);
  const saved = Array.isArray(res.data?.allocations) ? res.data.allocations : list;
  await storeAllocations(saved);
  return undefined;
}
