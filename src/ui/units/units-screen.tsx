/**
 * Admins keep the unit registry here (online only): the tree with search; add, rename, move,
 * close and reopen a unit, set its sector; import the federation's Excel or CSV list with a
 * preview; export the tree to .xlsx. Every save sends the whole unit file (all or nothing); the
 * server refuses (409) to drop a unit that entries or users name, and the screen says which.
 */
import { useEffect, useState } from "preact/hooks";
import type { Unit } from "../../domain/schemas";
import { fmtDate, loadAdminMessages, t } from "../../i18n";
import { type AdminUnits, adminUnits, putUnits } from "../../sync/api";
import { type Failure, failureText, Refusal } from "../campaigns/refusal";
import { ScreenHeading } from "../common/screen-heading";
import { keepUnitsSample } from "../state/units-sample";
import { syncNowLater } from "../sync-later";
import { ChangesList } from "./changes-list";
import { downloadUnits } from "./export-units";
import { ImportPanel, type ImportPlan } from "./import-panel";
import { diffUnits, isUnchanged } from "./unit-diff";
import { UnitList } from "./unit-list";
import "../campaigns/catalog.css";

/** The units screen. */
export function UnitsScreen() {
  const [saved, setSaved] = useState<AdminUnits | undefined>();
  const [working, setWorking] = useState<Unit[]>([]);
  const [official, setOfficial] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const [importKey, setImportKey] = useState(0);

  const load = async () => {
    setError(undefined);
    const res = await adminUnits();
    if (!res.ok) return setError(failureText(res));
    setSaved(res.data);
    setWorking(res.data.units);
    void keepUnitsSample(res.data.sample);
  };
  useEffect(() => {
    void load();
  }, []);

  const send = async (units: Unit[], sample: boolean, description: string | undefined) => {
    setBusy(true);
    setFailure(undefined);
    setDone("");
    const file = { format: "so-thi-dua/units@1" as const, sample, units, ...(description ? { description } : {}) };
    const res = await putUnits(file);
    setBusy(false);
    if (!res.ok) return setFailure(res);
    setSaved(res.data);
    setWorking(res.data.units);
    setImportKey((k) => k + 1);
    setDone(t("un.saved"));
    await keepUnitsSample(res.data.sample);
    // The admin's own phone takes the new tree now rather than at the next sync.
    syncNowLater();
  };
  const saveImport = (plan: ImportPlan) =>
    void send(
      plan.units,
      false,
      t("un.importedFrom", { file: plan.file, date: fmtDate(new Date().toISOString().slice(0, 10)) }),
    );

  const names = new Map([...(saved?.units ?? []), ...working].map((u) => [u.id, u.name]));
  const nameOf = (id: string | undefined) => (id === undefined ? t("un.root") : (names.get(id) ?? id));
  const diff = diffUnits(saved?.units ?? [], working);
  const closed = working.filter((u) => u.closed === true).length;

  return (
    <div class="screen units">
      <ScreenHeading>{t("un.title")}</ScreenHeading>
      <p class="muted small">{t("admin.online")}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {failure && <Refusal res={failure} unitName={(id) => `${nameOf(id)} (${id})`} />}
      <p class="saved" role="status" aria-live="polite">
        {done}
      </p>
      {!saved ? (
        !error && <p class="loading">{t("common.loading")}</p>
      ) : (
        <>
          <p class="muted">
            {t("un.count", { n: working.length, closed })}
            {saved.sample && ` · ${t("un.sample")}`}
          </p>
          <div class="actions">
            <button type="button" class="btn" onClick={() => void downloadUnits(working)}>
              {t("un.export")}
            </button>
            <button type="button" class="btn" onClick={() => void load()}>
              {t("admin.reload")}
            </button>
          </div>
          <ImportPanel
            key={importKey}
            current={saved.units}
            busy={busy}
            onSave={saveImport}
            onCancel={() => setFailure(undefined)}
          />
          {!isUnchanged(diff) && (
            <section class="card un-preview" aria-labelledby="un-pending-title" data-testid="pending-changes">
              <h2 id="un-pending-title">{t("un.pending")}</h2>
              <ChangesList diff={diff} nameOf={nameOf} />
              {saved.sample && (
                <label class="check">
                  <input type="checkbox" checked={official} onChange={(e) => setOfficial(e.currentTarget.checked)} />
                  <span>{t("un.official")}</span>
                </label>
              )}
              <div class="actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={busy}
                  aria-busy={busy}
                  onClick={() =>
                    void send(working, saved.sample && !official, official ? undefined : saved.description)
                  }
                >
                  {t("un.saveAll")}
                </button>
                <button type="button" class="btn" onClick={() => setWorking(saved.units)}>
                  {t("un.discard")}
                </button>
              </div>
            </section>
          )}
          <UnitList units={working} onChange={setWorking} />
        </>
      )}
    </div>
  );
}

/** The screen with its sentences loaded (what the app's lazy route imports). */
export const loadUnitsScreen = () => loadAdminMessages().then(() => UnitsScreen);
