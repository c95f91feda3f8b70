/** A hook over `observe`: the latest answer of a live database query, re-run when its tables change. */
import { useEffect, useState } from "preact/hooks";
import { observe } from "../db/live";

/**
 * Run `query` live while the component is mounted and whenever `deps` change; `undefined` until
 * the first answer. Errors are logged and leave the last value in place.
 */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<{ v: T } | undefined>(undefined);
  useEffect(
    () =>
      observe(
        query,
        (v) => setValue({ v }),
        (err) => console.error("live query failed", err),
      ),
    deps,
  );
  return value?.v;
}
