/** One user in the admin list: disable/enable, reset the password, change the units. */
import { useState } from "preact/hooks";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { type AdminUser, updateUser } from "../../sync/api";
import { describedBy, Field } from "../common/field";
import { adminErrorText, toUser } from "./admin-api";
import { UnitChecklist } from "./unit-checklist";

type Props = { user: AdminUser; tree: UnitTree; onChanged: (u: AdminUser) => void };
type Mode = "view" | "password" | "units";

/** A user card with its actions. */
export function UserRow({ user, tree, onChanged }: Props) {
  const [mode, setMode] = useState<Mode>("view");
  const [password, setPassword] = useState("");
  const [unitIds, setUnitIds] = useState<string[]>(user.unitIds);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);

  const patch = async (p: { disabled?: boolean; password?: string; unitIds?: string[] }, done: string) => {
    setBusy(true);
    const res = await updateUser(user.id, p);
    setBusy(false);
    if (!res.ok) return setMessage({ text: adminErrorText(res), error: true });
    const { password: _secret, ...visible } = p;
    onChanged(toUser(res.data) ?? { ...user, ...visible });
    setMode("view");
    setPassword("");
    setMessage({ text: done, error: false });
  };

  const unitNames = user.unitIds.map((id) => tree.get(id)?.name ?? id).join("; ");
  return (
    <li class={user.disabled ? "card user user-disabled" : "card user"}>
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
            if (password.length < 8) return setMessage({ text: t("users.err.password"), error: true });
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
      {mode === "view" && (
        <div class="actions">
          <button
            type="button"
            class="btn btn-small"
            disabled={busy}
            onClick={() =>
              void patch({ disabled: !user.disabled }, user.disabled ? t("users.enabledDone") : t("users.disabledDone"))
            }
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
      {message && (
        <p class={message.error ? "notice notice-error" : "saved"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </li>
  );
}
