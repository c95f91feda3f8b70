/** Saving allocations: online only (the server checks the rule and the scope), then kept on the phone. */
import { putAllocations as storeAllocations } from "../../db/supervision";
import type { Allocation } from "../../domain/supervision";
import { t } from "../../i18n";
import { putAllocations } from "../../sync/api";

/** Send the allocations; resolves to an error sentence, or undefined once saved on the server and the phone. */
export async function saveAllocations(list: Allocation[]): Promise<string | undefined> {
  // Allocations are all-or-nothing on the server and are not queued: a split made offline could
  // clash with one made by another supervisor meanwhile, so it needs the server's answer.
  if (typeof navigator !== "undefined" && navigator.onLine === false) return t("alloc.err.offline");
  const res = await putAllocations(list);
  if (!res.ok) {
    if (res.status === 0) return t("alloc.err.offline");
    if (res.status === 401) return t("alloc.err.session");
    if (res.status === 403) return t("alloc.err.forbidden");
    if (res.status === 404) return t("alloc.err.notSupported");
    if (res.status === 400) return t("alloc.err.invalid", { message: res.message });
    return t("alloc.err.other", { code: String(res.status || res.code) });
  }
  const saved = Array.isArray(res.data?.allocations) ? res.data.allocations : list;
  await storeAllocations(saved);
  return undefined;
}
