/**
 * Recovering a client id another user took. The server ties a client id to the first user who
 * syncs with it; a handover file shows the phone's id, so someone else pushing with it first
 * made this phone's every push a 403 `client-owned`, for ever. The phone then forgets its id and
 * the next pass syncs under a fresh one (nothing is lost: the outbox is untouched, and entries
 * are idempotent by their own ids, not by the client id).
 */
import { forgetClientId } from "../db/settings";

/** After a refusal with `code`: when another user owns `userId`'s client id, forget it and say so. */
export async function recoverClientId(code: string, userId: string): Promise<boolean> {
  if (code !== "client-owned") return false;
  await forgetClientId(userId);
  return true;
}
