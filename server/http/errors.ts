/**
 * Errors are data (DESIGN §2): every failure answers `{error: {code, message, path?}}` with the
 * right status. Code throws `ApiError`; the app's error handler turns it into that shape.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, issuePath } from "../../src/domain/api";

/** The error body of every failed request. */
export type ErrorBody = { error: { code: ErrorCode; message: string; path?: string; problems?: string[] } };

/** A failure with its HTTP status, machine code and (for bad input) the failing path. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly headers: Record<string, string> = {},
    /** Every reason, for a refusal that has several (`in-use`). */
    readonly problems?: string[],
  ) {
    super(message);
  }
}

/** The JSON body for an error. */
export function errorBody(code: ErrorCode, message: string, path?: string): ErrorBody {
  return { error: path === undefined ? { code, message } : { code, message, path } };
}

/** Answer an ApiError. */
export function sendError(c: Context, err: ApiError): Response {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  const body = errorBody(err.code, err.message, err.path);
  if (err.problems !== undefined) body.error.problems = err.problems;
  return c.json(body, err.status);
}

/** A 400 from the first zod issue of a failed parse. */
export function invalidInput(
  issues: readonly { path: readonly PropertyKey[]; code?: string; keys?: readonly string[]; message: string }[],
  prefix = "",
): ApiError {
  const first = issues[0];
  const path = first ? [prefix, issuePath(first)].filter((s) => s !== "").join(".") : prefix;
  const what = first?.code === "unrecognized_keys" ? "unknown field" : (first?.message ?? "invalid input");
  return new ApiError(400, "invalid", path === "" ? what : `${path}: ${what}`, path);
}
