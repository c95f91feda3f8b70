/**
 * When a SQLite push is answered (DESIGN §7 "Load": only after the group's durable commit). A
 * lone push, with no WAL sync in flight, has the WAL synced on the event loop right after its
 * COMMIT and is answered then; pushes committed together, and any push committed while a sync is
 * in flight, are answered only once an fdatasync of the WAL that started after their commit has
 * returned. The thread pool's fdatasync is held here, so "answered before its sync" would show as
 * a settled promise; the synchronous one is counted.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { Catalog } from "../../server/catalog";
import type { UserRecord } from "../../server/store/store";
import { applyPush } from "../../server/sync/push";
import { makeEntry, startTestServer, type TestServer } from "./helpers";

/** The WAL syncs started and not yet returned, in order; `release()` lets the oldest return. */
const held = vi.hoisted(() => {
  const callbacks: ((err: NodeJS.ErrnoException | null) => void)[] = [];
  return {
    callbacks,
    release: () => callbacks.shift()?.(null),
    /** fdatasyncSync calls made so far. */
    inline: { count: 0 },
  };
});

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const fdatasync = (_fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => held.callbacks.push(cb);
  const fdatasyncSync = (fd: number) => {
    held.inline.count += 1;
    fs.fdatasyncSync(fd);
  };
  return { ...fs, default: { ...fs, fdatasync, fdatasyncSync }, fdatasync, fdatasyncSync };
});

const RECEIVED = "2024-05-01T00:00:00.000Z";
let s: TestServer;
let user: UserRecord;

beforeEach(async () => {
  s = await startTestServer({}, join(mkdtempSync(join(tmpdir(), "wal-sync-")), "ledger.sqlite"));
  user = (await s.store.accounts.userByUsername("tamduong")) as UserRecord;
  await s.store.accounts.claimClient("sync-device", user.id, RECEIVED);
});

afterEach(async () => {
  while (held.callbacks.length > 0) held.release();
  await s.close();
});

/** Start a push of one entry; `settled()` says whether it has been answered. */
async function pushOne() {
  const view = await new Catalog(s.store).current();
  let settled = false;
  const answer = applyPush(s.store, view, user, "sync-device", [makeEntry()], RECEIVED).finally(() => {
    settled = true;
  });
  return { answer, settled: () => settled };
}

/** Let the store's group commit (set off on the next turn) run, and the answers it gave settle. */
const turn = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

it("a lone push is answered once the WAL was synced right after its COMMIT: no sync is left for it to wait on", async () => {
  const before = held.inline.count;
  let syncsWhenAnswered = -1;
  const lone = await pushOne();
  void lone.answer.then(() => {
    syncsWhenAnswered = held.inline.count - before;
  });
  await turn();
  expect(lone.settled()).toBe(true);
  expect(syncsWhenAnswered).toBe(1);
  expect(await lone.answer).toEqual([expect.objectContaining({ status: "stored" })]);
  expect(held.callbacks).toHaveLength(0);
});

it("pushes committed together, or while a sync is in flight, wait for a sync that began after their commit", async () => {
  const a = await pushOne();
  const b = await pushOne();
  await turn();
  // One group of two: committed, synced off the event loop, not answered until that sync returns.
  expect(held.callbacks).toHaveLength(1);
  expect([a.settled(), b.settled()]).toEqual([false, false]);

  // A lone push while that sync is in flight is not synced on the event loop: it waits its turn.
  const inlineBefore = held.inline.count;
  const c = await pushOne();
  await turn();
  expect(c.settled()).toBe(false);
  expect(held.callbacks).toHaveLength(1);
  expect(held.inline.count).toBe(inlineBefore);

  held.release();
  await turn();
  expect([a.settled(), b.settled()]).toEqual([true, true]);
  // The sync that covers c starts only now, after the first returned; c waits for it.
  expect(c.settled()).toBe(false);
  expect(held.callbacks).toHaveLength(1);

  held.release();
  await turn();
  expect(c.settled()).toBe(true);
  for (const p of [a, b, c]) expect(await p.answer).toEqual([expect.objectContaining({ status: "stored" })]);
});
