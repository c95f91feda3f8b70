/**
 * A small idb-keyval store beside the ledger (settings, report drafts), opened on first use so a
 * page that never reads it opens no database, and re-pointable (demo mode keeps its own).
 */
import { createStore, type UseStore } from "idb-keyval";

/** A lazily opened key-value store: `db` database, `table` object store. */
export class KvStore {
  private opened: UseStore | undefined;

  constructor(
    private readonly db: string,
    private readonly table: string,
  ) {}

  /** The store to pass to idb-keyval's `get` / `set` / `del`. */
  get store(): UseStore {
    this.opened ??= createStore(this.db, this.table);
    return this.opened;
  }

  /** Point at the database `name` instead (same object store). */
  use(name: string): void {
    this.opened = createStore(name, this.table);
  }
}
