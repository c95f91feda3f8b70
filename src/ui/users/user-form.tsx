/** Create a user: username, name, role, units and a first password. */
import { useState } from "preact/hooks";
import type { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import { type AdminUser, createUser } from "../../sync/api";
import { describedBy, Field } from "../common/field";
import { adminErrorText, toUser } from "./admin-api";
import { RoleSelect } from "./role-select";
import { UnitChecklist } from "./unit-checklist";

type Errors = Partial<Record<"username" | "name" | "units" | "password" | "form", string>>;

/** The create-user form; calls `onCreated` with the new user. */
export function UserForm({
  tree,
  onCreated,
  onStart,
}: {
  tree: UnitTree;
  onCreated: (u: AdminUser) => void;
  /** A submit starts: the screen clears what its last action said. */
  onStart: () => void;
}) {
  const [username, setUsername] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<AdminUser["role"]>("officer");
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    onStart();
    const e: Errors = {};
    if (!/^[A-Za-z0-9._-]{2,64}$/.test(username.trim())) e.username = t("users.err.username");
    if (!name.trim()) e.name = t("users.err.name");
    if (role !== "admin" && unitIds.length === 0) e.units = t("users.err.units");
    if (password.length < 8) e.password = t("users.err.password");
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    const res = await createUser({ username: username.trim(), name: name.trim(), role, unitIds, password });
    setBusy(false);
    if (!res.ok) {
      setErrors(res.status === 409 ? { username: adminErrorText(res) } : { form: adminErrorText(res) });
      if (res.status === 409) document.getElementById("new-username")?.focus();
      return;
    }
    const created = toUser(res.data) ?? { id: username, username, name, role, unitIds, disabled: false };
    onCreated(created);
    setUsername("");
    setName("");
    setUnitIds([]);
    setPassword("");
  };

  return (
    <form
      class="card sub-form"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <Field id="new-username" label={t("signIn.username")} error={errors.username}>
        <input
          id="new-username"
          type="text"
          autocomplete="off"
          autocapitalize="none"
          value={username}
          aria-describedby={describedBy("new-username", false, errors.username)}
          onInput={(ev) => setUsername(ev.currentTarget.value)}
        />
      </Field>
      <Field id="new-name" label={t("users.name")} error={errors.name}>
        <input
          id="new-name"
          type="text"
          value={name}
          aria-describedby={describedBy("new-name", false, errors.name)}
          onInput={(ev) => setName(ev.currentTarget.value)}
        />
      </Field>
      <RoleSelect id="new-role" value={role} onChange={setRole} />
      <UnitChecklist id="new-units" tree={tree} value={unitIds} onChange={setUnitIds} error={errors.units} />
      <Field id="new-password" label={t("signIn.password")} hint={t("users.passwordHint")} error={errors.password}>
        <input
          id="new-password"
          type="password"
          autocomplete="new-password"
          value={password}
          aria-describedby={describedBy("new-password", true, errors.password)}
          onInput={(ev) => setPassword(ev.currentTarget.value)}
        />
      </Field>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
        {t("users.create")}
      </button>
    </form>
  );
}
