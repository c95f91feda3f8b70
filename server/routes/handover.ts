/**
 * `POST /api/v1/sync/import`: a supervisor or admin uploads a handover file carried
 * from a phone with no data network. The body is the file's text, at most HANDOVER_MAX_BYTES
 * (413 past it). Session (401), role (403 for officers), throttle (429), size (413), then the
 * file is verified whole: 400 `not-json`, `not-handover`, `bad-checksum` or `invalid` (with the
 * path) and nothing stored. Its entries are applied as the uploading user in one transaction
 * (sync/handover.ts) and answered like a push: `200 {results, serverTime}`.
 */
import { Hono } from "hono";
import { HANDOVER_MAX_BYTES, type HandoverProblem, readHandover } from "../../src/domain/handover";
import type { AppEnv, Deps } from "../app-env";
import { requireUser } from "../auth/sessions";
import { takePushToken } from "../http/batch";
import { readBoundedText } from "../http/body";
import { ApiError } from "../http/errors";
import { round1 } from "../log";
import { applyHandover, countResults } from "../sync/handover";

const PROBLEMS: Record<HandoverProblem, string> = {
  "not-json": "the file is not JSON (cut short or damaged?)",
  "not-handover": "this is not a Sổ Thi Đua handover file",
  "bad-checksum": "the file was altered or damaged: its checksum does not match",
  invalid: "the file's content is not valid",
};

/** Routes under /api/v1/sync/import. */
export function handoverRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", requireUser(deps), async (c) => {
    const started = performance.now();
    const user = c.get("user");
    if (user.role === "officer")
      throw new ApiError(403, "forbidden", "only supervisors and admins upload handover files");
    takePushToken(deps, user.id);
    const read = await readHandover(await readBoundedText(c, HANDOVER_MAX_BYTES));
    if (!read.ok) {
      const where = read.path === undefined ? "" : ` (${read.path})`;
      throw new ApiError(400, read.problem, `${PROBLEMS[read.problem]}${where}`, read.path);
    }
    const receivedAt = new Date(deps.config.now()).toISOString();
    const results = await applyHandover(deps.store, await deps.catalog.current(), user, read.payload, receivedAt);
    const { reasons, ...counts } = countResults(results);
    deps.config.log({
      msg: "handover import",
      userId: user.id,
      deviceId: read.payload.deviceId,
      exportedBy: read.payload.exportedBy.userId,
      entries: results.length,
      ...counts,
      ms: round1(performance.now() - started),
    });
    return c.json({ results, serverTime: receivedAt });
  });
  return app;
}
