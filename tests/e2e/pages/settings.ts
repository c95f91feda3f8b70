/** The settings screen (#/settings): language, account and sign-out, the SMS number, storage, backup; for admins, links to the catalogues. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class SettingsPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/settings");
  }

  private signOutButton() {
    return this.page.getByRole("button", { name: "Đăng xuất", exact: true });
  }

  /** The signed-in user's name as the account card shows it. */
  async signedInName(): Promise<string> {
    const name = this.page.locator("#account-title ~ dl dd").first();
    await name.waitFor();
    return (await name.textContent()) ?? "";
  }

  /** Tap "Đăng xuất" while something waits and return the refusal the screen shows. */
  async signOutRefusal(): Promise<string> {
    await this.signOutButton().click();
    const alert = this.page.getByRole("alert").filter({ hasText: "Đăng xuất" });
    await alert.waitFor();
    return (await alert.textContent()) ?? "";
  }

  /** Sign out and wait for the sign-in screen. */
  async signOut(): Promise<void> {
    await this.signOutButton().click();
    await this.page.getByLabel("Tên đăng nhập").waitFor();
  }

  /** "Số điện thoại nhận tin SMS của huyện": open the screen, type and save; resolves to the message shown. */
  async setSmsNumber(number: string): Promise<string> {
    await this.page.goto(new URL("/#/settings", this.page.url()).toString());
    await this.page.getByLabel("Số điện thoại nhận tin SMS của huyện").fill(number);
    // Typing clears the last verdict, so what shows after the tap is this save's answer.
    await this.page.getByRole("button", { name: "Lưu số nhận tin" }).click();
    const answer = this.page.locator("#sms-number-error, form:has(#sms-number) p.saved").filter({ hasText: /\S/ });
    await answer.first().waitFor();
    return (await answer.first().textContent()) ?? "";
  }

  /** This phone's own id (the one a handover file names). */
  deviceId(): Promise<string> {
    return this.setting("clientId") as Promise<string>;
  }

  /** The client id each user of this phone pushes with, by user id. */
  clientIds(): Promise<unknown> {
    return this.setting("clientIds");
  }

  private setting(key: string): Promise<unknown> {
    return this.page.evaluate(
      (k) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("so-thi-dua-settings");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction("settings").objectStore("settings").get(k);
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      key,
    );
  }
}
