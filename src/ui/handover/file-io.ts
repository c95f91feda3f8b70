/** Getting a file off the phone (share sheet where it exists, else a download) and reading one in. */
import { todayIso } from "../../domain/phases";

/** Offer a text file: the share sheet (Bluetooth, Zalo, e-mail…) where the phone has it, else a download. */
export async function offerFile(
  name: string,
  text: string,
  type = "application/json",
): Promise<"shared" | "downloaded"> {
  const file = new File([text], name, { type });
  const nav = navigator as Navigator & { canShare?: (d: { files: File[] }) => boolean };
  if (nav.canShare?.({ files: [file] }) && nav.share) {
    try {
      await nav.share({ files: [file], title: name });
      return "shared";
    } catch (err) {
      // The person closed the share sheet: fall back to a download so the file is not lost.
      if ((err as Error).name !== "AbortError") console.warn("share failed", err);
    }
  }
  const url = URL.createObjectURL(file);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return "downloaded";
}

/** The text of a chosen file, refusing anything larger than `maxBytes`. */
export async function readChosenFile(file: File, maxBytes: number): Promise<string | "too-large"> {
  if (file.size > maxBytes) return "too-large";
  return file.text();
}

/** A file name with the date and a short label, e.g. "so-thi-dua-2026-11-25-chua-gui.json". */
export function fileName(label: string, now = new Date()): string {
  // Vietnam's date, as on the phone's screen (not UTC's, a day behind before 07:00).
  return `so-thi-dua-${todayIso(now)}-${label}.json`;
}
