/**
 * The front every batch route shares (DESIGN §2), in this order after the session: throttle (429,
 * the user's push token bucket), size (413: declared Content-Length, then bytes actually read),
 * JSON and envelope `{clientId, <list>: [...]}` (400 with path), count (413), client id ownership
 * (403). Push, reviews and phase reports read their batches here; the handover upload takes only
 * the throttle, its body being a file.
 */
import type { Context } from "hono";
import * as z from "zod/mini";
import { wellFormed } from "../../src/domain/text";
import type { AppEnv, Deps } from "../app-env";
import { type Receipt, readJson } from "./body";
import { ApiError, invalidInput } from "./errors";

/** The list a batch carries, by route: push `entries`, reviews `reviews`, phase reports `reports`. */
export type BatchList = "entries" | "reviews" | "reports";

// Compiled by zod into straight-line checks (a push's 500-element array is copied in one loop);
// a refused envelope falls back to the ordinary parser, so its issues are the schema's.
function envelopeOf(list: BatchList) {
  return z.compile(
    z.strictObject({
      clientId: z.string().check(z.minLength(1), z.maxLength(100), wellFormed()),
      [list]: z.array(z.unknown()),
    }),
  );
}
const envelopes = { entries: envelopeOf("entries"), reviews: envelopeOf("reviews"), reports: envelopeOf("reports") };

/** The checked envelope of a batch: who sends it, its records (each still to check), when it came. */
export type Batch = { clientId: string; items: unknown[]; receivedAt: string };

/** 429 with Retry-After once the user's push token bucket is empty (every batch route, and the handover upload, draws from it). */
export function takePushToken(deps: Deps, userId: string): void {
  const allowed = deps.pushLimiter.take(userId, deps.config.now());
  if (!allowed.ok) {
    throw new ApiError(429, "throttled", "too many requests; slow down", undefined, {
      "Retry-After": String(allowed.retryAfterSeconds),
    });
  }
}

/** Throttle, read and check a batch's envelope for the signed-in user (see the header). */
export async function readBatch(c: Context<AppEnv>, deps: Deps, list: BatchList, receipt?: Receipt): Promise<Batch> {
  const { config, store } = deps;
  const user = c.get("user");
  takePushToken(deps, user.id);
  const parsed = envelopes[list].safeParse(await readJson(c, config.maxPushBytes, receipt));
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const clientId = parsed.data.clientId as string;
  const items = parsed.data[list] as unknown[];
  if (items.length > config.maxPushEntries) {
    throw new ApiError(413, "too-large", `at most ${config.maxPushEntries} records per request`, list);
  }
  const receivedAt = new Date(config.now()).toISOString();
  const owner = await store.claimClient(clientId, user.id, receivedAt);
  if (owner !== user.id) throw new ApiError(403, "client-owned", "this client id belongs to another user", "clientId");
  return { clientId, items, receivedAt };
}
