/**
 * Import a handover file: verify it whole (checksum, shape) before anything is stored, show who
 * exported it, then apply push's idempotent rules; the imported entries are pushed on by this
 * device, and the server counts each once whoever delivers it first.
 */
import { useState } from "preact/hooks";
import { importHandover } from "../../db/handover";
import { HANDOVER_MAX_BYTES, type HandoverPayload, readHandover } from "../../domain/handover";
import type { PushResult } from "../../domain/schemas";
import { fmtTime, t } from "../../i18n";
import { errorText } from "../common/error-text";
import { reasonText } from "../common/reason-text";
import { campaigns, tree } from "../state/reference";
import { profile, supervises } from "../state/session";
import { syncNowLater } from "../sync-later";
import { readChosenFile } from "./file-io";

type Step =
  | { kind: "idle" }
  | { kind: "error"; text: string }
  | { kind: "ready"; payload: HandoverPayload; text: string }
  | { kind: "done"; results: PushResult[]; where: "phone" | "server" };

/** The import part of the handover screen (also used to restore a backup). */
export function ImportSection() {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const text = await readChosenFile(file, HANDOVER_MAX_BYTES);
    if (text === "too-large") return setStep({ kind: "error", text: t("handover.tooLarge") });
    const read = await readHandover(text);
    if (!read.ok) return setStep({ kind: "error", text: t(`handover.err.${read.problem}`) });
    setStep({ kind: "ready", payload: read.payload, text });
  };
  const apply = async (payload: HandoverPayload) => {
    const user = profile.value;
    if (!user) return;
    const results = await importHandover(payload, {
      campaigns: campaigns.value,
      tree: tree.value,
      owner: user,
    });
    setStep({ kind: "done", results, where: "phone" });
    syncNowLater();
  };
  // Supervisors and admins may also hand the file straight to the server (same rules as a push).
  const upload = async (text: string) => {
    const { uploadHandover } = await import("../../sync/api");
    const res = await uploadHandover(JSON.parse(text));
    if (!res.ok) return setStep({ kind: "error", text: t("handover.uploadFailed", { reason: errorText(res) }) });
    setStep({ kind: "done", results: res.data.results, where: "server" });
    syncNowLater();
  };
  const mayUpload = supervises.value;
  const count = (results: PushResult[], status: PushResult["status"]) =>
    results.filter((r) => r.status === status).length;

  return (
    <section class="card" aria-labelledby="handover-import">
      <h2 id="handover-import" class="section-title">
        {t("handover.importTitle")}
      </h2>
      <label class="field">
        <span>{t("handover.chooseFile")}</span>
        <input type="file" accept=".json,application/json" onChange={(e) => void choose(e.currentTarget.files?.[0])} />
      </label>
      {step.kind === "error" && (
        <p class="notice notice-error" role="alert" data-testid="handover-error">
          {step.text}
        </p>
      )}
      {step.kind === "ready" && (
        <div class="notice" data-testid="handover-summary">
          <p>
            {t("handover.summary", {
              n: step.payload.entries.length,
              name: step.payload.exportedBy.name,
              time: fmtTime(step.payload.exportedAt),
            })}
          </p>
          <button type="button" class="btn btn-primary btn-block" onClick={() => void apply(step.payload)}>
            {t("handover.apply")}
          </button>
          {mayUpload && (
            <button type="button" class="btn btn-block" onClick={() => void upload(step.text)}>
              {t("handover.upload")}
            </button>
          )}
        </div>
      )}
      {step.kind === "done" && (
        <div class="notice" role="status" data-testid="handover-result">
          <p>
            {t(step.where === "server" ? "handover.resultServer" : "handover.result", {
              stored: count(step.results, "stored"),
              duplicate: count(step.results, "duplicate"),
              rejected: count(step.results, "rejected"),
            })}
          </p>
          <ul>
            {step.results
              .filter((r) => r.status === "rejected")
              .slice(0, 20)
              .map((r) => (
                <li key={r.id}>{reasonText(r.reason ?? "invalid")}</li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
