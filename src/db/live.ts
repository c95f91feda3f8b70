/** Live reads: re-run a query whenever the tables it read change (in this tab or another). */
import { liveQuery } from "dexie";

/** Run `query` now and again after every relevant write; returns the unsubscribe function. */
export function observe<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError?: (err: unknown) => void,
): () => void {
  const sub = liveQuery(query).subscribe({ next: onValue, error: (e) => onError?.(e) });
  return () => sub.unsubscribe();
}
