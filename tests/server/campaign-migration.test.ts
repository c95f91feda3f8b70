/**
 * The shipped 2023 campaign first counted every numbered part as a sum; the file now counts
 * enterprises once (distinct) and says who may record what. A server that already holds the first
 * shipped copy, with entries, is brought up to date on start, and its figures still add up: sums
 * stay sums, and a distinct part now counts each unit once.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import shipped from "../../data/campaign-2023.json";
import { seedCatalog } from "../../server/bootstrap";
import { silentLogger } from "../../server/log";
import type { Campaign, Totals } from "../../src/domain/schemas";
import { CAMPAIGN, describeEachStore, makeEntry, startTestServer, type TestServer } from "./helpers";

/** The 2023 campaign as first shipped: no description, no eligibility, distinct parts as counts. */
function firstShipped(): Campaign {
  const { description: _d, status: _s, ...rest } = structuredClone(shipped) as Campaign;
  return {
    ...rest,
    targets: rest.targets.map((t) => ({
      ...t,
      parts: t.parts.map(({ eligible: _e, dueBy: _due, ...p }) => ({
        ...p,
        kind: p.kind === "distinct" ? "count" : p.kind,
      })),
    })),
  };
}

describeEachStore("migrating the shipped 2023 campaign", () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer();
  });
  afterEach(() => s.close());

  const achieved = async (cookie: string, partId: string) => {
    const r = await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}&unitId=tam-duong`, { cookie });
    return (r.body as Totals).parts.find((p) => p.partId === partId)?.achieved;
  };

  it("replaces the first shipped copy, keeps every entry, and counts a distinct part in units", async () => {
    await s.store.catalog.saveCampaign(firstShipped());
    const cookie = await s.login("tamduong");
    const conferences = [
      makeEntry({ partId: "t6-3", unitId: "tam-duong-04", quantity: 1 }),
      makeEntry({ partId: "t6-3", unitId: "tam-duong-04", quantity: 2, date: "2023-09-01" }),
      makeEntry({ partId: "t6-3", unitId: "tam-duong-05", quantity: 1 }),
      makeEntry({ partId: "t1-1", unitId: "tam-duong-01", quantity: 7 }),
    ];
    const pushed = await s.push(cookie, conferences);
    expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual([
      "stored",
      "stored",
      "stored",
      "stored",
    ]);
    expect(await achieved(cookie, "t6-3")).toBe(4);

    await seedCatalog(s.store, silentLogger);
    const [stored] = await s.store.catalog.campaigns();
    expect(stored).toEqual(shipped);
    expect(await achieved(cookie, "t6-3")).toBe(2); // two enterprises held conferences
    expect(await achieved(cookie, "t1-1")).toBe(7);
    // Nothing stored was judged again: the pull still carries all four.
    const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie });
    expect(pulled.body.entries).toHaveLength(4);
  });

  it("leaves a copy an admin has changed alone", async () => {
    const first = firstShipped();
    const raised = (p: Campaign["targets"][number]["parts"][number]) => (p.id === "t1-1" ? { ...p, goal: 150 } : p);
    const edited: Campaign = { ...first, targets: first.targets.map((t) => ({ ...t, parts: t.parts.map(raised) })) };
    await s.store.catalog.saveCampaign(edited);
    await seedCatalog(s.store, silentLogger);
    const [stored] = await s.store.catalog.campaigns();
    expect(stored).toEqual(edited);
  });
});
