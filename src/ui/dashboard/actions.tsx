/**
 * Export and print at the top of the dashboard. The export code (with write-excel-file) is a separate
 * chunk fetched on the first tap, so the dashboard itself stays light.
 */
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import type { ExportRequest } from "../export/download";

/** What an export needs (all but the choice of table and format), and where print and allocations live. */
type Props = Omit<ExportRequest, "what" | "format"> & { printHash: string; allocationsHash: string | undefined };

type Job = Pick<ExportRequest, "what" | "format">;

const jobs: {
  job: Job;
  label: "dash.exportBreakdownXlsx" | "dash.exportBreakdownCsv" | "dash.exportEntriesXlsx" | "dash.exportEntriesCsv";
}[] = [
  { job: { what: "breakdown", format: "xlsx" }, label: "dash.exportBreakdownXlsx" },
  { job: { what: "breakdown", format: "csv" }, label: "dash.exportBreakdownCsv" },
  { job: { what: "entries", format: "xlsx" }, label: "dash.exportEntriesXlsx" },
  { job: { what: "entries", format: "csv" }, label: "dash.exportEntriesCsv" },
];

/** The export buttons, the print link and the allocations link. */
export function DashboardActions(p: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  // The .xlsx writer is not part of the offline install (DESIGN §7): say whether it is here yet.
  const [xlsxOffline, setXlsxOffline] = useState<boolean | undefined>();
  useEffect(() => {
    void import("../../pwa/sw-bridge").then((m) => m.onDemandReady()).then(setXlsxOffline);
  }, [message]);

  const run = async (job: Job) => {
    setBusy(true);
    setMessage({ ok: true, text: t("dash.exporting") });
    try {
      const m = await import("../export/download");
      const base = `${p.baseName}-${job.what === "breakdown" ? "bang-chi-tiet" : "danh-sach-muc"}`;
      const name = await m.runExport({ ...job, ...p, baseName: base });
      setMessage({ ok: true, text: t("dash.exported", { name }) });
    } catch (err) {
      console.error("export failed", err);
      setMessage({ ok: false, text: t("dash.exportFailed") });
    } finally {
      setBusy(false);
    }
  };

  // At the top of the dashboard (a supervisor opens it to print or export): print first, the
  // four export formats folded behind one button so they do not push the figures down.
  return (
    <section class="dash-actions" aria-label={t("dash.actionsTitle")} data-testid="dash-actions">
      <div class="actions">
        <a class="btn btn-primary" href={p.printHash}>
          {t("dash.print")}
        </a>
        {p.allocationsHash && (
          <a class="btn" href={p.allocationsHash}>
            {t("dash.allocate")}
          </a>
        )}
      </div>
      <details class="dash-export">
        <summary class="btn">{t("dash.exportOpen")}</summary>
        <div class="action-grid">
          {jobs.map(({ job, label }) => (
            <button key={label} type="button" class="btn btn-small" disabled={busy} onClick={() => void run(job)}>
              {t(label)}
            </button>
          ))}
        </div>
      </details>
      <p
        class={message?.ok === false ? "notice notice-error dash-export-status" : "muted small dash-export-status"}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? t(xlsxOffline === false ? "dash.exportHintFirst" : "dash.exportHint")}
      </p>
    </section>
  );
}
