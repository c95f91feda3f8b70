/** Names of the phone's databases, in a module without Dexie so the sign-in screen can ask whether one exists. */

/** The ledger's IndexedDB database. */
export const DB_NAME = "so-thi-dua";

/**
 * The IndexedDB version of database `name` on this phone: `null` when there is none, `undefined`
 * where the browser cannot tell (no `indexedDB.databases()`, or it failed).
 */
export async function installedVersion(name: string): Promise<number | null | undefined> {
  try {
    const found = (await indexedDB.databases()).find((d) => d.name === name);
    return found ? found.version : null;
  } catch {
    return undefined; // no indexedDB.databases() (calling it throws), or it failed
  }
}

/** Whether the ledger database exists on this phone (true where the browser cannot tell). */
export async function ledgerExists(): Promise<boolean> {
  return (await installedVersion(DB_NAME)) !== null;
}
