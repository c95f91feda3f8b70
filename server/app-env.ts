/** What route modules share: the dependencies of one app and the per-request variables. */
import type { RateLimiter } from "./auth/rate-limit";
import type { Catalog } from "./catalog";
import type { ServerConfig } from "./config";
import type { Store, UserRecord } from "./store/store";

/** One app's dependencies, handed to every route module. */
export type Deps = { store: Store; config: ServerConfig; catalog: Catalog; pushLimiter: RateLimiter };

/** Hono environment: the signed-in user and session, set by `requireUser`; `aborted` when the client left mid-request. */
export type AppEnv = {
  Variables: { user: UserRecord; sessionHash: string; expiresAt: number; aborted: boolean };
};
