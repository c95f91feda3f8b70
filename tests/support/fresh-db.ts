/** Each test of a file on a fresh, empty phone database (fake-indexeddb), deleted after it. */
import Dexie from "dexie";
import { afterEach, beforeEach } from "vitest";
import { db, LedgerDb, useDatabase } from "../../src/db/database";

export function freshDatabaseForEachTest(prefix: string): void {
  let name = "";
  beforeEach(() => {
    name = `${prefix}-${Math.random()}`;
    useDatabase(new LedgerDb(name));
  });
  afterEach(async () => {
    db().close();
    await Dexie.delete(name);
  });
}
