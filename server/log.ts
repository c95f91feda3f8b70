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

/** Drops every line (tests). */
export const silentLogger: Logger = () => {};
