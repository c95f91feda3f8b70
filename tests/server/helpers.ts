/**
 * Shared set-up for server tests: a fresh store with a seeded catalog, users and HTTP helpers.
 *
 * Every test file runs against both stores: wrap its top-level blocks in `describeEachStore`,
 * which runs them on SQLite and again on PostgreSQL when TEST_DATABASE_URL is set (e.g.
 * postgres://postgres@127.0.0.1:5432/postgres); without it the PostgreSQL block is reported as
 * skipped, saying why. Outside such a block the store is SQLite, or PostgreSQL with
 * TEST_STORE=postgres. Each PostgreSQL test server gets its own database (stdua_test_<random>),
 * cloned from a per-file template that is migrated and seeded once, and dropped on close.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createApp } from "../../server/app";
import { seedCatalog } from "../../server/bootstrap";
import type { ServerConfig } from "../../server/config";
import { silentLogger } from "../../server/log";
import { openPostgresStore } from "../../server/store/postgres";
import { pg } from "../../server/store/postgres-pool";
import { openSqliteStore } from "../../server/store/sqlite";
import type { Store } from "../../server/store/store";
import { createUser } from "../../server/users";
import type { Entry } from "../../src/domain/schemas";
import { UnitTree } from "../../src/domain/units";

/** The stores the server runs on. */
export type StoreKind = "sqlite" | "postgres";

/** The PostgreSQL server the tests may use (its database is only used to create and drop others). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

let currentKind: StoreKind = process.env.TEST_STORE === "postgres" ? "postgres" : "sqlite";

/** The store the running test uses. */
export function storeKind(): StoreKind {
  return currentKind;
}

/** Run `body` on SQLite, then on PostgreSQL when TEST_DATABASE_URL is set (otherwise skipped, with the reason). */
export function describeEachStore(name: string, body: (kind: StoreKind) => void): void {
  describe(`${name} [sqlite]`, () => {
    beforeAll(() => {
      currentKind = "sqlite";
    });
    body("sqlite");
  });
  const pgName = TEST_DATABASE_URL
    ? `${name} [postgres]`
    : `${name} [postgres: skipped, set TEST_DATABASE_URL=postgres://… to run]`;
  describe.runIf(TEST_DATABASE_URL !== undefined)(pgName, () => {
    beforeAll(() => {
      currentKind = "postgres";
    });
    afterAll(dropTemplate);
    body("postgres");
  });
}

/** A block only PostgreSQL has (its own tests): run when TEST_DATABASE_URL is set, else skipped with the reason. */
export function describePostgres(name: string, body: () => void): void {
  const title = TEST_DATABASE_URL ? name : `${name} [skipped: set TEST_DATABASE_URL=postgres://… to run]`;
  describe.runIf(TEST_DATABASE_URL !== undefined)(title, () => {
    beforeAll(() => {
      currentKind = "postgres";
    });
    afterAll(dropTemplate);
    body();
  });
}

/** Run one statement on the TEST_DATABASE_URL server (CREATE/DROP DATABASE cannot run in a pool transaction). */
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** TEST_DATABASE_URL with another database name. */
export function databaseUrl(name: string): string {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

let template: Promise<string> | undefined;

/** A migrated and seeded database to clone, made once per test file. */
function templateDatabase(): Promise<string> {
  template ??= (async () => {
    const name = `stdua_tpl_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const store = openPostgresStore(databaseUrl(name), { max: 1 });
    try {
      await store.migrate();
      await seedCatalog(store, silentLogger);
    } finally {
      await store.close();
    }
    return name;
  })();
  return template;
}

async function dropTemplate(): Promise<void> {
  if (!template) return;
  const name = await template.catch(() => undefined);
  template = undefined;
  if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// Registered on the importing test file, so a template made outside `describeEachStore` goes too.
afterAll(dropTemplate);

/** A new empty PostgreSQL database (`seeded`: migrated with the shipped catalog, from the template). */
export async function createTestDatabase(seeded = true): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stdua_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await adminQuery(seeded ? `CREATE DATABASE ${name} TEMPLATE ${await templateDatabase()}` : `CREATE DATABASE ${name}`);
  return { url: databaseUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** `store` whose close() also runs `cleanup` (dropping its database or folder). */
function closingWith(store: Store, cleanup: () => Promise<void> | void): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "close") {
        return async () => {
          try {
            await target.close();
          } finally {
            await cleanup();
          }
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** A fresh, migrated store of the current kind (unseeded); close() throws it away. */
export async function openTestStore(): Promise<Store> {
  if (currentKind === "sqlite") {
    const store = openSqliteStore(":memory:");
    await store.migrate();
    return store;
  }
  const db = await createTestDatabase(false);
  const store = openPostgresStore(db.url);
  await store.migrate();
  return closingWith(store, db.drop);
}

/** A cheap scrypt cost for tests (production uses N=2^17). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const PASSWORD = "correct horse battery";
export const CAMPAIGN = "laichau-2023";

/** The users every test server has. */
export const USERS = {
  admin: { role: "admin", unitIds: [] },
  tamduong: { role: "officer", unitIds: ["tam-duong"] },
  tamduong2: { role: "officer", unitIds: ["tam-duong"] },
  phongtho: { role: "officer", unitIds: ["phong-tho"] },
  supervisor: { role: "supervisor", unitIds: ["lct"] },
} as const;

/** A JSON answer. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them.
export type Answer = { status: number; body: any; headers: Headers };

/** A test server over a fresh temp database (SQLite file, or a PostgreSQL database of its own). */
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** Start a test app with the standard users; `config` overrides the test defaults; `file`: use SQLite, in that file. */
export async function startTestServer(config: Partial<ServerConfig> = {}, file?: string) {
  const dir = mkdtempSync(join(tmpdir(), "std-server-"));
  const kind: StoreKind = file === undefined ? currentKind : "sqlite";
  let store: Store;
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    const db = await createTestDatabase();
    databaseUrl = db.url;
    store = closingWith(openPostgresStore(db.url), db.drop);
  } else {
    store = openSqliteStore(file ?? join(dir, "test.sqlite"));
  }
  await store.migrate();
  await seedCatalog(store, silentLogger);
  const app = createApp({
    store,
    config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, readBurst: 1e6, loginUserDelayMs: 0, ...config },
  });
  const tree = new UnitTree((await store.catalog.units()).units);
  const ids: Record<string, string> = {};
  for (const [username, u] of Object.entries(USERS)) {
    const created = await createUser(
      { store, scrypt: TEST_SCRYPT, tree },
      { username, name: `User ${username}`, role: u.role, unitIds: [...u.unitIds], password: PASSWORD },
    );
    ids[username] = created.id;
  }

  /** Send a request; `json` is sent as the body, `cookie` as the session. */
  async function call(
    method: string,
    path: string,
    opts: { cookie?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string>; env?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] = "application/json";
    }
    const init: RequestInit & { duplex?: string } = { method, headers };
    if (body !== undefined) init.body = body;
    if (body instanceof ReadableStream) init.duplex = "half";
    const res = await app.request(path, init, opts.env as object | undefined);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Sign in and return the session cookie ("sid=..."). */
  async function login(username: string, password = PASSWORD): Promise<string> {
    const r = await call("POST", "/api/v1/auth/login", { json: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return sessionCookie(r.headers);
  }

  /** Push entries as a signed-in user. */
  function push(cookie: string, entries: unknown[], clientId = `client-${cookie.slice(4, 12)}`): Promise<Answer> {
    return call("POST", "/api/v1/sync/push", { cookie, json: { clientId, entries } });
  }

  async function close(): Promise<void> {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return { app, store, kind, databaseUrl, dir, ids, call, login, push, close };
}

/** The `sid=...` pair from a response's Set-Cookie. */
export function sessionCookie(headers: Headers): string {
  const set = headers.get("set-cookie") ?? "";
  const m = /sid=([^;]*)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `sid=${m[1]}`;
}

/** A valid entry for the 2023 campaign at a Tam Đường grassroots union, with overrides. */
export function makeEntry(overrides: Partial<Entry> = {}): Entry {
  return {
    id: randomUUID(),
    campaignId: CAMPAIGN,
    partId: "t1-1",
    unitId: "tam-duong-01",
    date: "2023-03-15",
    quantity: 3,
    createdAt: "2023-03-15T08:00:00.000+07:00",
    ...overrides,
  };
}

/** A correction of `of` carrying `quantity`. */
export function correction(of: Entry, quantity: number, overrides: Partial<Entry> = {}): Entry {
  return makeEntry({
    campaignId: of.campaignId,
    partId: of.partId,
    unitId: of.unitId,
    date: of.date,
    quantity,
    correctsId: of.id,
    ...overrides,
  });
}
