/**
 * Handover files on the server: `POST /api/v1/sync/import` and `npm run admin -- import-entries`.
 * A file lands exactly once: uploaded twice, all duplicate and totals unchanged; the same entries
 * pushed later by the officer, all duplicate. A file with one flipped byte, cut short, altered
 * or too large is refused whole, nothing stored. Entries go through push's rules as the applying
 * user (scope, conflicts, corrections).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { HANDOVER_MAX_BYTES } from "../../src/domain/handover";
import type { Entry } from "../../src/domain/schemas";
import {
  type Answer,
  CAMPAIGN,
  correction,
  describeEachStore,
  makeEntry,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";
import { addUser, handoverFile, outcomes } from "./supervision-support";

describeEachStore("handover import", () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const upload = (who: string, body: string): Promise<Answer> =>
    s.call("POST", "/api/v1/sync/import", { cookie: cookies[who] as string, body });
  const ledger = async () => (await s.store.ledger.entriesAfter(0, null, 100_000)).length;
  const totals = async () =>
    (await s.call("GET", `/api/v1/totals?campaignId=${CAMPAIGN}`, { cookie: cookies.supervisor as string })).body;
  const cli = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runAdminCommand(argv, s.store, TEST_SCRYPT, (l) => lines.push(l));
    return { code, out: lines.join("\n") };
  };

  // The offline phone's ledger: entries, a correction of one of them, and a void of another.
  const first = makeEntry({ unitId: "tam-duong-01", quantity: 10, note: "từ máy không sóng" });
  const second = makeEntry({ unitId: "tam-duong-02", quantity: 3, date: "2023-08-20" });
  const phone: Entry[] = [
    first,
    second,
    correction(first, -4),
    correction(second, -3),
    makeEntry({ unitId: "tam-duong", partId: "t10-1", quantity: 1 }),
  ];
  let file: string;

  beforeAll(async () => {
    s = await startTestServer();
    for (const u of ["admin", "supervisor", "tamduong", "phongtho"]) cookies[u] = await s.login(u);
    cookies.supPt = await addUser(s, "sup-pt", "supervisor", ["phong-tho"]);
    file = await handoverFile(phone, s.ids.tamduong as string);
  });
  afterAll(() => s.close());

  it("refuses officers (403) and anonymous callers (401), storing nothing", async () => {
    expect((await upload("tamduong", file)).status).toBe(403);
    expect((await s.call("POST", "/api/v1/sync/import", { body: file })).status).toBe(401);
    expect(await ledger()).toBe(0);
  });

  it("refuses a damaged file whole: one flipped byte, cut short, altered, not a handover, too large", async () => {
    const bytes = Buffer.from(file);
    const at = file.indexOf('"quantity": 10') + '"quantity": 1'.length; // the "0" of quantity 10
    const flipped = Buffer.from(bytes);
    flipped[at] = (flipped[at] as number) ^ 0x01; // "0" → "1": still JSON, now quantity 11
    const altered = JSON.parse(file);
    altered.entries[0].quantity = 1.5; // the shape breaks before the checksum is even compared
    const cases: [string, number, string][] = [
      [flipped.toString("utf8"), 400, "bad-checksum"],
      [file.slice(0, Math.floor(file.length / 2)), 400, "not-json"],
      [JSON.stringify({ ...altered, entries: altered.entries }), 400, "invalid"],
      [JSON.stringify({ format: "something-else", entries: [] }), 400, "not-handover"],
    ];
    for (const [body, status, code] of cases) {
      const r = await upload("supervisor", body);
      expect(r.status, code).toBe(status);
      expect(r.body.error.code, code).toBe(code);
      if (code === "invalid") expect(r.body.error.path).toBe("entries.0.quantity");
    }
    const highBit = Buffer.from(bytes);
    highBit[at] = (highBit[at] as number) ^ 0x80; // not UTF-8 any more
    const r = await s.call("POST", "/api/v1/sync/import", { cookie: cookies.supervisor, body: highBit });
    expect(r.status).toBe(400);
    const huge = `${file.slice(0, -2)}${" ".repeat(HANDOVER_MAX_BYTES)}}\n`;
    expect((await upload("supervisor", huge)).status).toBe(413);
    expect(await ledger()).toBe(0);
  });

  it("a district supervisor uploading another district's file: every entry forbidden, nothing stored", async () => {
    const r = await upload("supPt", file);
    expect(outcomes(r)).toEqual(phone.map(() => "rejected:forbidden"));
    expect(await ledger()).toBe(0);
  });

  it("lands exactly once: stored, then all duplicate on a second upload, then all duplicate by push", async () => {
    const r = await upload("supervisor", file);
    expect(outcomes(r)).toEqual(phone.map(() => "stored"));
    expect(typeof r.body.serverTime).toBe("string");
    const after = await totals();
    const t11 = after.parts.find((p: { partId: string }) => p.partId === "t1-1");
    expect(t11.achieved).toBe(6); // 10 − 4, and the second chain voided
    const stored = await s.store.ledger.entriesAfter(0, null, 100);
    expect(
      stored.every((e) => e.authorId === s.ids.supervisor && e.clientId === `handover:td-phone:from:${s.ids.tamduong}`),
    ).toBe(true);

    expect(outcomes(await upload("supervisor", file))).toEqual(phone.map(() => "duplicate"));
    expect(outcomes(await upload("admin", file))).toEqual(phone.map(() => "duplicate"));
    // The officer's phone comes back online and pushes the same entries: nothing counted twice.
    expect(outcomes(await s.push(cookies.tamduong as string, phone, "td-phone"))).toEqual(phone.map(() => "duplicate"));
    expect(await totals()).toEqual(after);
    expect(await ledger()).toBe(phone.length);
  });

  it("applies push's rules entry by entry: a conflicting id and an out-of-phase date are rejected", async () => {
    const clash = { ...first, quantity: 99 };
    const late = makeEntry({ date: "2024-02-01" });
    const fresh = makeEntry({ unitId: "tam-duong-03" });
    const r = await upload("supervisor", await handoverFile([clash, late, fresh], s.ids.tamduong as string));
    expect(outcomes(r)).toEqual(["rejected:conflict", "rejected:outside-phases", "stored"]);
  });

  it("CLI import-entries: --as required, applied as that user with the file's author recorded beside; a bad file changes nothing", async () => {
    const entries = [makeEntry({ unitId: "tam-duong-04" }), makeEntry({ unitId: "tam-duong-05" })];
    const path = join(s.dir, "handover.json");
    writeFileSync(path, await handoverFile(entries, s.ids.tamduong as string, "td-phone-2"));
    const damaged = join(s.dir, "damaged.json");
    writeFileSync(
      damaged,
      (await handoverFile([makeEntry()], s.ids.tamduong as string)).replace('"quantity": 3', '"quantity": 4'),
    );
    const before = await ledger();
    const bad = await cli("import-entries", damaged, "--as", "tamduong");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("import refused, nothing was changed");
    expect(bad.out).toContain("bad-checksum");
    expect((await cli("import-entries", join(s.dir, "missing.json"), "--as", "tamduong")).code).toBe(1);
    // A file naming the admin as its author (forgeable: the checksum is unkeyed) is not applied as the admin.
    const forged = join(s.dir, "forged.json");
    writeFileSync(forged, await handoverFile([makeEntry({ unitId: "phong-tho-01" })], s.ids.admin as string));
    const noAs = await cli("import-entries", forged);
    expect(noAs.code).toBe(1);
    expect(noAs.out).toContain("--as USERNAME");
    expect((await cli("import-entries", path)).code).toBe(1);
    expect(await ledger()).toBe(before);
    const forgedAs = await cli("import-entries", forged, "--as", "tamduong");
    expect(forgedAs.out).toContain("rejected forbidden: 1");
    expect(await cli("import-entries", forged, "--as", "nobody").then((r) => r.code)).toBe(1);
    expect(await ledger()).toBe(before);

    const ok = await cli("import-entries", path, "--as", "tamduong");
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain("stored 2, duplicate 0, rejected 0");
    expect(ok.out).toContain(`claiming to be from`);
    const clientId = `handover:td-phone-2:from:${s.ids.tamduong}`;
    const mine = (await s.store.ledger.entriesAfter(0, null, 100)).filter((e) => e.clientId === clientId);
    expect(mine.map((e) => e.authorId)).toEqual([s.ids.tamduong, s.ids.tamduong]);
    const again = await cli("import-entries", path, "--as", "phongtho");
    expect(again.out).toContain("stored 0, duplicate 0, rejected 2");
    expect(again.out).toContain("rejected forbidden: 2");
    const asAdmin = await cli("import-entries", path, "--as", "admin");
    expect(asAdmin.out).toContain("stored 0, duplicate 2, rejected 0");
    expect(await ledger()).toBe(before + 2);
  });
});
