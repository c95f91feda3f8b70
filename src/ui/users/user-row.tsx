/** One user in the admin list: lock (after a confirmation) or unlock, reset the password, change the units. */
import { useState } from "preact/hooks";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { type AdminUser, updateUser } from "../../sync/api";
import { describedBy, Field } from "../common/field";
import { adminErrorText, toUser } from "./admin-api";
import type { Notice } from "./notice";
import { UnitChecklist } from "./unit-checklist";

type Props = {
  user: AdminUser;
  tree: UnitTree;
  onChanged: (u: AdminUser) => void;
  /** The screen's one message, shown here when it is about this user. */
  notice: Notice | undefined;
  /** Say something about this user (undefined: clear the screen's message, a new action starts). */
  onNotice: (n: Notice | undefined) => void;
};
type Mode = "view" | "password" | "units" | "lock";

/** A user card with its actions. */
export function UserRow({ user, tree, onChanged, notice, onNotice }: Props) {
  const [mode, setModeRaw] = useState<Mode>("view");
  const [password, setPassword] = useState("");
  const [unitIds, setUnitIds] = useState<string[]>(user.unitIds);
  const [busy, setBusy] = useState(false);
  // Every step of a new action clears what the last one said.
  const setMode = (m: Mode) => {
    onNotice(undefined);
    setModeRaw(m);
  };

  const patch = async (p: { disabled?: boolean; password?: string; unitIds?: string[] }, done: string) => {
    onNotice(undefined);
    setBusy(true);
    const res = await updateUser(user.id, p);
    setBusy(false);
    if (!res.ok) return onNotice({ userId: user.id, text: adminErrorText(res), error: true });
    const { password: _secret, ...visible } = p;
    onChanged(toUser(res.data) ?? { ...user, ...visible });
    setModeRaw("view");
    setPassword("");
    onNotice({ userId: user.id, text: done, error: false });
  };

  const unitNames = user.unitIds.map((id) => tree.get(id)?.name ?? id).join("; ");
  const mine = notice?.userId === user.id ? notice : undefined;
  return (
    <li class={user.disabled ? "card user user-disabled" : "card user"} data-user={user.username}>
      <p class="row-top">
        <strong>{user.name}</strong>
        {user.disabled && <span class="badge badge-rejected">{t("users.disabled")}</span>}
      </p>
      <p class="muted small">
        {user.username} · {t(`role.${user.role}`)}
      </p>
      <p class="small">{unitNames || t("settings.allUnits")}</p>
      {mode === "password" && (
        <form
          class="sub-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (password.length < 8) return onNotice({ userId: user.id, text: t("users.err.password"), error: true });
            void patch({ password }, t("users.passwordDone"));
          }}
        >
          <Field id={`pw-${user.id}`} label={t("users.newPassword")} hint={t("users.passwordHint")}>
            <input
              id={`pw-${user.id}`}
              type="password"
              autocomplete="new-password"
              value={password}
              aria-describedby={describedBy(`pw-${user.id}`, true)}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t("users.savePassword")}
            </button>
            <button type="button" class="btn" onClick={() => setMode("view")}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {mode === "units" && (
        <div class="sub-form">
          <UnitChecklist id={`units-${user.id}`} tree={tree} value={unitIds} onChange={setUnitIds} />
          <div class="actions">
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy}
              onClick={() => void patch({ unitIds }, t("users.unitsDone"))}
            >
              {t("users.saveUnits")}
            </button>
            <button type="button" class="btn" onClick={() => setMode("view")}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {mode === "lock" && (
        <div class="sub-form notice" data-testid="lock-confirm">
          <p>{t("users.lockConfirm", { name: user.name })}</p>
          <div class="actions">
            <button
              type="button"
              class="btn btn-danger"
              disabled={busy}
              onClick={() => void patch({ disabled: true }, t("users.disabledDone"))}
            >
              {t("users.lockYes")}
            </button>
            <button type="button" class="btn" onClick={() => setMode("view")}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {mode === "view" && (
        <div class="actions">
          <button
            type="button"
            class="btn btn-small"
            disabled={busy}
            onClick={() => (user.disabled ? void patch({ disabled: false }, t("users.enabledDone")) : setMode("lock"))}
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setMode("password")}>
            {t("users.resetPassword")}
          </button>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => {
              setUnitIds(user.unitIds);
              setMode("units");
            }}
          >
            {t("users.changeUnits")}
          </button>
        </div>
      )}
      {mine && (
        <p class={mine.error ? "notice notice-error" : "saved"} role={mine.error ? "alert" : "status"}>
          {mine.text}
        </p>
      )}
    </li>
  );
}
