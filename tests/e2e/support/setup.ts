/** Scenario set-up shared by the end-to-end tests: a server with users, and signed-in pages. */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { Shell } from "../pages/shell";
import { SignInPage } from "../pages/sign-in";
import { launch } from "./browser";
import { ADMIN_PASSWORD, ApiClient, TestServer } from "./server";

export const PASSWORD = "mat-khau-thu-2023";

/** An admin API client signed in on `server`. */
export async function adminClient(server: TestServer): Promise<ApiClient> {
  const admin = new ApiClient(server.url);
  await admin.login("admin", ADMIN_PASSWORD);
  return admin;
}

/** A user to create for a scenario. */
export type NewUser = { username: string; name: string; role: string; unitIds: string[] };

/** Create users (all with PASSWORD) through the admin API. */
export async function createUsers(server: TestServer, users: NewUser[]): Promise<void> {
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

/**
 * A test file's world: the real server with `users`, and a browser; started before the file's
 * tests, stopped after them. Read `world.server` and `world.browser` inside the tests.
 */
export function serverAndBrowser(users: NewUser[]): { server: TestServer; browser: Browser } {
  const world = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    world.server = await TestServer.start();
    world.browser = await launch();
    await createUsers(world.server, users);
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.dispose();
  });
  return world;
}
