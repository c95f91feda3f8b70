/** Which campaign every screen shows, when the phone holds more than one (closed ones marked "Đã kết thúc"). */
import { isClosed } from "../../domain/phases";
import { t } from "../../i18n";
import { campaign, campaigns, chooseCampaign } from "../state/reference";

/** A select of the campaigns on the phone; nothing when there is only one. */
export function CampaignSwitcher({ id = "campaign-switch" }: { id?: string }) {
  const list = campaigns.value;
  const current = campaign.value;
  if (list.length < 2 || !current) return null;
  return (
    <div class="field campaign-switch">
      <label for={id}>{t("campaign.switch")}</label>
      <select id={id} value={current.id} onChange={(e) => chooseCampaign(e.currentTarget.value)}>
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {`${c.year} · ${c.code}${isClosed(c) ? ` (${t("campaign.closed")})` : ""}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The notice on a closed campaign's screens: readable, not writable. */
export function ClosedCampaignNotice() {
  const current = campaign.value;
  if (!current || !isClosed(current)) return null;
  return (
    <p class="notice" role="note" data-testid="campaign-closed">
      {t("campaign.closedNotice", { year: current.year })}
    </p>
  );
}
