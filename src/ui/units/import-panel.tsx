/**
 * Import the federation's list: pick an .xlsx or CSV file, read it on the phone, preview what
 * is added, renamed, moved, closed, removed and which rows are refused; nothing is sent until
 * the admin saves, and then the whole list goes at once (sample: false), all or nothing.
 */
import { useState } from "preact/hooks";
import type { Unit } from "../../domain/schemas";
import { t } from "../../i18n";
import { ChangesList } from "./changes-list";
import { readRows } from "./read-file";
import { diffUnits, isUnchanged } from "./unit-diff";
import { type ImportedList, readUnitRows } from "./unit-import";

/** What an import would save. */
export type ImportPlan = { file: string; units: Unit[] };

type Props = {
  current: Unit[];
  busy: boolean;
  onSave: (plan: ImportPlan) => void;
  onCancel: () => void;
};

/** The import card. */
export function ImportPanel({ current, busy, onSave, onCancel }: Props) {
  const [state, setState] = useState<
    | { kind: "idle" }
    | { kind: "reading" }
    | { kind: "failed"; text: string }
    | { kind: "read"; file: string; list: Extract<ImportedList, { ok: true }> }
  >({ kind: "idle" });

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setState({ kind: "reading" });
    try {
      const list = readUnitRows(await readRows(file), current);
      if (!list.ok)
        return setState({ kind: "failed", text: t("un.missingColumns", { columns: list.missing.join(", ") }) });
      setState({ kind: "read", file: file.name, list });
    } catch (err) {
      console.error("could not read the unit file", err);
      setState({ kind: "failed", text: t("un.readFailed") });
    }
  };

  const names = new Map([...current, ...(state.kind === "read" ? state.list.units : [])].map((u) => [u.id, u.name]));
  const nameOf = (id: string | undefined) => (id === undefined ? t("un.root") : (names.get(id) ?? id));
  const next = state.kind === "read" ? [...state.list.units, ...state.list.keptClosed] : [];
  const diff = diffUnits(current, next);

  return (
    <section class="card" aria-labelledby="un-import-title">
      <h2 id="un-import-title">{t("un.import")}</h2>
      <p class="hint">{t("un.importHint")}</p>
      <label class="btn cv-file">
        {t("un.import")}
        <input
          type="file"
          class="sr-only"
          data-testid="units-file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            void pick(e.currentTarget.files?.[0]);
            e.currentTarget.value = "";
          }}
        />
      </label>
      {state.kind === "reading" && <p class="loading">{t("un.reading")}</p>}
      {state.kind === "failed" && (
        <p class="notice notice-error" role="alert">
          {state.text}
        </p>
      )}
      {state.kind === "read" && (
        <div class="un-preview" data-testid="import-preview">
          <h3>{t("un.preview", { file: state.file })}</h3>
          <p class="notice">{t("un.previewNote")}</p>
          {isUnchanged(diff) && <p>{t("un.unchanged")}</p>}
          <ChangesList diff={diff} nameOf={nameOf} />
          {state.list.keptClosed.length > 0 && (
            <>
              <h3>{t("un.keptClosed", { n: state.list.keptClosed.length })}</h3>
              <ul>
                {state.list.keptClosed.map((u) => (
                  <li key={u.id}>{`${u.name} (${u.id})`}</li>
                ))}
              </ul>
            </>
          )}
          {state.list.refused.length > 0 && (
            <>
              <h3>{t("un.refused", { n: state.list.refused.length })}</h3>
              <ul data-testid="refused">
                {state.list.refused.map((r) => (
                  <li key={`${r.row}`}>
                    {t("un.row", { row: String(r.row) })}:{" "}
                    {t(`un.refuse.${r.reason}`, { id: r.id, value: r.value ?? "" })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="actions">
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy || next.length === 0}
              aria-busy={busy}
              onClick={() => onSave({ file: state.file, units: next })}
            >
              {t("un.importSave")}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => {
                setState({ kind: "idle" });
                onCancel();
              }}
            >
              {t("un.importCancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
