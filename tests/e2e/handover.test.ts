/**
 * A handover file carried from an offline phone lands exactly once — imported on a
 * supervisor's device and uploaded to the server, then the same entries pushed normally are
 * all duplicates; a file with one flipped byte is refused whole.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EntryPage } from "./pages/entry";
import { Shell } from "./pages/shell";
import { PHONE } from "./support/browser";
import { adminClient, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "officer.tamduong", name: "Lò Văn Minh", role: "officer", unitIds: ["tam-duong"] },
  { username: "supervisor.tamduong", name: "Tòng Thị Hoa", role: "supervisor", unitIds: ["tam-duong"] },
]);

type Totals = { parts: { partId: string; achieved: number }[] };
const achieved = async (partId: string) => {
  const admin = await adminClient(world.server);
  const t = (await admin.request("GET", "/totals?campaignId=laichau-2023&unitId=tam-duong")).json as Totals;
  return t.parts.find((p) => p.partId === partId)?.achieved;
};

async function chooseFile(page: Page, name: string, content: Buffer): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: "application/json", buffer: content });
}

describe("handover without a data network", () => {
  it("moves entries by file exactly once, and refuses an altered file", async () => {
    const officer = await world.browser.newContext({ ...PHONE, acceptDownloads: true });
    const supervisor = await world.browser.newContext(PHONE);
    const pageO = await signedInPage(officer, world.server.url, "officer.tamduong");
    const pageS = await signedInPage(supervisor, world.server.url, "supervisor.tamduong");
    await world.server.down();

    const shell = new Shell(pageO);
    await shell.go("Nhập");
    const entry = new EntryPage(pageO);
    await entry.record({ unit: "Chè Tam Đường", partId: "t1-1", date: "2023-05-05", quantity: 2 });
    await entry.record({ quantity: 3 });
    await entry.record({ quantity: 4 });
    await shell.waitForPending(3);

    await pageO.goto(`${world.server.url}/#/handover`);
    const [download] = await Promise.all([
      pageO.waitForEvent("download"),
      pageO.getByRole("button", { name: /Xuất 3 mục chưa gửi/ }).click(),
    ]);
    const file = readFileSync(await download.path());
    expect(JSON.parse(file.toString("utf8")).entries).toHaveLength(3);

    // One flipped byte inside a quantity: refused whole, nothing taken.
    const text = file.toString("utf8");
    const at = Buffer.byteLength(text.slice(0, text.indexOf('"quantity": 3') + '"quantity": '.length));
    const flipped = Buffer.from(text);
    expect(String.fromCharCode(flipped[at] ?? 0)).toBe("3");
    flipped[at] = "7".charCodeAt(0);
    await pageS.goto(`${world.server.url}/#/handover`);
    await chooseFile(pageS, "flipped.json", flipped);
    await expect(pageS.getByTestId("handover-error").textContent()).resolves.toMatch(/Mã kiểm tra không khớp/);
    await new Shell(pageS).waitForPending(0);

    await chooseFile(pageS, "good.json", file);
    // A double tap takes the file in once (a second run would report all three as already here).
    await pageS.getByRole("button", { name: "Nhận vào máy" }).dblclick();
    await expect(pageS.getByTestId("handover-result").textContent()).resolves.toMatch(/Đã nhận 3 mục mới/);
    // A second run would end a moment later and say "0 mục mới, 3 mục đã có" instead.
    await pageS.waitForTimeout(1000);
    await expect(pageS.getByTestId("handover-result").textContent()).resolves.toMatch(/Đã nhận 3 mục mới/);
    await new Shell(pageS).waitForPending(3);

    await world.server.up();
    await new Shell(pageS).waitForPending(0, 90_000);
    expect(await achieved("t1-1")).toBe(9);

    // The same file uploaded to the server: all duplicates; a flipped one: refused.
    const admin = await adminClient(world.server);
    const up = await admin.request("POST", "/sync/import", JSON.parse(text));
    expect(up.status).toBe(200);
    expect((up.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    const bad = await admin.request("POST", "/sync/import", JSON.parse(flipped.toString("utf8")));
    expect(bad.status).toBe(400);

    // The officer's phone delivers the same entries later: counted once.
    await new Shell(pageO).syncNow();
    await new Shell(pageO).waitForPending(0, 60_000);
    expect(await achieved("t1-1")).toBe(9);
    await Promise.all([officer.close(), supervisor.close()]);
  });
});
