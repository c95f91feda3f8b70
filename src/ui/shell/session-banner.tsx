/**
 * The banner shown on every screen once the server has said the session is over: one short line
 * with the way back ("Đăng nhập lại"), the reassurance and the reasons behind a tap on the line, so the
 * screen's content stays in view on a phone (the full sentence took four lines at 360 px).
 */
import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { sessionExpired } from "../../sync/status";
import { FoldToggle } from "../common/fold-toggle";
import { route } from "../router";

/** "Phiên đăng nhập đã hết hạn." with "Đăng nhập lại"; the entries stay safe on the phone meanwhile. */
export function SessionBanner() {
  const [open, setOpen] = useState(false);
  if (!sessionExpired.value || route.value.path === "login") return null;
  return (
    <div class="banner banner-warn session-banner" role="alert" data-testid="session-banner">
      <div class="session-line">
        <FoldToggle
          open={open}
          onToggle={() => setOpen(!open)}
          controls="session-why"
          class="btn-link session-toggle"
          hint={t("session.why")}
        >
          {t("session.expiredShort")}
        </FoldToggle>
        <a class="btn btn-small session-signin" href="#/login">
          {t("session.signInAgain")}
        </a>
      </div>
      {open && (
        <p id="session-why" class="small">
          {t("session.safe")}
        </p>
      )}
    </div>
  );
}
