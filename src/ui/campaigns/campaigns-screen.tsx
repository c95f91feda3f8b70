/**
 * Admins keep the campaigns here (online only): the list (active, ended), a new campaign from
 * scratch, from a copy of last year's or from a JSON file, the editor, export, close and reopen.
 * Every save replaces the campaign on the server; phones get it on their next pull.
 */
import { useEffect, useState } from "preact/hooks";
import type { Campaign } from "../../domain/schemas";
import { loadAdminMessages, t } from "../../i18n";
import { adminCampaigns } from "../../sync/api";
import { ScreenHeading } from "../common/screen-heading";
import { syncNowLater } from "../sync-later";
import { CampaignEditor } from "./campaign-editor";
import { readCampaignFile } from "./campaign-file";
import { CampaignRow } from "./campaign-row";
import { blankCampaign, copyToNextYear } from "./next-year";
import { failureText } from "./refusal";
import "./catalog.css";

type Editing = { draft: Campaign; isNew: boolean; copied: boolean };

/** The campaigns screen. */
export function CampaignsScreen() {
  const [list, setList] = useState<Campaign[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const [editing, setEditing] = useState<Editing | undefined>();

  const load = async () => {
    setError(undefined);
    const res = await adminCampaigns();
    if (res.ok) setList([...res.data.campaigns].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id)));
    else setError(failureText(res));
  };
  useEffect(() => {
    void load();
  }, []);

  const open = (draft: Campaign, copied = false) => {
    setDone("");
    setError(undefined);
    setEditing({ draft, isNew: !(list ?? []).some((c) => c.id === draft.id), copied });
    window.scrollTo(0, 0);
  };
  const copy = (c: Campaign) => {
    const next = copyToNextYear(c);
    if ((list ?? []).some((x) => x.id === next.id)) return setError(t("cv.copyExists", { id: next.id }));
    open(next, true);
  };
  const fromFile = async (file: File | undefined) => {
    if (!file) return;
    const c = await readCampaignFile(file);
    if (!c) return setError(t("cv.fromFileBad"));
    open(c);
  };
  const saved = (c: Campaign, message: string) => {
    setList((l) => [c, ...(l ?? []).filter((x) => x.id !== c.id)].sort((a, b) => b.year - a.year));
    setDone(message);
    // The admin's own phone takes the change now (its campaign switcher too), not at the next sync.
    syncNowLater();
  };

  return (
    <div class="screen campaigns">
      <ScreenHeading>{t("cv.title")}</ScreenHeading>
      <p class="muted small">{t("admin.online")}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <p class="saved" role="status" aria-live="polite">
        {done}
      </p>
      {editing ? (
        <CampaignEditor
          key={`${editing.draft.id}-${editing.copied}`}
          initial={editing.draft}
          isNew={editing.isNew}
          copied={editing.copied}
          onCancel={() => setEditing(undefined)}
          onSaved={(c, created) => {
            setEditing(undefined);
            saved(c, created ? t("cv.savedNew", { id: c.id }) : t("cv.saved", { id: c.id }));
          }}
        />
      ) : (
        <>
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={() => open(blankCampaign(new Date().getFullYear()))}>
              {t("cv.new")}
            </button>
            <label class="btn cv-file">
              {t("cv.fromFile")}
              <input
                type="file"
                accept="application/json,.json"
                class="sr-only"
                onChange={(e) => void fromFile(e.currentTarget.files?.[0])}
              />
            </label>
            <button type="button" class="btn" onClick={() => void load()}>
              {t("admin.reload")}
            </button>
          </div>
          {list === undefined ? (
            !error && <p class="loading">{t("common.loading")}</p>
          ) : list.length === 0 ? (
            <p class="muted">{t("cv.none")}</p>
          ) : (
            <ul class="rows">
              {list.map((c) => (
                <CampaignRow
                  key={c.id}
                  campaign={c}
                  onEdit={() => open(c)}
                  onCopy={() => copy(c)}
                  onChanged={(x, message) => saved(x, message)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** The screen with its sentences loaded (what the app's lazy route imports). */
export const loadCampaignsScreen = () => loadAdminMessages().then(() => CampaignsScreen);
