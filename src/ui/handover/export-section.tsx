/** Export the entries that have not left the phone (or all of the user's entries) to a handover file. */
import { useState } from "preact/hooks";
import { entriesForHandover } from "../../db/handover";
import { deviceId } from "../../db/settings";
import { HANDOVER_FORMAT, writeHandover } from "../../domain/handover";
import { t } from "../../i18n";
import { pendingCount } from "../state/local";
import { profile } from "../state/session";
import { fileName, offerFile } from "./file-io";

/** Build the file and hand it to the share sheet or a download. */
export async function exportHandover(
  all: boolean,
): Promise<{ count: number; bytes: number; how: string; file: string } | undefined> {
  const user = profile.value;
  if (!user) return undefined;
  const entries = await entriesForHandover(user.id, all);
  const text = await writeHandover({
    format: HANDOVER_FORMAT,
    exportedAt: new Date().toISOString(),
    exportedBy: { userId: user.id, name: user.name },
    deviceId: await deviceId(),
    campaignIds: [...new Set(entries.map((e) => e.campaignId))],
    entries,
  });
  const file = fileName(all ? "tat-ca" : "chua-gui");
  const how = await offerFile(file, text);
  return { count: entries.length, bytes: new Blob([text]).size, how, file };
}

/** The export part of the handover screen. */
export function ExportSection() {
  const [message, setMessage] = useState<string | undefined>();
  const run = async (all: boolean) => {
    const done = await exportHandover(all);
    if (done)
      setMessage(
        t(done.how === "shared" ? "handover.shared" : "handover.downloaded", { n: done.count, file: done.file }),
      );
  };
  return (
    <section class="card" aria-labelledby="handover-export">
      <h2 id="handover-export" class="section-title">
        {t("handover.exportTitle")}
      </h2>
      <p class="muted">{t("handover.exportHint")}</p>
      <button
        type="button"
        class="btn btn-primary btn-block"
        disabled={pendingCount.value === 0}
        onClick={() => void run(false)}
      >
        {pendingCount.value === 0
          ? t("handover.exportNothing")
          : t("handover.exportPending", { n: pendingCount.value })}
      </button>
      <button type="button" class="btn btn-block" onClick={() => void run(true)}>
        {t("handover.exportAll")}
      </button>
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
