/**
 * Sign-in. The first sign-in needs the server; afterwards only the profile is kept and the app
 * works offline. When a session has expired, signing in again resumes sync; the entries stayed
 * safe on the phone meanwhile.
 */
import { useEffect, useState } from "preact/hooks";
import { setSetting } from "../../db/settings";
import { setDemoFlag } from "../../demo/flag";
import { applyLang, type Lang, lang, t } from "../../i18n";
import { signIn } from "../../sync/session";
import { sessionExpired } from "../../sync/status";
import { describedBy, Field } from "../common/field";
import { ScreenHeading } from "../common/screen-heading";
import { usePendingOfOthers } from "../common/use-pending-of-others";
import { navigate } from "../router";
import { profile } from "../state/session";
import { secondsLeft, waitText } from "./wait";

function errorText(code: string, retryAfter?: number): string {
  if (code === "bad-credentials") return t("signIn.err.bad");
  if (code === "network") return t("signIn.err.network");
  if (code === "busy") return t("signIn.err.busy");
  if (retryAfter !== undefined || code === "http-429" || code === "rate-limited" || code === "too-many-requests")
    return t("signIn.err.rateLimited", { n: retryAfter ?? 60 });
  if (/^http-5\d\d$/.test(code)) return t("signIn.err.server");
  return t("signIn.err.other", { code });
}

/** Vietnamese or English before anyone signs in (kept on the phone, as the settings' switch keeps it). */
function LangSwitch() {
  const choose = async (l: Lang) => {
    await applyLang(l);
    await setSetting("lang", l);
  };
  return (
    <fieldset class="lang-switch">
      <legend class="sr-only">{t("settings.language")}</legend>
      {(["vi", "en"] as const).map((l) => (
        <button
          key={l}
          type="button"
          class={lang.value === l ? "btn btn-small segment-on" : "btn btn-small"}
          lang={l}
          aria-pressed={lang.value === l}
          onClick={() => void choose(l)}
        >
          {l === "vi" ? "Tiếng Việt" : "English"}
        </button>
      ))}
    </fieldset>
  );
}

/** Username and password; Vietnamese errors; other users' waiting entries mentioned; a language switch. */
export function SignInScreen() {
  const current = profile.value;
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  // A throttled sign-in: when the server lets this device try again (ms since the epoch).
  const [lockedUntil, setLockedUntil] = useState<number | undefined>();
  const [now, setNow] = useState(() => Date.now());
  const others = usePendingOfOthers(current?.id);
  const waiting = lockedUntil === undefined ? undefined : waitText(secondsLeft(lockedUntil, now));

  useEffect(() => {
    if (lockedUntil === undefined) return;
    const id = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= lockedUntil) setLockedUntil(undefined);
    }, 1000);
    return () => clearInterval(id);
  }, [lockedUntil]);

  const submit = async () => {
    if (waiting !== undefined) return;
    const m: { username?: string; password?: string } = {};
    if (!username.trim()) m.username = t("signIn.err.usernameRequired");
    if (!password) m.password = t("signIn.err.passwordRequired");
    setMissing(m);
    setError(undefined);
    if (m.username || m.password) {
      document.getElementById(m.username ? "username" : "password")?.focus();
      return;
    }
    setBusy(true);
    const res = await signIn(username, password);
    setBusy(false);
    if (res.ok) {
      profile.value = res.user;
      navigate("#/");
      return;
    }
    setPassword("");
    if (res.code === "throttled" && res.retryAfter !== undefined) {
      setNow(Date.now());
      setLockedUntil(Date.now() + res.retryAfter * 1000);
      return;
    }
    setError(errorText(res.code, res.retryAfter));
  };

  return (
    <div class="screen sign-in">
      <LangSwitch />
      <ScreenHeading>{t("signIn.title")}</ScreenHeading>
      {current && sessionExpired.value ? (
        <p class="notice notice-warn">{t("signIn.expiredIntro", { name: current.name })}</p>
      ) : (
        <p class="muted">{t("signIn.intro")}</p>
      )}
      {others > 0 && <p class="notice">{t("signIn.othersPending", { n: others })}</p>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="username" label={t("signIn.username")} error={missing.username}>
          <input
            id="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            value={username}
            aria-describedby={describedBy("username", false, missing.username)}
            aria-invalid={missing.username ? true : undefined}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field id="password" label={t("signIn.password")} error={missing.password}>
          <input
            id="password"
            type="password"
            autocomplete="current-password"
            value={password}
            aria-describedby={describedBy("password", false, missing.password)}
            aria-invalid={missing.password ? true : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        {(waiting ?? error) && (
          <p class="notice notice-error" role="alert" data-testid="sign-in-error">
            {waiting ?? error}
          </p>
        )}
        <button
          type="submit"
          class="btn btn-primary btn-block"
          disabled={busy || waiting !== undefined}
          aria-busy={busy}
        >
          {t("signIn.submit")}
        </button>
      </form>
      {current && (
        <a class="btn btn-block" href="#/">
          {t("signIn.back")}
        </a>
      )}
      <section class="demo-entry" aria-labelledby="demo-entry-title">
        <button
          id="demo-entry-title"
          type="button"
          class="btn btn-block"
          onClick={() => {
            setDemoFlag(true);
            location.replace("/#/");
            location.reload();
          }}
        >
          {t("demo.enter")}
        </button>
        <p class="muted small">{t("demo.enterHint")}</p>
      </section>
    </div>
  );
}
