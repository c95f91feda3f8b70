/** Settings: language, who is signed in, storage, sign-out (refused while entries wait), version. */
import { useEffect, useState } from "preact/hooks";
import { version } from "../../../package.json";
import { setSetting } from "../../db/settings";
import { requestPersistence, storageEstimate } from "../../db/storage";
import { applyLang, fmtBytes, type Lang, lang, type MessageKey, t } from "../../i18n";
import { offlineReady } from "../../pwa/sw-bridge";
import { signOut } from "../../sync/session";
import { ScreenHeading } from "../common/screen-heading";
import { usePendingOfOthers } from "../common/use-pending-of-others";
import { navigate } from "../router";
import { persisted } from "../state/local";
import { tree } from "../state/reference";
import { isAdmin, profile } from "../state/session";
import { SmsNumberSetting } from "./sms-number";

const roleKeys: Record<string, MessageKey> = {
  officer: "role.officer",
  supervisor: "role.supervisor",
  admin: "role.admin",
};

/** The settings screen. */
export function SettingsScreen() {
  const user = profile.value;
  const [usage, setUsage] = useState<{ usage: number; quota: number } | undefined>();
  // Counts, not sentences: the messages follow a language switch made after them.
  const [signOutBlocked, setSignOutBlocked] = useState<number | undefined>();
  const [backedUp, setBackedUp] = useState<number | undefined>();
  const others = usePendingOfOthers(user?.id);
  useEffect(() => {
    void storageEstimate().then(setUsage);
  }, []);
  if (!user) return null;

  const chooseLang = async (l: Lang) => {
    await applyLang(l);
    await setSetting("lang", l);
  };
  const onSignOut = async () => {
    const res = await signOut();
    if (!res.ok) {
      setSignOutBlocked(res.pending);
      return;
    }
    profile.value = undefined;
    navigate("#/");
  };
  const backup = async () => {
    const { exportHandover } = await import("../handover/export-section");
    const done = await exportHandover(true);
    if (done) setBackedUp(done.count);
  };
  const askPersist = async () => {
    persisted.value = await requestPersistence();
  };

  return (
    <div class="screen settings">
      <ScreenHeading>{t("settings.title")}</ScreenHeading>

      <section class="card">
        <fieldset class="segmented">
          <legend>{t("settings.language")}</legend>
          <div class="segmented-options">
            {(["vi", "en"] as const).map((l) => (
              <label key={l} class={lang.value === l ? "segment segment-on" : "segment"}>
                <input
                  type="radio"
                  name="lang"
                  value={l}
                  checked={lang.value === l}
                  onChange={() => void chooseLang(l)}
                />
                <span lang={l}>{l === "vi" ? "Tiếng Việt" : "English"}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </section>

      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">{t("settings.account")}</h2>
        <dl class="facts">
          <dt>{t("settings.name")}</dt>
          <dd>{user.name}</dd>
          <dt>{t("settings.role")}</dt>
          <dd>{roleKeys[user.role] ? t(roleKeys[user.role] as MessageKey) : user.role}</dd>
          <dt>{t("settings.units")}</dt>
          <dd>
            {user.unitIds.length === 0 ? (
              t("settings.allUnits")
            ) : (
              <ul class="plain">
                {user.unitIds.map((id) => (
                  <li key={id}>{tree.value.get(id)?.name ?? id}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {others > 0 && <p class="notice">{t("signIn.othersPending", { n: others })}</p>}
        <button type="button" class="btn btn-block" onClick={() => void onSignOut()}>
          {t("settings.signOut")}
        </button>
        {signOutBlocked !== undefined && (
          <p class="notice notice-error" role="alert">
            {t("settings.signOutBlocked", { n: signOutBlocked })}
          </p>
        )}
      </section>

      <SmsNumberSetting userId={user.id} />

      <section class="card" aria-labelledby="storage-title">
        <h2 id="storage-title">{t("settings.storage")}</h2>
        <p>{persisted.value ? t("settings.persisted") : t("settings.notPersisted")}</p>
        {!persisted.value && (
          <button type="button" class="btn" onClick={() => void askPersist()}>
            {t("settings.askPersist")}
          </button>
        )}
        {usage && (
          <p class="muted">{t("settings.usage", { used: fmtBytes(usage.usage), quota: fmtBytes(usage.quota) })}</p>
        )}
        <p class="muted">{offlineReady.value ? t("settings.offlineReady") : t("settings.offlineNotReady")}</p>
      </section>

      <section class="card" aria-labelledby="backup-title">
        <h2 id="backup-title">{t("settings.backup")}</h2>
        <p class="muted">{t("settings.backupHint")}</p>
        <button type="button" class="btn btn-block" onClick={() => void backup()}>
          {t("settings.backupNow")}
        </button>
        {backedUp !== undefined && (
          <p class="notice" role="status">
            {t("settings.backupDone", { n: backedUp })}
          </p>
        )}
        <a class="btn btn-block" href="#/handover">
          {t("settings.handover")}
        </a>
        <a class="btn btn-block" href="#/present">
          {t("settings.present")}
        </a>
      </section>

      {isAdmin.value && (
        <section class="card" aria-labelledby="admin-title">
          <h2 id="admin-title">{t("settings.admin")}</h2>
          <a class="btn btn-block" href="#/campaigns">
            {t("settings.campaigns")}
          </a>
          <a class="btn btn-block" href="#/units">
            {t("settings.unitList")}
          </a>
          <a class="btn btn-block" href="#/users">
            {t("settings.users")}
          </a>
        </section>
      )}

      <p class="muted small">{t("settings.version", { version })}</p>
    </div>
  );
}
