/** Structured logs: one JSON object per line on stdout (requests, push outcomes, start-up). */

/** Fields of one log line; `msg` says what happened. */
export type LogFields = { msg: string; level?: "info" | "warn" | "error" } & Record<string, unknown>;

/** Where log lines go. */
export type Logger = (fields: LogFields) => void;

/** Writes each line as JSON to stdout, with a timestamp and level. */
export const jsonLogger: Logger = (fields) => {
  const { msg, level = "info", ...rest } = fields;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...rest })}\n`);
};

/** Milliseconds to one decimal, for log lines. */
export const round1 = (ms: number): number => Math.round(ms * 10) / 10;

/** A batch's results counted by status and by rejection reason (`rejected:<reason>`), for the log. */
export function summarize(results: readonly { status: string; reason?: string }[]): Record<string, number> {
  const counts: Record<string, number> = { stored: 0, duplicate: 0, rejected: 0 };
  for (const r of results) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.reason) counts[`rejected:${r.reason}`] = (counts[`rejected:${r.reason}`] ?? 0) + 1;
  }
  return counts;
}

/** Drops every line (tests). */
export const silentLogger: Logger = () => {};
