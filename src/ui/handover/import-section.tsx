/**
 * Import a handover file: verify it whole (checksum, shape) before anything is stored, show who
 * exported it, then apply push's idempotent rules; the imported entries are pushed on by this
 * device, and the server counts each once whoever delivers it first.
 */
import { useState } from "preact/hooks";
import { StorageFullError } from "../../db/entries";
import { importHandover } from "../../db/handover";
import { HANDOVER_MAX_BYTES, type HandoverPayload, readHandover } from "../../domain/handover";
import type { PushResult } from "../../domain/schemas";
import { fmtTime, t } from "../../i18n";
import { errorText } from "../common/error-text";
import { reasonText } from "../common/reason-text";
import { useOneAtATime } from "../common/use-one-at-a-time";
import { campaigns, tree } from "../state/reference";
import { profile, supervises } from "../state/session";
import { syncNowLater } from "../sync-later";
import { readChosenFile } from "./file-io";

/**
 * A verified file waiting for the user's choice; `busy` while it is taken in or sent (its buttons
 * disabled: a second tap would run it again and report every entry as already there); `problem`
 * when that failed, nothing of it taken, so it can be tried again without choosing it again.
 */
type Ready = { kind: "ready"; payload: HandoverPayload; text: string; busy?: "phone" | "server"; problem?: string };

type Step =
  | { kind: "idle" }
  | { kind: "error"; text: string }
  | Ready
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
  // One run at a time: a second tap would take the file in again and report every entry as already there.
  const { run } = useOneAtATime();
  /** Take in or send the ready file (`busy` names which); on a throw, `failed` says why, the file kept. */
  const start = (ready: Ready, busy: "phone" | "server", work: () => Promise<Step>, failed: (err: unknown) => string) =>
    run(async () => {
      setStep({ ...ready, busy, problem: undefined });
      try {
        setStep(await work());
      } catch (err) {
        console.error("handover failed", err);
        setStep({ ...ready, busy: undefined, problem: failed(err) });
      }
    });
  const apply = (ready: Ready) =>
    start(
      ready,
      "phone",
      async () => {
        const user = profile.value;
        if (!user) return ready;
        const results = await importHandover(ready.payload, {
          campaigns: campaigns.value,
          tree: tree.value,
          owner: user,
        });
        syncNowLater();
        return { kind: "done", results, where: "phone" };
      },
      (err) => t(err instanceof StorageFullError ? "handover.storageFull" : "handover.importFailed"),
    );
  // Supervisors and admins may also hand the file straight to the server (same rules as a push).
  const upload = (ready: Ready) =>
    start(
      ready,
      "server",
      async () => {
        const { uploadHandover } = await import("../../sync/api");
        const res = await uploadHandover(JSON.parse(ready.text));
        if (!res.ok) return { ...ready, problem: t("handover.uploadFailed", { reason: errorText(res) }) };
        syncNowLater();
        return { kind: "done", results: res.data.results, where: "server" };
      },
      () => t("handover.uploadFailed", { reason: t("apiErr.network") }),
    );
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
        <input
          type="file"
          accept=".json,application/json"
          disabled={step.kind === "ready" && step.busy !== undefined}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </label>
      {step.kind === "error" && (
        <p class="notice notice-error" role="alert" data-testid="handover-error">
          {step.text}
        </p>
      )}
      {step.kind === "ready" && (
        <div class="notice" data-testid="handover-summary" aria-busy={step.busy !== undefined}>
          <p>
            {t("handover.summary", {
              n: step.payload.entries.length,
              name: step.payload.exportedBy.name,
              time: fmtTime(step.payload.exportedAt),
            })}
          </p>
          {step.problem && (
            <p class="notice notice-error" role="alert" data-testid="handover-error">
              {step.problem}
            </p>
          )}
          <button
            type="button"
            class="btn btn-primary btn-block"
            disabled={step.busy !== undefined}
            onClick={() => void apply(step)}
          >
            {t(step.busy === "phone" ? "handover.applying" : "handover.apply")}
          </button>
          {mayUpload && (
            <button
              type="button"
              class="btn btn-block"
              disabled={step.busy !== undefined}
              onClick={() => void upload(step)}
            >
              {t(step.busy === "server" ? "handover.uploading" : "handover.upload")}
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
