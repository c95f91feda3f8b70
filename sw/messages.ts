/** Messages between the page and the service worker. */

export const SW_SKIP_WAITING = "SKIP_WAITING";
export const SW_SYNC_REQUEST = "SYNC_REQUEST";

/** The cache of libraries kept on first use instead of precached (the .xlsx writer). */
export const ON_DEMAND_CACHE = "on-demand";

/** A message the page sends to, or receives from, the service worker. */
export type SwMessage = { type: typeof SW_SKIP_WAITING } | { type: typeof SW_SYNC_REQUEST };

/** True when `data` is one of our messages. */
export function isSwMessage(data: unknown): data is SwMessage {
  const t = (data as { type?: unknown } | null)?.type;
  return t === SW_SKIP_WAITING || t === SW_SYNC_REQUEST;
}
