/**
 * The physical floor for ingest: a bare better-sqlite3 prepared INSERT loop, in one transaction,
 * into a table shaped like the server's `entries` (text primary key, unique seq), in a file with
 * the server's settings (WAL, synchronous = FULL), so what it leaves out is exactly the server's
 * own work: HTTP, JSON, validation, scope, the ledger rules and the maintained cells.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { EntryMaker } from "../page/data";

const TABLE = `CREATE TABLE entries (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, campaign_id TEXT NOT NULL, part_id TEXT NOT NULL,
  unit_id TEXT NOT NULL, date TEXT NOT NULL, quantity INTEGER NOT NULL, note TEXT, corrects_id TEXT,
  created_at TEXT NOT NULL, phase_id TEXT NOT NULL, root_id TEXT NOT NULL, author_id TEXT NOT NULL,
  client_id TEXT NOT NULL, received_at TEXT NOT NULL)`;

/**
 * Milliseconds to insert `n` entries, once per run, each run into a fresh database file; in one
 * transaction, or committing every `perCommit` rows (the push protocol commits every 500, and a
 * durable commit costs a WAL sync: that floor shows what durability alone costs).
 */
export async function bareInsertLoop(n: number, runs: number, perCommit = n): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), "stdua-bare-"));
    const db = new Database(join(dir, "bare.sqlite"));
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.exec(TABLE);
      const maker = new EntryMaker(9_000 + r);
      const rows = Array.from({ length: n }, () => maker.next());
      const now = new Date().toISOString();
      const insert = db.prepare("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      const commit = db.transaction((from: number) => {
        for (let i = from; i < Math.min(n, from + perCommit); i++) {
          const e = rows[i] as (typeof rows)[number];
          insert.run(
            e.id,
            i + 1,
            e.campaignId,
            e.partId,
            e.unitId,
            e.date,
            e.quantity,
            null,
            null,
            e.createdAt,
            "dot-1",
            e.id,
            "u",
            "c",
            now,
          );
        }
      });
      // The bench's own garbage (its HTTP client, the rows above) is collected before, not during,
      // the timed loop (`npm run bench` runs node with --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      for (let from = 0; from < n; from += perCommit) commit(from);
      out.push(performance.now() - t0);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
