/**
 * The sync scheduler behind an injected clock: the retry timer's delays are read off the clock,
 * the outbox and the pull are stubs whose answers each test sets. Only the timer's own failures
 * lengthen the backoff (a save during a timer pass runs as a save), and a 429's Retry-After is
 * never cut short, on push or on pull.
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { BASE_DELAY_MS } from "../../src/sync/backoff";

type Outcome = { kind: string; code?: string; retryAfter?: number; rejected?: number };

const stubs = vi.hoisted(() => ({
  drain: [] as (() => Promise<Outcome>)[],
  pull: [] as (() => Promise<Outcome>)[],
}));

vi.mock("../../src/db/settings", () => ({ getSetting: async () => undefined, setSetting: async () => {} }));
vi.mock("../../src/db/unsent", () => ({ countPending: async () => 0 }));
vi.mock("../../src/sync/sms-reconcile", () => ({ voidSmsStandIns: async () => 0 }));
vi.mock("../../src/sync/supervision-outbox", () => ({ drainSupervision: async () => ({ kind: "done" }) }));
vi.mock("../../src/sync/outbox", () => ({
  drainOutbox: () => (stubs.drain.shift() ?? (async () => ({ kind: "done", synced: 0, rejected: 0 })))(),
}));
vi.mock("../../src/sync/pull", () => ({
  pullAll: () => (stubs.pull.shift() ?? (async () => ({ kind: "done", added: 0 })))(),
}));

/** A clock that only moves when told: timers are listed, fired by hand. */
class FakeClock {
  timers = new Map<number, { fn: () => void; ms: number }>();
  private id = 0;
  setTimeout = (fn: () => void, ms: number) => {
    this.timers.set(++this.id, { fn, ms });
    return this.id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  /** Jitter at its top: each delay is the backoff's ceiling. */
  random = () => 1;
  /** The one pending timer's delay. */
  pending(): number | undefined {
    expect(this.timers.size).toBeLessThanOrEqual(1);
    return [...this.timers.values()][0]?.ms;
  }
  /** Fire the pending timer. */
  fire(): void {
    const [id, t] = [...this.timers.entries()][0] ?? [];
    if (id === undefined || !t) throw new Error("no timer pending");
    this.timers.delete(id);
    t.fn();
  }
}

/** Let every pending promise settle (the stubs answer at once). */
const settle = () => new Promise((r) => setTimeout(r, 5));
const failing =
  (code = "network", retryAfter?: number) =>
  async (): Promise<Outcome> =>
    retryAfter === undefined ? { kind: "retry", code } : { kind: "retry", code, retryAfter };

let clock: FakeClock;
let scheduler: typeof import("../../src/sync/scheduler");

beforeEach(async () => {
  vi.resetModules();
  vi.stubGlobal("window", { addEventListener: () => {} });
  vi.stubGlobal("document", { addEventListener: () => {}, visibilityState: "visible" });
  stubs.drain.length = 0;
  stubs.pull.length = 0;
  clock = new FakeClock();
  scheduler = await import("../../src/sync/scheduler");
  scheduler.useSchedulerClock(clock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const start = async () => {
  await scheduler.startSync(async () => ({ userId: "u1", clientId: "c1" }));
  await settle();
};

it("a save during a timer pass runs as a save: it does not lengthen the backoff", async () => {
  stubs.drain.push(failing());
  await start();
  // The first failure (at start) waits the base delay; only the timer's failures double it.
  expect(clock.pending()).toBe(BASE_DELAY_MS);

  let answer: (o: Outcome) => void = () => {};
  stubs.drain.push(() => new Promise<Outcome>((r) => (answer = r)));
  stubs.drain.push(failing());
  clock.fire(); // the timer's pass starts and waits for the server…
  await settle();
  void scheduler.syncNow("save"); // …while the officer saves an entry
  answer({ kind: "retry", code: "network" }); // the timer's pass fails: backoff doubles once
  await settle();
  // The save's own pass failed too, and left the backoff where the timer's failure put it.
  expect(clock.pending()).toBe(2 * BASE_DELAY_MS);

  stubs.drain.push(failing());
  clock.fire();
  await settle();
  expect(clock.pending()).toBe(4 * BASE_DELAY_MS);
});

it("waits out a push's Retry-After when it is longer than the backoff", async () => {
  stubs.drain.push(failing("throttled", 30));
  await start();
  expect(clock.pending()).toBe(30_000);
});

it("waits out a pull's Retry-After too", async () => {
  stubs.pull.push(failing("throttled", 45));
  await start();
  expect(clock.pending()).toBe(45_000);
  // Then syncs again when the timer fires, and stops retrying once it goes through.
  clock.fire();
  await settle();
  expect(clock.pending()).toBeUndefined();
});
