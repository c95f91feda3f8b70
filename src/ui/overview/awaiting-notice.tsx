/** The overview's notice that a supervisor marked some of the user's entries "Cần bổ sung" (state/needs-answer.ts). */
import { t } from "../../i18n";
import { awaitingCount } from "../state/local";

/** "Cấp trên đề nghị bổ sung N kết quả của bạn", with a link to the ledger where they stand on top; nothing when none. */
export function AwaitingNotice() {
  const n = awaitingCount.value;
  if (n === 0) return null;
  return (
    <div class="notice notice-warn" role="status" data-testid="awaiting-notice">
      <p>
        <strong>{t("overview.awaiting", { n })}</strong>
      </p>
      <p class="small">{t("overview.awaitingHint")}</p>
      <a class="btn btn-small" href="#/ledger">
        {t("overview.awaitingOpen")}
      </a>
    </div>
  );
}
