/**
 * A client id taken by the wrong user (a handover file shows the phone's id; whoever pushes with
 * it first owns it): `npm run admin -- release-client ID` forgets an unused one, or hands a used
 * one to its rightful user with `--to`, after which that user's pushes go through again.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { describeEachStore, makeEntry, startTestServer, TEST_SCRYPT, type TestServer } from "./helpers";

describeEachStore("release-client", () => {
  let s: TestServer;
  let officer: string;
  let other: string;
  const cli = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runAdminCommand(argv, s.store, TEST_SCRYPT, (l) => lines.push(l));
    return { code, out: lines.join("\n") };
  };
  beforeAll(async () => {
    s = await startTestServer();
    officer = await s.login("tamduong");
    other = await s.login("phongtho");
  });
  afterAll(() => s.close());

  it("hands a taken client id that records carry to its rightful user with --to", async () => {
    const phone = "phone-of-tamduong";
    expect((await s.push(other, [makeEntry({ unitId: "phong-tho-01" })], phone)).status).toBe(200);
    const refused = await s.push(officer, [makeEntry()], phone);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("client-owned");

    const inUse = await cli("release-client", phone);
    expect(inUse.code).toBe(1);
    expect(inUse.out).toContain("--to");
    const moved = await cli("release-client", phone, "--to", "tamduong");
    expect(moved.code, moved.out).toBe(0);
    expect((await s.push(officer, [makeEntry()], phone)).status).toBe(200);
    expect((await s.push(other, [makeEntry({ unitId: "phong-tho-01" })], phone)).status).toBe(403);
  });

  it("forgets a taken client id no record carries; the next user to sync owns it", async () => {
    const phone = "phone-unused";
    expect((await s.push(other, [], phone)).status).toBe(200);
    expect((await s.push(officer, [makeEntry()], phone)).status).toBe(403);
    const released = await cli("release-client", phone);
    expect(released.code, released.out).toBe(0);
    expect((await s.push(officer, [makeEntry()], phone)).status).toBe(200);
    expect((await cli("release-client", "no-such-client")).code).toBe(1);
    expect((await cli("release-client", phone, "--to", "nobody")).code).toBe(1);
  });

  it("counts a client id that only replies carry as in use (every record table, not a list that forgot some)", async () => {
    const entry = makeEntry();
    expect((await s.push(officer, [entry], "td-entries")).status).toBe(200);
    const reply = { id: randomUUID(), entryId: entry.id, text: "Đã bổ sung", createdAt: entry.createdAt };
    const answered = await s.call("POST", "/api/v1/replies", {
      cookie: officer,
      json: { clientId: "td-replies", replies: [reply] },
    });
    expect(answered.body.results[0].status).toBe("stored");
    const inUse = await cli("release-client", "td-replies");
    expect(inUse.code, inUse.out).toBe(1);
    expect(inUse.out).toContain("--to");
  });
});
