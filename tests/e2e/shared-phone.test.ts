/**
 * One phone, two officers (DESIGN §7 "Shared phones"): signing out is refused while the user's
 * entries wait; after it, the next user sees none of the previous user's records; each user
 * pushes with a client id of their own, and a client id another user took (a handover file shows
 * it) is renewed without losing the entry waiting behind it.
 */
import { describe, expect, it } from "vitest";
import { makeEntry } from "../support/fixtures";
import { EntryPage } from "./pages/entry";
import { LedgerPage } from "./pages/ledger";
import { SettingsPage } from "./pages/settings";
import { Shell } from "./pages/shell";
import { SignInPage } from "./pages/sign-in";
import { PHONE } from "./support/browser";
import { ApiClient } from "./support/server";
import { adminClient, PASSWORD, serverAndBrowser, signedInPage } from "./support/setup";

const world = serverAndBrowser([
  { username: "canbo.tamduong", name: "Lò Thị Mai", role: "officer", unitIds: ["tam-duong"] },
  { username: "canbo.phongtho", name: "Vàng A Páo", role: "officer", unitIds: ["phong-tho"] },
  { username: "canbo.sinho", name: "Giàng Thị Sua", role: "officer", unitIds: ["sin-ho"] },
]);

/** Write one idb-keyval setting in the page, as the app keeps it. */
async function putSetting(page: import("playwright-core").Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("so-thi-dua-settings");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("settings", "readwrite");
          tx.objectStore("settings").put(v, k as string);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value] as const,
  );
}

describe("a phone shared by two officers", () => {
  it("keeps each officer's records and client id apart", async () => {
    const admin = await adminClient(world.server);
    const { users } = (await admin.request("GET", "/admin/users")).json as {
      users: { id: string; username: string }[];
    };
    const idOf = (username: string) => users.find((u) => u.username === username)?.id ?? "";

    const context = await world.browser.newContext(PHONE);
    const page = await signedInPage(context, world.server.url, "canbo.tamduong");
    const shell = new Shell(page);
    const settings = new SettingsPage(page);
    const ledger = new LedgerPage(page);

    // The first officer records two entries with no signal and cannot sign out over them.
    await context.setOffline(true);
    await shell.go("Nhập");
    const entry = new EntryPage(page);
    await entry.record({ unit: "Bình Lư", partId: "t1-1", date: "2023-03-20", quantity: 4 });
    await entry.record({ quantity: 2 });
    await shell.waitForPending(2);
    await shell.go("Cài đặt");
    expect(await settings.signOutRefusal()).toContain("2");
    expect(await settings.signedInName()).toBe("Lò Thị Mai");

    // With signal again they reach the server, and signing out is allowed.
    await context.setOffline(false);
    await shell.syncNow();
    await shell.waitForPending(0);
    await settings.signOut();

    // The second officer's client id was shown in a handover file and someone else pushed with it first.
    await putSetting(page, "clientIds", {
      [idOf("canbo.tamduong")]: await settings.deviceId(),
      [idOf("canbo.phongtho")]: "da-lo-trong-tep",
    });
    const thief = new ApiClient(world.server.url);
    await thief.login("canbo.sinho", PASSWORD);
    const taken = await thief.request("POST", "/sync/push", {
      clientId: "da-lo-trong-tep",
      entries: [makeEntry({ unitId: "sin-ho-01", quantity: 1 })],
    });
    expect(taken.status).toBe(200);

    // The second officer signs in on the same phone: none of the first officer's records are there.
    await new SignInPage(page).signIn("canbo.phongtho", PASSWORD);
    await ledger.open();
    expect(await ledger.count()).toBe(0);
    expect(await page.getByText("Bình Lư").count()).toBe(0);

    // Their own entry reaches the server under a fresh client id (the taken one was answered 403).
    await shell.go("Nhập");
    await entry.record({ unit: "Mường So", partId: "t1-1", date: "2023-04-02", quantity: 3 });
    await shell.syncNow();
    await shell.waitForPending(0);
    const ids = (await settings.clientIds()) as Record<string, string>;
    expect(ids[idOf("canbo.phongtho")]).toBeDefined();
    expect(ids[idOf("canbo.phongtho")]).not.toBe("da-lo-trong-tep");
    expect(ids[idOf("canbo.phongtho")]).not.toBe(ids[idOf("canbo.tamduong")]);
    const totals = (await admin.request("GET", "/totals?campaignId=laichau-2023&unitId=phong-tho")).json as {
      parts: { partId: string; achieved: number }[];
    };
    expect(totals.parts.find((p) => p.partId === "t1-1")?.achieved).toBe(3);

    // Back to the first officer: their entries come back from the server, the second officer's are not shown.
    await shell.go("Cài đặt");
    await settings.signOut();
    await new SignInPage(page).signIn("canbo.tamduong", PASSWORD);
    await shell.syncNow();
    await ledger.open();
    await ledger.waitForCount(2);
    expect(await page.getByText("Mường So").count()).toBe(0);
    await context.close();
  });
});
