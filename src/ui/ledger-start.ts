/**
 * What a signed-in app needs running beside its screens: the database opened (and reloaded when
 * another tab upgrades it), the shipped campaign seeded, the reference data, the pending counts
 * and the entries awaiting an answer kept live, persistent storage asked for. Loaded once someone
 * is signed in, so the sign-in screen of a first visit fetches none of it (DESIGN §5: ≤ 70 KB on
 * the wire to sign-in).
 */

import { effect } from "@preact/signals";
import { chooseLedgerOpen, onVersionChange } from "../db/database";
import { ensureSeeded } from "../db/reference";
import { requestPersistence } from "../db/storage";
import { persisted, shellIdle } from "./state/local";
import { watchPending } from "./state/pending";
import { watchReference } from "./state/reference";

let started = false;

/** Start the ledger's live state (once). */
export function startLedger(): void {
  if (started) return;
  started = true;
  // Which versions the database must be opened with is asked first; then everything opens it.
  void chooseLedgerOpen().then(run);
}

function run(): void {
  // Another tab upgraded the database: reload to run the new code (the entries are on disk).
  onVersionChange(() => location.reload());
  watchReference();
  watchPending();
  // The count of entries awaiting an answer is not on the path to a usable overview: it loads
  // once the first screen is drawn and the phone is idle, and the notice appears then.
  let awaiting = false;
  effect(() => {
    if (!shellIdle.value || awaiting) return;
    awaiting = true;
    void import("./state/needs-answer").then((m) => m.watchAwaitingAnswer());
  });
  ensureSeeded().catch((err: unknown) => console.error("could not load the campaign data", err));
  void requestPersistence().then((granted) => {
    persisted.value = granted;
  });
}
