/**
 * The front every batch route shares (DESIGN §2), in this order after the session: throttle (429,
 * the user's ceiling over all their devices), size (413: declared Content-Length, then bytes
 * actually read), JSON and envelope `{clientId, <list>: [...]}` (400 with path), count (413),
 * client id ownership (403), throttle again (429, the client id's own bucket). Push, reviews and
 * phase reports read their batches here; the handover upload takes only the user's ceiling, its
 * body being a file.
 */
import type { Context } from "hono";
import * as z from "zod/mini";
import { wellFormed } from "../../src/domain/text";
import type { AppEnv, Deps } from "../app-env";
import { type Receipt, readJson } from "./body";
import { ApiError, invalidInput } from "./errors";
import { throttleUnless } from "./throttle";

/**
 * The list a batch carries, by route: push `entries`, reviews and nomination decisions
 * `reviews`, phase reports `reports`, nominations `nominations`, replies to reviews `replies`.
 */
export type BatchList = "entries" | "reviews" | "reports" | "nominations" | "replies";

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
const envelopes = {
  entries: envelopeOf("entries"),
  reviews: envelopeOf("reviews"),
  reports: envelopeOf("reports"),
  nominations: envelopeOf("nominations"),
  replies: envelopeOf("replies"),
};

/** The checked envelope of a batch: who sends it, its records (each still to check), when it came. */
export type Batch = { clientId: string; items: unknown[]; receivedAt: string };

/**
 * 429 once the user's ceiling over all their devices is empty. The handover upload, which names
 * no client, draws from it alone; the batch routes check it before reading a body and then draw
 * from it and the client id's own bucket together, once the envelope names the client.
 */
export function takePushToken(deps: Deps, userId: string): void {
  throttleUnless(deps.pushLimiter.takeUser(userId, deps.config.now()));
}

/** Throttle, read and check a batch's envelope for the signed-in user (see the header). */
export async function readBatch(c: Context<AppEnv>, deps: Deps, list: BatchList, receipt?: Receipt): Promise<Batch> {
  const { config, store } = deps;
  const user = c.get("user");
  throttleUnless(deps.pushLimiter.checkUser(user.id, config.now()));
  const parsed = envelopes[list].safeParse(await readJson(c, config.maxPushBytes, receipt));
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const clientId = parsed.data.clientId as string;
  const items = parsed.data[list] as unknown[];
  if (items.length > config.maxPushEntries) {
    throw new ApiError(413, "too-large", `at most ${config.maxPushEntries} records per request`, list);
  }
  const receivedAt = new Date(config.now()).toISOString();
  const owner = await store.accounts.claimClient(clientId, user.id, receivedAt);
  if (owner !== user.id) throw new ApiError(403, "client-owned", "this client id belongs to another user", "clientId");
  throttleUnless(deps.pushLimiter.take(user.id, clientId, config.now()));
  return { clientId, items, receivedAt };
}
