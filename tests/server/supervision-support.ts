/**
 * Shared set-up for the supervision and handover tests: records with overrides, extra users
 * (district supervisors), pulling every page, and a signed handover file.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { createUser } from "../../server/users";
import { HANDOVER_FORMAT, writeHandover } from "../../src/domain/handover";
import type { Entry } from "../../src/domain/schemas";
import type { PhaseReport, Review } from "../../src/domain/supervision";
import { UnitTree } from "../../src/domain/units";
import { type Answer, CAMPAIGN, PASSWORD, startTestServer, TEST_SCRYPT, type TestServer } from "./helpers";

/** A valid review of `entryId`, with overrides. */
export function makeReview(entryId: string, overrides: Partial<Review> = {}): Review {
  return { id: randomUUID(), entryId, state: "approved", createdAt: "2023-04-01T09:00:00.000+07:00", ...overrides };
}

/** A valid phase report for a Tam Đường grassroots union, with overrides. */
export function makeReport(overrides: Partial<PhaseReport> = {}): PhaseReport {
  return {
    id: randomUUID(),
    campaignId: CAMPAIGN,
    phaseId: "dot-1",
    unitId: "tam-duong-01",
    createdAt: "2023-06-30T17:00:00.000+07:00",
    ...overrides,
  };
}

/** Create a user on the test server and sign them in; returns the cookie. */
export async function addUser(s: TestServer, username: string, role: string, unitIds: string[]): Promise<string> {
  const tree = new UnitTree((await s.store.catalog.units()).units);
  const u = await createUser(
    { store: s.store, scrypt: TEST_SCRYPT, tree },
    { username, name: `User ${username}`, role, unitIds, password: PASSWORD },
  );
  s.ids[username] = u.id;
  return s.login(username);
}

/** POST a review batch. */
export function postReviews(s: TestServer, cookie: string, reviews: unknown[], clientId = "rv-phone"): Promise<Answer> {
  return s.call("POST", "/api/v1/reviews", { cookie, json: { clientId, reviews } });
}

/** POST a phase-report batch. */
export function postReports(s: TestServer, cookie: string, reports: unknown[], clientId = "pr-phone"): Promise<Answer> {
  return s.call("POST", "/api/v1/phase-reports", { cookie, json: { clientId, reports } });
}

/** The statuses (and reasons) of a batch answer, compactly: "stored", "rejected:forbidden", … */
export function outcomes(r: Answer): string[] {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.results.map((x: { status: string; reason?: string }) =>
    x.reason ? `${x.status}:${x.reason}` : x.status,
  );
}

/** Every pull page from `since` (or the beginning) until hasMore is false. */
// biome-ignore lint/suspicious/noExplicitAny: pages are read loosely and asserted on.
export async function pullPages(s: TestServer, cookie: string, since?: string): Promise<any[]> {
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const pages: any[] = [];
  let cursor = since;
  for (;;) {
    const q = cursor === undefined ? "" : `?since=${encodeURIComponent(cursor)}`;
    const r = await s.call("GET", `/api/v1/sync/pull${q}`, { cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    pages.push(r.body);
    cursor = r.body.cursor;
    if (!r.body.hasMore) return pages;
  }
}

/** A signed handover file of `entries`, exported by `userId` from `deviceId`. */
export function handoverFile(entries: Entry[], userId: string, deviceId = "td-phone"): Promise<string> {
  return writeHandover({
    format: HANDOVER_FORMAT,
    exportedAt: "2023-07-02T10:00:00.000+07:00",
    exportedBy: { userId, name: "User tamduong" },
    deviceId,
    campaignIds: [CAMPAIGN],
    entries,
  });
}

/**
 * For a describe block: a test server, started before its tests and closed after them, with
 * admin, supervisor, tamduong and phongtho signed in and a Tam Đường supervisor `supTd` added.
 * Read `ctx.s` and `ctx.cookies` inside the tests.
 */
export function supervisionServer(): { s: TestServer; cookies: Record<string, string> } {
  const ctx = { s: undefined as unknown as TestServer, cookies: {} as Record<string, string> };
  beforeAll(async () => {
    ctx.s = await startTestServer();
    for (const u of ["admin", "supervisor", "tamduong", "phongtho"]) ctx.cookies[u] = await ctx.s.login(u);
    ctx.cookies.supTd = await addUser(ctx.s, "sup-td", "supervisor", ["tam-duong"]);
  });
  afterAll(() => ctx.s.close());
  return ctx;
}
