/** One campaign in the admin list: status, edit, copy into next year, export, close or reopen. */
import { useState } from "preact/hooks";
import type { Campaign } from "../../domain/schemas";
import { fmtDate, t } from "../../i18n";
import { putCampaign } from "../../sync/api";
import { tree } from "../state/reference";
import { downloadCampaign } from "./campaign-file";
import { type Failure, Refusal } from "./refusal";

type Props = {
  campaign: Campaign;
  onEdit: () => void;
  onCopy: () => void;
  onChanged: (c: Campaign, done: string) => void;
};

/** A campaign card. */
export function CampaignRow({ campaign: c, onEdit, onCopy, onChanged }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const closed = c.status === "closed";

  const setStatus = async (status: "active" | "closed") => {
    setBusy(true);
    setFailure(undefined);
    const res = await putCampaign({ ...c, status });
    setBusy(false);
    setAsking(false);
    if (!res.ok) return setFailure(res);
    onChanged(res.data.campaign, status === "closed" ? t("cv.closedDone") : t("cv.reopenedDone"));
  };

  return (
    <li class={closed ? "card cv-row cv-row-closed" : "card cv-row"} data-campaign={c.id}>
      <p class="row-top">
        <strong>{c.title}</strong>
        <span class={closed ? "badge badge-none" : "badge badge-ok"}>{closed ? t("cv.closed") : t("cv.active")}</span>
      </p>
      <p class="muted small">
        {c.year} · {c.code} · {fmtDate(c.issuedOn)} · {c.id}
      </p>
      <div class="actions">
        <button type="button" class="btn btn-small" onClick={onEdit}>
          {t("cv.edit")}
        </button>
        <button type="button" class="btn btn-small" onClick={onCopy}>
          {t("cv.copyNext", { year: String(c.year + 1) })}
        </button>
        <button type="button" class="btn btn-small" onClick={() => downloadCampaign(c)}>
          {t("cv.export")}
        </button>
        {closed ? (
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void setStatus("active")}>
            {t("cv.reopen")}
          </button>
        ) : (
          <button
            type="button"
            class="btn btn-small"
            aria-expanded={asking}
            disabled={busy}
            onClick={() => setAsking(!asking)}
          >
            {t("cv.close")}
          </button>
        )}
      </div>
      {asking && (
        <div class="notice notice-warn" role="alertdialog" aria-label={t("cv.close")}>
          <p>{t("cv.closeAsk", { title: c.title })}</p>
          <div class="actions">
            <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void setStatus("closed")}>
              {t("cv.closeYes")}
            </button>
            <button type="button" class="btn" onClick={() => setAsking(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {failure && <Refusal res={failure} unitName={(id) => tree.value.get(id)?.name ?? id} />}
    </li>
  );
}
