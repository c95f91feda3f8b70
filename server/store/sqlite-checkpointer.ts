/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * takes the WAL past 1,000 pages: it copies ~4 MB into the database file and syncs both files, on
 * the thread that committed, holding the event loop for tens of ms (on report day every push
 * waiting, and every connection waiting to be accepted, waits with it: bench/README.md, "Load").
 *
 * Here, once the WAL file has grown past START_AT_BYTES (a server that is really being written
 * to; a test's small store never starts one), a worker thread opens its own connection to the
 * same file and runs `PRAGMA wal_checkpoint(PASSIVE)` every EVERY_MS: a passive checkpoint never
 * waits for or blocks the writer, copies what no reader still needs, and syncs the WAL before and
 * the database file after (synchronous = FULL on that connection), exactly as the automatic one
 * does. The writer then restarts the WAL from its beginning as before. The writer's own automatic
 * checkpoint stays, at SAFETY_PAGES, should the worker ever fall behind or die.
 */
import { fstatSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** Start the worker once the WAL file is this large (SQLite's own threshold, 1,000 pages of 4 KB). */
const START_AT_BYTES = 4 * 1024 * 1024;

/** How often the worker checkpoints (a checkpoint with nothing to copy only reads a header). */
const EVERY_MS = 200;

/** The writer's own automatic checkpoint once the worker runs: a safety net, never reached while it does. */
const SAFETY_PAGES = 10_000;

/** The worker: its own connection, a passive checkpoint on a timer, closed on "close". */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = FULL");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    parentPort.postMessage({ failed: String(err) });
  }
}, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m !== "close") return;
  clearInterval(timer);
  try {
    db.close();
  } catch {}
  parentPort.close();
});
`;

/** Checkpoints of one SQLite file, moved to a worker thread once its WAL grows (see the header). */
export class SqliteCheckpointer {
  private worker: Worker | undefined;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  /** After a commit: start the worker when the WAL file (`walFd`) has grown past the threshold. */
  wrote(walFd: number): void {
    if (this.worker !== undefined || this.closed) return;
    if (fstatSync(walFd).size < START_AT_BYTES) return;
    try {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      const worker = new Worker(WORKER, { eval: true, workerData: { driver, file: this.db.name, everyMs: EVERY_MS } });
      worker.unref();
      worker.on("message", (m: { failed?: string }) => {
        if (m.failed) this.onFailure(new Error(m.failed));
      });
      worker.on("error", (err) => {
        // Without the worker, the writer's automatic checkpoint takes over again.
        this.onFailure(err);
        if (this.db.open) this.db.pragma("wal_autocheckpoint = 1000");
      });
      this.worker = worker;
      this.db.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
    } catch (err) {
      this.closed = true;
      this.onFailure(err);
    }
  }

  /** Stop checkpointing (the store is closing; the last connection to close checkpoints the rest). */
  close(): void {
    this.closed = true;
    this.worker?.postMessage("close");
    this.worker = undefined;
  }
}
