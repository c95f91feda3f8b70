/** Scenario set-up shared by the end-to-end tests: a server with users, and signed-in pages. */
import type { BrowserContext, Page } from "playwright-core";
import { Shell } from "../pages/shell";
import { SignInPage } from "../pages/sign-in";
import { ADMIN_PASSWORD, ApiClient, type TestServer } from "./server";

export const PASSWORD = "mat-khau-thu-2023";

/** An admin API client signed in on `server`. */
export async function adminClient(server: TestServer): Promise<ApiClient> {
  const admin = new ApiClient(server.url);
  await admin.login("admin", ADMIN_PASSWORD);
  return admin;
}

/** Create users (all with PASSWORD) through the admin API. */
export async function createUsers(
  server: TestServer,
  users: { username: string; name: string; role: string; unitIds: string[] }[],
): Promise<void> {
  const admin = await adminClient(server);
  for (const u of users) await admin.createUser({ ...u, password: PASSWORD });
}

/** Open the app in `context`, sign in, and wait until the service worker controls the page. */
export async function signedInPage(context: BrowserContext, url: string, username: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await new SignInPage(page).signIn(username, PASSWORD);
  await new Shell(page).waitForServiceWorker();
  return page;
}
