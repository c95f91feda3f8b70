/**
 * Admins manage users here (online only): list, create, lock/unlock, reset password, units. The
 * screen says one thing at a time: a message (success or refusal) stays until the next action
 * starts, on the card of the user it is about or at the top.
 */
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { type AdminUser, listUsers } from "../../sync/api";
import { ScreenHeading } from "../common/screen-heading";
import { tree } from "../state/reference";
import { adminErrorText, toUsers } from "./admin-api";
import type { Notice } from "./notice";
import { UserForm } from "./user-form";
import { UserRow } from "./user-row";

/** The users screen. */
export function UsersScreen() {
  const [users, setUsers] = useState<AdminUser[] | undefined>();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();

  const load = async () => {
    setNotice(undefined);
    const res = await listUsers();
    if (res.ok) setUsers(toUsers(res.data));
    else setNotice({ text: adminErrorText(res), error: true });
  };
  useEffect(() => {
    void load();
  }, []);

  const replace = (u: AdminUser) => setUsers((list) => (list ?? []).map((x) => (x.id === u.id ? u : x)));
  const top = notice && notice.userId === undefined ? notice : undefined;

  return (
    <div class="screen users">
      <ScreenHeading>{t("users.title")}</ScreenHeading>
      <p class="muted small">{t("users.online")}</p>
      <div class="actions">
        <button
          type="button"
          class="btn btn-primary"
          aria-expanded={creating}
          onClick={() => {
            setNotice(undefined);
            setCreating(!creating);
          }}
        >
          {t("users.add")}
        </button>
        <button type="button" class="btn" onClick={() => void load()}>
          {t("users.reload")}
        </button>
      </div>
      {creating && (
        <UserForm
          tree={tree.value}
          onStart={() => setNotice(undefined)}
          onCreated={(u) => {
            setUsers((list) => [...(list ?? []), u]);
            setCreating(false);
            setNotice({ text: t("users.created", { name: u.name }), error: false });
          }}
        />
      )}
      <p class="saved" role="status" aria-live="polite">
        {top && !top.error ? top.text : ""}
      </p>
      {top?.error && (
        <p class="notice notice-error" role="alert">
          {top.text}
        </p>
      )}
      {users === undefined ? (
        !top?.error && <p class="loading">{t("common.loading")}</p>
      ) : (
        <ul class="rows">
          {users.map((u) => (
            <UserRow key={u.id} user={u} tree={tree.value} onChanged={replace} notice={notice} onNotice={setNotice} />
          ))}
        </ul>
      )}
    </div>
  );
}
