/** Names of the phone's databases, in a module without Dexie so the sign-in screen can ask whether one exists. */

/** The ledger's IndexedDB database. */
export const DB_NAME = "so-thi-dua";

/** Whether the ledger database exists on this phone (false where the browser cannot tell). */
export async function ledgerExists(): Promise<boolean> {
  try {
    if (typeof indexedDB?.databases !== "function") return true;
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return true;
  }
}
