/**
 * The wait the server asked for after too many failed sign-ins (429 Retry-After), as the screen
 * counts it down: whole minutes, rounded up, while a minute or more is left (a lock lasts up to
 * 15 minutes, and a seconds count of 900 tells an officer less than "15 phút"), then seconds.
 */
import { t } from "../../i18n";

/** The sentence for `secondsLeft` of waiting; undefined once the wait is over. */
export function waitText(secondsLeft: number): string | undefined {
  if (secondsLeft <= 0) return undefined;
  if (secondsLeft >= 60) return t("signIn.err.waitMinutes", { n: Math.ceil(secondsLeft / 60) });
  return t("signIn.err.waitSeconds", { n: Math.ceil(secondsLeft) });
}

/** Seconds left until `until` (ms since the epoch) at `now`, never below 0. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
