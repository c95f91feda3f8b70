/**
 * How many of the signed-in user's entries a supervisor marked "Cần bổ sung" and nobody has
 * answered yet (db/needs-answer.ts), kept live for the overview's notice and the ledger tab.
 * The count follows the user: after a sign-out and another sign-in it is the new user's.
 */
import { effect } from "@preact/signals";
import { observe } from "../../db/live";
import { countAwaitingAnswer } from "../../db/needs-answer";
import { awaitingCount } from "./local";
import { profile } from "./session";

/** Keep `awaitingCount` live for whoever is signed in; returns the unsubscribe function. */
export function watchAwaitingAnswer(): () => void {
  let off: (() => void) | undefined;
  const stop = effect(() => {
    const userId = profile.value?.id;
    off?.();
    off = undefined;
    awaitingCount.value = 0;
    if (userId === undefined) return;
    off = observe(
      () => countAwaitingAnswer(userId),
      (n) => {
        awaitingCount.value = n;
      },
    );
  });
  return () => {
    stop();
    off?.();
  };
}
