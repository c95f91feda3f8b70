/**
 * The sign-in gate under every interleaving fast-check's scheduler can find: concurrent attempts
 * never verify more guesses than the limits allow, and an attempt is refused only when a limit is
 * really reached (no attempt counted twice), so after a burst the next attempt is throttled.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deps } from "../../server/app-env";
import { type Attempt, LoginGate } from "../../server/auth/login-gate";
import { resolveConfig } from "../../server/config";
import { ApiError } from "../../server/http/errors";
import type { LoginFailureKey } from "../../server/store/store";

const PER_USER = 3;
const PER_ADDRESS = 5;
const WINDOW = 15 * 60_000;
const NOW = Date.UTC(2023, 5, 1);

type Failure = { username: string; address: string; at: number };

/** The four login-failure calls of the store, in memory, each answering when the scheduler says (or at once). */
function scheduledStore(s: fc.Scheduler | undefined, failures: Failure[]): Deps["store"] {
  const later = <T>(label: string, value: () => T) =>
    (s ? s.schedule(Promise.resolve(label)) : Promise.resolve(label)).then(value);
  const accounts = {
    nthLoginFailure: (where: LoginFailureKey, since: number, n: number) =>
      later(`nth ${where.username} ${where.address}`, () => {
        const times = failures
          .filter(
            (f) =>
              (where.username === undefined || f.username === where.username) &&
              (where.address === undefined || f.address === where.address) &&
              f.at > since,
          )
          .map((f) => f.at)
          .sort((a, b) => b - a);
        return times[n - 1];
      }),
    recordLoginFailure: (username: string, address: string, at: number) =>
      later(`record ${username} ${address}`, () => {
        failures.push({ username, address, at });
      }),
    clearLoginFailures: (username: string, address?: string) =>
      later(`clear ${username}`, () => {
        for (let i = failures.length - 1; i >= 0; i--) {
          const f = failures[i];
          if (f?.username === username && (address === undefined || f.address === address)) failures.splice(i, 1);
        }
      }),
    pruneLoginFailures: (before: number) =>
      later("prune", () => {
        for (let i = failures.length - 1; i >= 0; i--) if ((failures[i]?.at ?? 0) <= before) failures.splice(i, 1);
      }),
  };
  return { accounts } as unknown as Deps["store"];
}

const config = resolveConfig({
  loginMaxFailuresPerUser: PER_USER,
  loginMaxFailuresPerAddress: PER_ADDRESS,
  loginWindowMs: WINDOW,
  loginUserDelayMs: 0,
  now: () => NOW,
});

type Outcome = { refused: false } | { refused: true; status: number; retryAfter: number };

/** One sign-in as the route makes it: admit, verify (a scheduled step), then record the outcome. */
async function signIn(gate: LoginGate, s: fc.Scheduler, username: string, address: string, right: boolean) {
  let attempt: Attempt;
  try {
    attempt = await gate.admit(username, address);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { refused: true, status: e.status, retryAfter: Number(e.headers?.["Retry-After"]) } satisfies Outcome;
  }
  try {
    await s.schedule(Promise.resolve(`verify ${username}`));
    if (right) await gate.succeeded(attempt);
    else await gate.failed(attempt);
  } finally {
    gate.settle(attempt);
  }
  return { refused: false } satisfies Outcome;
}

const usernames = ["a", "b", "c"];
const addresses = ["10.0.0.1", "10.0.0.2"];

describe("login gate", () => {
  it("wrong passwords in any interleaving: at most the limit verified per name from an address, and a refusal means a limit was reached", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.record({ u: fc.constantFrom(...usernames), a: fc.constantFrom(...addresses) }), {
          minLength: 1,
          maxLength: 24,
        }),
        async (s, tries) => {
          const failures: Failure[] = [];
          const gate = new LoginGate({ store: scheduledStore(s, failures), config });
          const running = tries.map((t) => signIn(gate, s, t.u, t.a, false));
          await s.waitIdle();
          const outcomes = await Promise.all(running);

          const count = (u: string | undefined, a: string) =>
            failures.filter((f) => (u === undefined || f.username === u) && f.address === a).length;
          for (const u of usernames) for (const a of addresses) expect(count(u, a)).toBeLessThanOrEqual(PER_USER);
          for (const a of addresses) expect(count(undefined, a)).toBeLessThanOrEqual(PER_ADDRESS);
          for (const [i, o] of outcomes.entries()) {
            if (!o.refused) continue;
            const t = tries[i] as (typeof tries)[number];
            expect(o.status).toBe(429);
            expect(o.retryAfter).toBeGreaterThan(0);
            // Every attempt let through failed, so the limit that refused it must be full now.
            expect(count(t.u, t.a) === PER_USER || count(undefined, t.a) === PER_ADDRESS).toBe(true);
          }
          expect(outcomes.filter((o) => !o.refused)).toHaveLength(failures.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("after a concurrent burst from one address, the right password from it waits out the window", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: PER_ADDRESS + 1, max: 30 }), async (s, n) => {
        const failures: Failure[] = [];
        const gate = new LoginGate({ store: scheduledStore(s, failures), config });
        const running = Array.from({ length: n }, (_, i) => signIn(gate, s, `ghost-${i}`, "10.0.0.9", false));
        await s.waitIdle();
        await Promise.all(running);
        expect(failures).toHaveLength(PER_ADDRESS);

        const after = signIn(gate, s, "a", "10.0.0.9", true);
        await s.waitIdle();
        const o = await after;
        expect(o.refused && o.retryAfter).toBe(WINDOW / 1000);
      }),
      { numRuns: 100 },
    );
  });

  it("a lockout counted by another server process is answered with the window's wait, not a second", async () => {
    const failures: Failure[] = [];
    const gate = new LoginGate({ store: scheduledStore(undefined, failures), config });
    await gate.admit("a", "10.0.0.1"); // in flight here
    for (let i = 0; i < PER_USER; i++) failures.push({ username: "a", address: "10.0.0.2", at: NOW - 60_000 });
    const refused = await gate.admit("a", "10.0.0.2").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).headers["Retry-After"]).toBe(String((WINDOW - 60_000) / 1000));
  });

  it("a store slow to answer for one name and address holds up no sign-in of another", async () => {
    const failures: Failure[] = [];
    const store = scheduledStore(undefined, failures);
    const nth = store.accounts.nthLoginFailure.bind(store.accounts);
    store.accounts.nthLoginFailure = (where, since, n) =>
      where.username === "slow" || where.address === "10.0.0.66" ? new Promise(() => {}) : nth(where, since, n);
    const gate = new LoginGate({ store, config });
    void gate.admit("slow", "10.0.0.66");
    const other = gate.admit("b", "10.0.0.2").then(() => "admitted");
    const stuck = new Promise((r) => setTimeout(() => r("still waiting after 2 s"), 2000));
    expect(await Promise.race([other, stuck])).toBe("admitted");
  });

  it("a right password frees its place at once and clears the username's failures", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const failures: Failure[] = [{ username: "a", address: "10.0.0.1", at: NOW - 1000 }];
        const gate = new LoginGate({ store: scheduledStore(s, failures), config });
        const running = [signIn(gate, s, "a", "10.0.0.1", true), signIn(gate, s, "a", "10.0.0.1", true)];
        await s.waitIdle();
        expect(await Promise.all(running)).toEqual([{ refused: false }, { refused: false }]);
        expect(failures).toEqual([]);
        const next = Array.from({ length: PER_USER }, () => signIn(gate, s, "a", "10.0.0.1", false));
        await s.waitIdle();
        expect((await Promise.all(next)).every((o) => !o.refused)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
