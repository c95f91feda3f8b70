/** Shared set-up for server tests: a fresh temp SQLite store, a seeded catalog, users and HTTP helpers. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../server/app";
import { seedCatalog } from "../../server/bootstrap";
import type { ServerConfig } from "../../server/config";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/store/sqlite";
import type { Store } from "../../server/store/store";
import { createUser } from "../../server/users";
import type { Entry } from "../../src/domain/schemas";
import { UnitTree } from "../../src/domain/units";

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

/** A test server over a fresh temp database. */
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** Start a test app with the standard users; `config` overrides the test defaults. */
export async function startTestServer(config: Partial<ServerConfig> = {}, file?: string) {
  const dir = mkdtempSync(join(tmpdir(), "std-server-"));
  const store: Store = openSqliteStore(file ?? join(dir, "test.sqlite"));
  await store.migrate();
  await seedCatalog(store, silentLogger);
  const app = createApp({ store, config: { scrypt: TEST_SCRYPT, log: silentLogger, pushBurst: 1e6, ...config } });
  const tree = new UnitTree((await store.units()).units);
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

  return { app, store, dir, ids, call, login, push, close };
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
