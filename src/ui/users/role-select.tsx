/** The role of a user as a labelled select. */
import { t } from "../../i18n";
import type { AdminUser } from "../../sync/api";

const roles: AdminUser["role"][] = ["officer", "supervisor", "admin"];

/** Officer, supervisor or admin. */
export function RoleSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: AdminUser["role"];
  onChange: (r: AdminUser["role"]) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{t("settings.role")}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange((roles.find((r) => r === e.currentTarget.value) ?? "officer") as AdminUser["role"])}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
