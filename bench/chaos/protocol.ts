/** Messages between the chaos orchestrator (main.ts) and each simulated device (device.ts, a worker). */

/** What a device is told at start. */
export type DeviceConfig = {
  index: number;
  seed: number;
  /** The fault proxy's URL: every request of the device goes through it. */
  proxyUrl: string;
  username: string;
  password: string;
  /** Entries (corrections included) to create. */
  entries: number;
  /** Mean pause between bursts of entries, in ms (spreads creation over the run). */
  pauseMs: number;
  /** Probability per burst of a "reload" (abandon the sync in flight and start a new one). */
  reloadChance: number;
  /** Retry delays are the app's backoff scaled by this factor (a run cannot wait minutes). */
  backoffScale: number;
  /** Let the device clock jump backwards now and then (off by default; see device.ts). */
  clockJumps: boolean;
};

/** Counters a device keeps. */
export type DeviceStats = {
  created: number;
  corrections: number;
  drains: number;
  retries: number;
  retryCodes: Record<string, number>;
  thrown: number;
  sessionExpiries: number;
  signIns: number;
  signInFailures: number;
  reloads: number;
  abandonedRequests: number;
};

/** An entry as the device holds it at the end. */
export type FinalEntry = {
  id: string;
  campaignId: string;
  partId: string;
  unitId: string;
  phaseId: string;
  quantity: number;
  syncState: string;
  rejectReason?: string;
};

/** A maintained cell as the device holds it at the end. */
export type FinalCell = {
  campaignId: string;
  partId: string;
  unitId: string;
  phaseId: string;
  net: number;
};

export type ToDevice = { type: "start"; config: DeviceConfig } | { type: "settle" } | { type: "report" };

export type FromDevice =
  | { type: "created-all"; index: number }
  | { type: "settled"; index: number }
  | {
      type: "report";
      index: number;
      userId: string;
      stats: DeviceStats;
      entries: FinalEntry[];
      cells: FinalCell[];
      /** Unsent sums by cellKey, every campaign together. */
      unsent: Record<string, number>;
    }
  | { type: "error"; index: number; message: string };
