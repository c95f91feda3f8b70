/** What route modules share: the dependencies of one app and the per-request variables. */
import type { DeviceLimiter } from "./auth/rate-limit";
import type { Catalog } from "./catalog";
import type { ServerConfig } from "./config";
import type { Store, UserRecord } from "./store/store";

/** One app's dependencies, handed to every route module. */
export type Deps = {
  store: Store;
  config: ServerConfig;
  catalog: Catalog;
  /** Pushes (and other batches): a bucket per client id, under a per-user ceiling. */
  pushLimiter: DeviceLimiter;
  /** Pull and totals: a bucket per session (one device's sign-in), under a per-user ceiling. */
  readLimiter: DeviceLimiter;
};

/** Hono environment: the signed-in user and session, set by `requireUser`; `aborted` when the client left mid-request. */
export type AppEnv = {
  Variables: { user: UserRecord; sessionHash: string; expiresAt: number; aborted: boolean };
};
