/**
 * The SMS report: where only voice and SMS reach, an officer sends one phase's totals for one
 * unit as a single text message, and a supervisor pastes it into the app to record it.
 *
 * Format (version 1), fields separated by ";", no spaces, case-insensitive:
 *
 *     STD1;<campaignId>;<phaseId>;<unitId>;<partId>=<total>,<partId>=<total>…;<check>
 *
 * e.g. `STD1;laichau-2023;dot-1;tam-duong-01;t1-1=12,t6-1=3;8AD3`. Totals are the unit's net
 * for the phase, whole numbers ≥ 0. `<check>` is the CRC-16/CCITT-FALSE of everything before
 * the last ";" (lower-cased, spaces removed), as four hex digits: a mistyped or truncated
 * message fails it. Spaces and line breaks that phones insert are ignored.
 */

export const SMS_TAG = "std1";

export type SmsReport = {
  campaignId: string;
  phaseId: string;
  unitId: string;
  totals: { partId: string; total: number }[];
};

export type SmsProblem = "sms-format" | "sms-checksum" | "sms-number";

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of a text's UTF-8 bytes, as 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/** The message text for a report (parts with a zero total are left out to keep it short). */
export function composeSms(r: SmsReport): string {
  const totals = r.totals
    .filter((t) => t.total !== 0)
    .map((t) => `${t.partId}=${t.total}`)
    .join(",");
  const body = `${SMS_TAG};${r.campaignId};${r.phaseId};${r.unitId};${totals}`.toLowerCase();
  return `${body.toUpperCase().slice(0, SMS_TAG.length)}${body.slice(SMS_TAG.length)};${crc16(body)}`;
}

/** Read a pasted message; anything mistyped, truncated or altered is refused. */
export function parseSms(text: string): { ok: true; report: SmsReport } | { ok: false; problem: SmsProblem } {
  const clean = text.replace(/\s+/g, "").toLowerCase();
  const cut = clean.lastIndexOf(";");
  if (cut < 0) return { ok: false, problem: "sms-format" };
  const body = clean.slice(0, cut);
  const check = clean.slice(cut + 1).toUpperCase();
  const fields = body.split(";");
  if (fields.length !== 5 || fields[0] !== SMS_TAG || !/^[0-9A-F]{4}$/.test(check))
    return { ok: false, problem: "sms-format" };
  if (crc16(body) !== check) return { ok: false, problem: "sms-checksum" };
  const [, campaignId = "", phaseId = "", unitId = "", list = ""] = fields;
  const totals: SmsReport["totals"] = [];
  const seen = new Set<string>();
  for (const pair of list === "" ? [] : list.split(",")) {
    const m = /^([a-z0-9][a-z0-9._-]*)=(\d{1,9})$/.exec(pair);
    if (!m || seen.has(m[1] as string)) return { ok: false, problem: "sms-number" };
    seen.add(m[1] as string);
    totals.push({ partId: m[1] as string, total: Number(m[2]) });
  }
  if (!campaignId || !phaseId || !unitId) return { ok: false, problem: "sms-format" };
  return { ok: true, report: { campaignId, phaseId, unitId, totals } };
}

/** A phone number as typed ("0912 345 678", "+84 912-345-678") in the form an `sms:` link takes, or undefined. */
export function smsNumber(text: string): string | undefined {
  const s = text.replace(/[\s.\-()]/g, "");
  return /^\+?\d{3,15}$/.test(s) ? s : undefined;
}

/** The `sms:` link that opens the phone's messages with `body`, addressed to `to` when set (RFC 5724). */
export function smsHref(body: string, to?: string): string {
  return `sms:${to ?? ""}?body=${encodeURIComponent(body)}`;
}

/** One part of a received report: the message's total, what this device knows, and what recording adds. */
export type SmsLine = { partId: string; total: number; known: number; add: number };

/**
 * What recording a report adds, part by part: the difference between the message's total and
 * what the device already knows for that unit and phase (never below zero: a device that knows
 * more keeps its figure), so pasting the same message twice adds nothing the second time.
 */
export function smsLines(report: SmsReport, known: ReadonlyMap<string, number>): SmsLine[] {
  return report.totals.map(({ partId, total }) => {
    const have = known.get(partId) ?? 0;
    return { partId, total, known: have, add: Math.max(0, total - have) };
  });
}
