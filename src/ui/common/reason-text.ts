/** Why an entry was refused (on the phone or by the server), in plain words. */
import type { RejectReason } from "../../domain/schemas";
import { type MessageKey, t } from "../../i18n";

const keys: Record<RejectReason, MessageKey> = {
  invalid: "reason.invalid",
  forbidden: "reason.forbidden",
  conflict: "reason.conflict",
  "unknown-campaign": "reason.unknown-campaign",
  "campaign-closed": "reason.campaign-closed",
  "unknown-part": "reason.unknown-part",
  "unknown-unit": "reason.unknown-unit",
  "ineligible-unit": "reason.ineligible-unit",
  "outside-phases": "reason.outside-phases",
  "negative-quantity": "reason.negative-quantity",
  "unknown-corrected-entry": "reason.unknown-corrected-entry",
  "correction-mismatch": "reason.correction-mismatch",
  "negative-net": "reason.negative-net",
};

/** Reasons that only reviews and phase reports get back. */
const recordKeys: Record<string, MessageKey> = {
  "unknown-entry": "reason.unknown-entry",
  "unknown-phase": "reason.unknown-phase",
};

/** The sentence for a reject reason (with the failing field for "invalid"). */
export function reasonText(reason: RejectReason | string | undefined, path?: string): string {
  if (!reason) return t("reason.unknown");
  const text = t(keys[reason as RejectReason] ?? recordKeys[reason] ?? "reason.unknown");
  return reason === "invalid" && path ? `${text} (${path})` : text;
}
