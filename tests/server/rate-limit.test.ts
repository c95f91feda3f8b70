/**
 * Rate buckets per device (DESIGN §7): a push bucket per client id of a user, a read bucket (pull
 * and totals) per session, both under a per-user ceiling worth a few devices; every 429 carries
 * Retry-After.
 */
import { expect, it } from "vitest";
import { type Answer, CAMPAIGN, describeEachStore, makeEntry, startTestServer } from "./helpers";

const throttled = (r: Answer) => {
  expect(r.status).toBe(429);
  expect(r.body.error.code).toBe("throttled");
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
};

describeEachStore("rate limits per device", () => {
  it("each client id of a user has its own push bucket, under the user's ceiling", async () => {
    const s = await startTestServer({ pushBurst: 2, pushPerSecond: 0.001, devicesPerUser: 2 });
    try {
      const phone = await s.login("tamduong");
      const laptop = await s.login("tamduong");
      for (let i = 0; i < 2; i++) expect((await s.push(phone, [makeEntry()], "phone")).status).toBe(200);
      throttled(await s.push(phone, [makeEntry()], "phone"));
      // The laptop is not held back by the phone's pace…
      for (let i = 0; i < 2; i++) expect((await s.push(laptop, [makeEntry()], "laptop")).status).toBe(200);
      // …but the account is, past two devices' worth (a new client id gains nothing).
      throttled(await s.push(laptop, [makeEntry()], "third-device"));
      // Another user has buckets of their own.
      const other = await s.login("tamduong2");
      expect((await s.push(other, [makeEntry()], "other-phone")).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("pull and totals: 429 with Retry-After past a device's read bucket; another device of the user still reads", async () => {
    const s = await startTestServer({ readBurst: 2, readPerSecond: 0.001, devicesPerUser: 2 });
    try {
      const phone = await s.login("tamduong");
      const laptop = await s.login("tamduong");
      const totals = `/api/v1/totals?campaignId=${CAMPAIGN}`;
      expect((await s.call("GET", "/api/v1/sync/pull", { cookie: phone })).status).toBe(200);
      expect((await s.call("GET", totals, { cookie: phone })).status).toBe(200);
      throttled(await s.call("GET", "/api/v1/sync/pull", { cookie: phone }));
      throttled(await s.call("GET", totals, { cookie: phone }));
      expect((await s.call("GET", totals, { cookie: laptop })).status).toBe(200);
      expect((await s.call("GET", "/api/v1/sync/pull", { cookie: laptop })).status).toBe(200);
      // Pushes draw from their own buckets.
      expect((await s.push(phone, [makeEntry()], "phone")).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
