/** Retry delays: exponential with full jitter, capped near five minutes. */

export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60_000;

/** Delay before retry number `attempt` (0-based): random in [base·2^attempt / 2, base·2^attempt], capped. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt, 20));
  // Half fixed, half jitter: never hammer the server in lockstep, never wait too little.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
