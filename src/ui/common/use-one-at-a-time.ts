/**
 * One save at a time for a form or a row of buttons. A double tap would otherwise save twice,
 * each save with an id of its own: two nominations of the same person on the province's list, two
 * review rows. `run(work)` does nothing while an earlier run is still going (the guard is a ref,
 * set at the tap itself), and `busy` lets the buttons show it.
 */
import { useRef, useState } from "preact/hooks";

export function useOneAtATime(): { busy: boolean; run: (work: () => Promise<void>) => Promise<void> } {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, run };
}
