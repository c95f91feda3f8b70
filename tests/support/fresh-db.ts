/** Each test of a file on a fresh, empty phone database (fake-indexeddb), deleted after it. */
import Dexie from "dexie";
import { afterEach, beforeEach } from "vitest";
import { db, LedgerDb, SHIPPED_SCHEMAS, useDatabase } from "../../src/db/database";

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

/** A database as version `version` of the app declared it (every shipped schema up to it), not yet opened. */
export function shippedDatabase(name: string, version: number): Dexie {
  const d = new Dexie(name);
  for (const [i, schema] of SHIPPED_SCHEMAS.slice(0, version).entries()) d.version(i + 1).stores(schema);
  return d;
}
