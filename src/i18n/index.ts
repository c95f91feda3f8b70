/**
 * A tiny i18n layer. Vietnamese is the default: the shell's and the overview's sentences are
 * bundled with the first screen, the other screens' sentences load with those screens, and
 * English loads whole when chosen. `t()` reads a signal, so a component that calls it
 * re-renders when the language changes. Numbers passed as parameters are formatted for the
 * current locale (1.744 in Vietnamese).
 */
import { signal } from "@preact/signals";
import { plainDate, plainNumber } from "./plain-format";
import { vi } from "./vi";
import type { viAdmin } from "./vi-admin";
import type { viScreens } from "./vi-screens";
import type { viSupervision } from "./vi-supervision";

/** A key of the dictionaries. */
export type MessageKey = keyof typeof vi | keyof typeof viScreens | keyof typeof viSupervision | keyof typeof viAdmin;
/** A full dictionary. */
export type Messages = Record<MessageKey, string>;
/** The languages the app speaks. */
export type Lang = "vi" | "en";

let vietnamese: Partial<Messages> = vi;
let screensLoading: Promise<void> | undefined;
let supervisionLoading: Promise<void> | undefined;
let adminLoading: Promise<void> | undefined;
const messages = signal<Partial<Messages>>(vi);
/** The current language. */
export const lang = signal<Lang>("vi");

/** The sentence for `key`, with `{name}` placeholders filled (numbers formatted for the locale). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages.value[key] ?? vietnamese[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? fmtNum(v) : v;
  });
}

/** Load the Vietnamese sentences of the screens after the first one (once); lazy screens await it. */
export function loadScreenMessages(): Promise<void> {
  screensLoading ??= import("./vi-screens").then((m) => {
    vietnamese = { ...vietnamese, ...m.viScreens };
    if (lang.value === "vi") messages.value = vietnamese;
  });
  return screensLoading;
}

/** Load the Vietnamese sentences of the supervisor screens (once); those lazy screens await it. */
export function loadSupervisionMessages(): Promise<void> {
  supervisionLoading ??= import("./vi-supervision").then((m) => {
    vietnamese = { ...vietnamese, ...m.viSupervision };
    if (lang.value === "vi") messages.value = vietnamese;
  });
  // A failed fetch (offline before the chunk was cached) may be retried.
  supervisionLoading.catch(() => {
    supervisionLoading = undefined;
  });
  return supervisionLoading;
}

/** Load the Vietnamese sentences of the admin catalogue screens (once); those lazy screens await it. */
export function loadAdminMessages(): Promise<void> {
  adminLoading ??= import("./vi-admin").then((m) => {
    vietnamese = { ...vietnamese, ...m.viAdmin };
    if (lang.value === "vi") messages.value = vietnamese;
  });
  adminLoading.catch(() => {
    adminLoading = undefined;
  });
  return adminLoading;
}

/** Switch the language (loading the English dictionary the first time it is needed). */
export async function applyLang(next: Lang): Promise<void> {
  messages.value = next === "en" ? (await import("./en")).en : vietnamese;
  lang.value = next;
  document.documentElement.lang = next;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function locale(): string {
  return lang.value === "en" ? "en-GB" : "vi-VN";
}
function numberFormat(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale()}|n|${key}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(), opts);
    cache.set(k, f);
  }
  return f;
}
function dateFormat(key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${locale()}|d|${key}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), opts);
    cache.set(k, f);
  }
  return f;
}

/** A whole or decimal number in the current locale (1.744; 2,5). */
export function fmtNum(n: number): string {
  return plainNumber(n, locale(), 1) ?? numberFormat("num", { maximumFractionDigits: 1 }).format(n);
}

/** A signed quantity for corrections: +5, −3. */
export function fmtSigned(n: number): string {
  return n > 0 ? `+${fmtNum(n)}` : n < 0 ? `−${fmtNum(-n)}` : fmtNum(0);
}

/** A percentage from a 0–100 value, whole numbers (93 %). */
export function fmtPercent(value: number): string {
  const plain = plainNumber(value / 100, locale(), 0, 2);
  if (plain !== undefined) return `${plain}%`;
  return numberFormat("pct", { style: "percent", maximumFractionDigits: 0 }).format(value / 100);
}

/** A calendar day "YYYY-MM-DD" as 25/11/2026 (no time-zone shift: it is a day, not an instant). */
export function fmtDate(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return (
    plainDate(d, locale()) ??
    dateFormat("date", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(d)
  );
}

/** The local time of an ISO instant as 14:05, with the day when it is not today. */
export function fmtTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = dateFormat("time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  if (d.toDateString() === now.toDateString()) return time;
  return `${time}, ${dateFormat("day", { day: "2-digit", month: "2-digit", year: "numeric" }).format(d)}`;
}

/** Bytes in a readable unit (2,3 MB). */
export function fmtBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmtNum(v)} ${units[i]}`;
}
