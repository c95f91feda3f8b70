/** Admins manage users here (online only): list, create, disable/enable, reset password, units. */
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { type AdminUser, listUsers } from "../../sync/api";
import { ScreenHeading } from "../common/screen-heading";
import { tree } from "../state/reference";
import { adminErrorText, toUsers } from "./admin-api";
import { UserForm } from "./user-form";
import { UserRow } from "./user-row";

/** The users screen. */
export function UsersScreen() {
  const [users, setUsers] = useState<AdminUser[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState("");

  const load = async () => {
    setError(undefined);
    const res = await listUsers();
    if (res.ok) setUsers(toUsers(res.data));
    else setError(adminErrorText(res));
  };
  useEffect(() => {
    void load();
  }, []);

  const replace = (u: AdminUser) => setUsers((list) => (list ?? []).map((x) => (x.id === u.id ? u : x)));

  return (
    <div class="screen users">
      <ScreenHeading>{t("users.title")}</ScreenHeading>
      <p class="muted small">{t("users.online")}</p>
      <div class="actions">
        <button type="button" class="btn btn-primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {t("users.add")}
        </button>
        <button type="button" class="btn" onClick={() => void load()}>
          {t("users.reload")}
        </button>
      </div>
      {creating && (
        <UserForm
          tree={tree.value}
          onCreated={(u) => {
            setUsers((list) => [...(list ?? []), u]);
            setCreating(false);
            setCreated(t("users.created", { name: u.name }));
          }}
        />
      )}
      <p class="saved" role="status" aria-live="polite">
        {created}
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {users === undefined ? (
        !error && <p class="loading">{t("common.loading")}</p>
      ) : (
        <ul class="rows">
          {users.map((u) => (
            <UserRow key={u.id} user={u} tree={tree.value} onChanged={replace} />
          ))}
        </ul>
      )}
    </div>
  );
}
