/** The banner shown on every screen once the server has said the session is over. */
import { t } from "../../i18n";
import { sessionExpired } from "../../sync/status";
import { route } from "../router";

/** "Sign in again" — the entries stay safe on the phone meanwhile. */
export function SessionBanner() {
  if (!sessionExpired.value || route.value.path === "login") return null;
  return (
    <div class="banner banner-warn" role="alert">
      <p>{t("session.expired")}</p>
      <a class="btn btn-small" href="#/login">
        {t("session.signInAgain")}
      </a>
    </div>
  );
}
