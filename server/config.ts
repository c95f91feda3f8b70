/** Server settings: production defaults, overridable per app (tests lower the scrypt cost and limits). */
import type { ScryptParams } from "./auth/password";
import { type Logger, silentLogger } from "./log";

/** Everything `createApp` can be tuned with; every field has a production default. */
export type ServerConfig = {
  /** scrypt cost for new password hashes (verification uses the parameters stored with each hash). */
  scrypt: ScryptParams;
  /** A session dies after this long without a request (sliding). */
  sessionIdleMs: number;
  /** A session dies this long after sign-in however much it is used (absolute lifetime). */
  sessionMaxMs: number;
  /** A session's last-seen time is written at most this often, so reads stay reads. */
  sessionTouchMs: number;
  loginWindowMs: number;
  loginMaxFailuresPerUser: number;
  loginMaxFailuresPerAddress: number;
  /** The wait before checking a much-failed username's password, doubling per further limit of failures. */
  loginUserDelayMs: number;
  loginUserDelayMaxMs: number;
  /** Password checks (scrypt, 128 MiB and ~1 s each) running at once, and how many may wait. */
  passwordChecksRunning: number;
  passwordChecksQueued: number;
  /** Push token bucket per client (device) of a user: burst size and refill rate. */
  pushBurst: number;
  pushPerSecond: number;
  /** Pull and totals token bucket per device (its session: GETs carry no client id): burst and rate. */
  readBurst: number;
  readPerSecond: number;
  /** Each user's ceiling over all their devices, in devices' worth of the buckets above. */
  devicesPerUser: number;
  maxPushEntries: number;
  maxPushBytes: number;
  /** Bodies of other JSON routes (login, admin) are small. */
  maxJsonBytes: number;
  pullPageSize: number;
  /** Trust X-Forwarded-For for the client address (only behind a proxy that sets it). */
  trustProxy: boolean;
  /**
   * Behind a proxy every socket comes from the proxy, so the per-address connection cap cannot
   * see clients: this many requests of one client address may be in the server at once
   * (X-Forwarded-For, an IPv6 /64 as one); more are answered 503 `busy` with Retry-After.
   */
  maxRequestsPerAddress: number;
  /** Folder of the built PWA (`dist/`); without it only the API is served. */
  staticDir?: string;
  log: Logger;
  /** The clock, in ms since the epoch (tests move it). */
  now: () => number;
};

/** scrypt N=2^17, r=8, p=1 (DESIGN §3); 128 MiB of memory per hash, so maxmem is raised to 256 MiB. */
export const productionScrypt: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The production defaults. */
export const defaultConfig: ServerConfig = {
  scrypt: productionScrypt,
  sessionIdleMs: 30 * DAY_MS,
  sessionMaxMs: 90 * DAY_MS,
  sessionTouchMs: 60 * 1000,
  loginWindowMs: 15 * 60 * 1000,
  loginMaxFailuresPerUser: 5,
  loginMaxFailuresPerAddress: 20,
  loginUserDelayMs: 1000,
  loginUserDelayMaxMs: 8000,
  passwordChecksRunning: 2,
  passwordChecksQueued: 4,
  pushBurst: 60,
  pushPerSecond: 10,
  readBurst: 60,
  readPerSecond: 10,
  devicesPerUser: 4,
  maxPushEntries: 500,
  maxPushBytes: 1024 * 1024,
  maxJsonBytes: 64 * 1024,
  pullPageSize: 1000,
  trustProxy: false,
  maxRequestsPerAddress: 32,
  log: silentLogger,
  now: () => Date.now(),
};

/** Defaults overlaid with the given settings. */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  return { ...defaultConfig, ...partial };
}
