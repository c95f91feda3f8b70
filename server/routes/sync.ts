/**
 * Sync routes (DESIGN §2). Push checks the envelope in this order: session (401), throttle (429,
 * the user's ceiling), size (413: declared Content-Length, then bytes actually read, cut off past
 * the limit), JSON and envelope shape (400 with path), entry count (413), client id ownership
 * (403), throttle (429, the client id's bucket); then every entry on its own (see sync/push.ts).
 * Pull pages through the user's scope by cursor, throttled per device (429 + Retry-After).
 *
 * Each push is logged with `ms`, the server's own time on it (from this handler's start to the
 * answer, session check before it excluded, as always), and `receiveMs`, the part of that span
 * spent waiting for the body's bytes to arrive, which is left out of `ms`: it measures the client
 * and the network, not the server. Decoding and parsing the body stay in `ms`. The ingest bench
 * sums `ms` (bench/README.md).
 */
import { Hono } from "hono";
import type { AppEnv, Deps } from "../app-env";
import { requireUser } from "../auth/sessions";
import { readBatch } from "../http/batch";
import type { Receipt } from "../http/body";
import { ApiError } from "../http/errors";
import { throttleReads } from "../http/throttle";
import { round1, summarize } from "../log";
import { refusingFutureEntries } from "../sync/created-at";
import { decodeCursor } from "../sync/cursor";
import { pullAnswer } from "../sync/pull";
import { applyPush } from "../sync/push";

/** Routes under /api/v1/sync. */
export function syncRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, store, catalog } = deps;

  app.post("/push", requireUser(deps), async (c) => {
    const started = performance.now();
    const user = c.get("user");
    const receipt: Receipt = { waitMs: 0 };
    const { clientId, items: entries, receivedAt } = await readBatch(c, deps, "entries", receipt);
    const view = await catalog.current();
    const results = await refusingFutureEntries(entries, receivedAt, (kept) =>
      applyPush(store, view, user, clientId, kept, receivedAt),
    );
    config.log({
      msg: "push",
      userId: user.id,
      clientId,
      entries: entries.length,
      ...summarize(results),
      // The server's own work on this push, from the handler's start to the answer: everything
      // but the wait for the body's bytes to arrive, which is `receiveMs` (client and network).
      ms: round1(performance.now() - started - receipt.waitMs),
      receiveMs: round1(receipt.waitMs),
    });
    return c.json({ results, serverTime: receivedAt });
  });

  app.get("/pull", requireUser(deps), throttleReads(deps), async (c) => {
    const since = c.req.query("since");
    const cursor = since === undefined || since === "" ? undefined : decodeCursor(since);
    if (since !== undefined && since !== "" && !cursor) throw new ApiError(400, "invalid", "unknown cursor", "since");
    return c.json(await pullAnswer(store, await catalog.current(), c.get("user"), cursor, config.pullPageSize));
  });

  return app;
}
