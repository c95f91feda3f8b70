/**
 * The handover file: entries carried from a phone with no data network to a supervisor's
 * device or the server by any means (Bluetooth, USB, a messaging app). Versioned, signed by a
 * SHA-256 checksum over its content, and naming who exported it from which device. A file that
 * is corrupted, truncated or altered fails the checksum or the parse and is refused whole;
 * the entries it carries then go through the same idempotent rules as a push, so entries that
 * later arrive by push too are recognised as duplicates and counted once.
 *
 * The checksum detects damage, not forgery: it is an unkeyed SHA-256 that anyone can recompute
 * after editing the file, so `exportedBy` is only a claim. Whoever applies a file applies it as
 * themselves (the uploading user, or the CLI's required `--as USERNAME`), and the claimed author
 * is recorded beside them, never trusted for scope.
 */
import * as z from "zod/mini";
import { entry, slug } from "./schemas";
import { wellFormed } from "./text";
import { toWireEntry } from "./wire";

export const HANDOVER_FORMAT = "so-thi-dua/handover@1";
/** The largest handover file accepted (bytes): about 25,000 entries. */
export const HANDOVER_MAX_BYTES = 10 * 1024 * 1024;

/** Everything in the file except the checksum, in a fixed key order (the checksum covers it). */
export const handoverPayload = z.strictObject({
  format: z.literal(HANDOVER_FORMAT),
  exportedAt: z.iso.datetime({ offset: true }),
  exportedBy: z.strictObject({
    userId: z.string().check(z.minLength(1), z.maxLength(100)),
    name: z.string().check(wellFormed()),
  }),
  deviceId: z.string().check(z.minLength(1), z.maxLength(100), wellFormed()),
  campaignIds: z.array(slug),
  entries: z.array(entry).check(z.maxLength(50_000)),
});
export type HandoverPayload = z.infer<typeof handoverPayload>;

const handoverFile = z.strictObject({
  ...handoverPayload.shape,
  checksum: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
});

/** Why a handover file was refused. */
export type HandoverProblem = "not-json" | "not-handover" | "bad-checksum" | "invalid";

/** The canonical text the checksum covers: the payload's fields in a fixed order. */
export function canonicalPayload(p: HandoverPayload): string {
  return JSON.stringify({
    format: p.format,
    exportedAt: p.exportedAt,
    exportedBy: { userId: p.exportedBy.userId, name: p.exportedBy.name },
    deviceId: p.deviceId,
    campaignIds: p.campaignIds,
    entries: p.entries.map(toWireEntry),
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The file's text: the payload plus its checksum. */
export async function writeHandover(p: HandoverPayload): Promise<string> {
  const checksum = `sha256:${await sha256Hex(canonicalPayload(p))}`;
  return `${JSON.stringify({ ...JSON.parse(canonicalPayload(p)), checksum }, null, 1)}\n`;
}

export type HandoverRead =
  | { ok: true; payload: HandoverPayload }
  | { ok: false; problem: HandoverProblem; path?: string };

/** Read and verify a handover file's text; any fault refuses the whole file. */
export async function readHandover(text: string): Promise<HandoverRead> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not-json" };
  }
  if ((raw as { format?: unknown } | null)?.format !== HANDOVER_FORMAT) return { ok: false, problem: "not-handover" };
  const parsed = handoverFile.safeParse(raw);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join(".");
    // A field the checksum would cover is broken: say so before naming the field.
    return path ? { ok: false, problem: "invalid", path } : { ok: false, problem: "invalid" };
  }
  const { checksum, ...payload } = parsed.data;
  if (checksum !== `sha256:${await sha256Hex(canonicalPayload(payload))}`)
    return { ok: false, problem: "bad-checksum" };
  return { ok: true, payload };
}
