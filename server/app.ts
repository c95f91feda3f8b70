/**
 * The HTTP app: `createApp({store, config})` wires storage, auth, routes and the static PWA into
 * one Hono app. Tests call `app.request()` in-process; `main.ts` serves it on a port.
 */
import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env";
import { DeviceLimiter } from "./auth/rate-limit";
import { Catalog } from "./catalog";
import { resolveConfig, type ServerConfig } from "./config";
import { clientLeft } from "./http/client-left";
import { compressJson } from "./http/compress";
import { ApiError, errorBody, sendError } from "./http/errors";
import { mountHealth } from "./http/health";
import { requestLog } from "./http/request-log";
import { requestsPerAddress } from "./http/requests-per-address";
import { sameOrigin, securityHeaders } from "./http/security";
import { mountStatic } from "./http/static";
import { adminRoutes, catalogRoutes } from "./routes/admin";
import { authRoutes } from "./routes/auth";
import { handoverRoutes } from "./routes/handover";
import {
  allocationRoutes,
  nominationReviewRoutes,
  nominationRoutes,
  phaseReportRoutes,
  replyRoutes,
  reviewRoutes,
} from "./routes/supervision";
import { syncRoutes } from "./routes/sync";
import { totalsRoutes } from "./routes/totals";
import type { Store } from "./store/store";

/** What an app is made of: a migrated store and (optionally) settings over the defaults. */
export type AppOptions = { store: Store; config?: Partial<ServerConfig> };

/** Build the app. The store must already be migrated. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const config = resolveConfig(options.config);
  const deps: Deps = {
    store: options.store,
    config,
    catalog: new Catalog(options.store),
    pushLimiter: new DeviceLimiter(config.pushBurst, config.pushPerSecond, config.devicesPerUser),
    readLimiter: new DeviceLimiter(config.readBurst, config.readPerSecond, config.devicesPerUser),
  };
  const app = new Hono<AppEnv>();
  app.use("*", requestLog(config.log));
  app.use("*", securityHeaders(config.trustProxy));
  if (config.trustProxy) app.use("*", requestsPerAddress(config.maxRequestsPerAddress));
  app.use("/api/*", async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
  });
  app.use("/api/*", compressJson);
  app.use("/api/*", sameOrigin(config.trustProxy));

  app.route("/api/v1/auth", authRoutes(deps));
  app.route("/api/v1/sync/import", handoverRoutes(deps));
  app.route("/api/v1/sync", syncRoutes(deps));
  app.route("/api/v1/reviews", reviewRoutes(deps));
  app.route("/api/v1/replies", replyRoutes(deps));
  app.route("/api/v1/phase-reports", phaseReportRoutes(deps));
  app.route("/api/v1/nominations", nominationRoutes(deps));
  app.route("/api/v1/nomination-reviews", nominationReviewRoutes(deps));
  app.route("/api/v1/allocations", allocationRoutes(deps));
  app.route("/api/v1/totals", totalsRoutes(deps));
  app.route("/api/v1/admin", adminRoutes(deps));
  app.route("/api/v1", catalogRoutes(deps));
  app.all("/api/*", (c) => c.json(errorBody("not-found", "no such API route"), 404));

  mountHealth(app, options.store, config.log);
  if (config.staticDir !== undefined) mountStatic(app, config.staticDir);
  app.notFound((c) => c.json(errorBody("not-found", "not found"), 404));

  app.onError((err, c) => {
    if (err instanceof ApiError) return sendError(c, err);
    if (clientLeft(c)) {
      // Nobody will read this answer; the request log writes the one line about it.
      c.set("aborted", true);
      return c.json(errorBody("aborted", "the client closed the connection mid-request"), 400);
    }
    config.log({ msg: "unhandled error", level: "error", path: c.req.path, error: String(err), stack: err.stack });
    return c.json(errorBody("internal", "internal server error"), 500);
  });
  return app;
}
