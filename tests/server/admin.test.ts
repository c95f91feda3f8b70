import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runAdminCommand } from "../../server/admin-commands";
import { verifyPassword } from "../../server/auth/password";
import { ensureAdmin, seedCatalog } from "../../server/bootstrap";
import { silentLogger } from "../../server/log";
import {
  describeEachStore,
  makeEntry,
  openTestStore,
  PASSWORD,
  startTestServer,
  TEST_SCRYPT,
  type TestServer,
} from "./helpers";

describeEachStore("admin API", () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login("admin");
  });
  afterAll(() => s.close());

  const newUser = {
    username: "lan",
    name: "Nguyễn Thị Lan",
    role: "officer",
    unitIds: ["than-uyen"],
    password: PASSWORD,
  };

  it("lists users in the User shape", async () => {
    const r = await s.call("GET", "/api/v1/admin/users", { cookie: admin });
    expect(r.status).toBe(200);
    const u = r.body.users.find((x: { username: string }) => x.username === "tamduong");
    expect(u).toEqual({
      id: s.ids.tamduong,
      username: "tamduong",
      name: "User tamduong",
      role: "officer",
      unitIds: ["tam-duong"],
      disabled: false,
    });
  });

  it("creates a user (201), refuses a taken username (409) and unknown units (400)", async () => {
    const created = await s.call("POST", "/api/v1/admin/users", { cookie: admin, json: newUser });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: "lan", role: "officer", unitIds: ["than-uyen"], disabled: false });
    expect(created.body.passwordHash).toBeUndefined();
    expect((await s.call("POST", "/api/v1/admin/users", { cookie: admin, json: newUser })).status).toBe(409);
    const unknown = await s.call("POST", "/api/v1/admin/users", {
      cookie: admin,
      json: { ...newUser, username: "lan2", unitIds: ["than-uyen", "atlantis"] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "unknown-unit", path: "unitIds.1" });
    const noUnits = await s.call("POST", "/api/v1/admin/users", {
      cookie: admin,
      json: { ...newUser, username: "lan3", unitIds: [] },
    });
    expect(noUnits.status).toBe(400);
    expect(noUnits.body.error.path).toBe("unitIds");
    const extra = await s.call("POST", "/api/v1/admin/users", {
      cookie: admin,
      json: { ...newUser, username: "lan4", disabled: true },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.path).toBe("disabled");
    const login = await s.call("POST", "/api/v1/auth/login", { json: { username: "lan", password: PASSWORD } });
    expect(login.status).toBe(200);
  });

  it("patches name, role and units; 404 for an unknown user; an admin cannot lock themselves out", async () => {
    const r = await s.call("PATCH", `/api/v1/admin/users/${s.ids.tamduong2}`, {
      cookie: admin,
      json: { name: "Renamed", role: "supervisor", unitIds: ["tam-duong", "sin-ho"] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "Renamed", role: "supervisor", unitIds: ["tam-duong", "sin-ho"] });
    expect((await s.call("PATCH", "/api/v1/admin/users/nope", { cookie: admin, json: { name: "x" } })).status).toBe(
      404,
    );
    const empty = await s.call("PATCH", `/api/v1/admin/users/${s.ids.tamduong2}`, {
      cookie: admin,
      json: { unitIds: [] },
    });
    expect(empty.status).toBe(400);
    const self = await s.call("PATCH", `/api/v1/admin/users/${s.ids.admin}`, {
      cookie: admin,
      json: { disabled: true },
    });
    expect(self.status).toBe(400);
  });

  it("serves units and campaigns to admins", async () => {
    const units = await s.call("GET", "/api/v1/units", { cookie: admin });
    expect(units.status).toBe(200);
    expect(units.body.sample).toBe(true);
    expect(units.body.units.length).toBeGreaterThan(20);
    const campaigns = await s.call("GET", "/api/v1/campaigns", { cookie: admin });
    expect(campaigns.body.campaigns[0].id).toBe("laichau-2023");
  });
});

describeEachStore("admin CLI commands", () => {
  let s: TestServer;
  const lines: string[] = [];
  const run = (...argv: string[]) => {
    lines.length = 0;
    return runAdminCommand(argv, s.store, TEST_SCRYPT, (l) => lines.push(l));
  };
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("adds, lists and disables users; resets a password", async () => {
    expect(
      await run("add-user", "--username", "hoa", "--name", "Hoa", "--role", "officer", "--units", "muong-te"),
    ).toBe(0);
    const password = lines.find((l) => l.startsWith("password: "))?.slice(10) ?? "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    const login = await s.call("POST", "/api/v1/auth/login", { json: { username: "hoa", password } });
    expect(login.status).toBe(200);
    expect(await run("list-users")).toBe(0);
    expect(lines.some((l) => l.startsWith("hoa\tofficer\tactive\tmuong-te"))).toBe(true);
    expect(await run("reset-password", "hoa", "--password", "another password")).toBe(0);
    expect((await s.call("POST", "/api/v1/auth/login", { json: { username: "hoa", password } })).status).toBe(401);
    expect(await run("disable-user", "hoa")).toBe(0);
    const after = await s.call("POST", "/api/v1/auth/login", {
      json: { username: "hoa", password: "another password" },
    });
    expect(after.status).toBe(401);
    expect(await run("add-user", "--username", "hoa2", "--role", "officer", "--units", "atlantis")).toBe(1);
    expect(await run("frobnicate")).toBe(2);
  });

  it("imports units all or nothing, refusing to drop units in use", async () => {
    const dir = s.dir;
    const officer = await s.login("tamduong");
    await s.push(officer, [makeEntry({ unitId: "tam-duong-03" })]);
    const before = (await s.store.catalog.units()).units;
    const file = join(dir, "units.json");
    const shrunk = before.filter((u) => u.id !== "tam-duong-03");
    writeFileSync(file, JSON.stringify({ format: "so-thi-dua/units@1", sample: false, units: shrunk }));
    expect(await run("import-units", file)).toBe(1);
    expect(lines.join("\n")).toContain("tam-duong-03");
    expect((await s.store.catalog.units()).units).toEqual(before);
    const cyclic = before.map((u) => (u.id === "lct" ? { ...u, parentId: "tam-duong" } : u));
    writeFileSync(file, JSON.stringify({ format: "so-thi-dua/units@1", sample: false, units: cyclic }));
    expect(await run("import-units", file)).toBe(1);
    const renamed = before.map((u) => (u.id === "tam-duong-03" ? { ...u, name: "Đổi tên" } : u));
    writeFileSync(file, JSON.stringify({ format: "so-thi-dua/units@1", sample: false, units: renamed }));
    expect(await run("import-units", file)).toBe(0);
    expect((await s.store.catalog.units()).sample).toBe(false);
    // The server's catalog cache sees the import on the next request.
    const pulled = await s.call("GET", "/api/v1/sync/pull", { cookie: officer });
    expect(pulled.body.units.find((u: { id: string }) => u.id === "tam-duong-03").name).toBe("Đổi tên");
  });

  it("imports a campaign validated by the schema, and refuses an invalid one", async () => {
    const dir = s.dir;
    const file = join(dir, "c.json");
    const [current] = await s.store.catalog.campaigns();
    writeFileSync(file, JSON.stringify({ ...current, id: "laichau-2024", year: 2024 }));
    expect(await run("import-campaign", file)).toBe(0);
    expect((await s.store.catalog.campaigns()).map((c) => c.id)).toEqual(["laichau-2023", "laichau-2024"]);
    writeFileSync(file, JSON.stringify({ ...current, id: "bad", phases: [] }));
    expect(await run("import-campaign", file)).toBe(1);
    // Phases and parts that carry entries cannot change under them.
    const officer = await s.login("tamduong");
    await s.push(officer, [makeEntry({ date: "2023-09-01", partId: "t2-1" })]);
    const phases = current?.phases.map((p) => (p.id === "dot-2" ? { ...p, end: "2023-12-30" } : p));
    writeFileSync(file, JSON.stringify({ ...current, phases }));
    expect(await run("import-campaign", file)).toBe(1);
    expect(lines.join("\n")).toContain("phase dot-2 has entries");
    const targets = current?.targets.filter((t) => t.id !== "t2");
    writeFileSync(file, JSON.stringify({ ...current, targets }));
    expect(await run("import-campaign", file)).toBe(1);
    expect(lines.join("\n")).toContain("part t2-1 has entries");
    writeFileSync(file, JSON.stringify({ ...current, title: "Tên mới" }));
    expect(await run("import-campaign", file)).toBe(0);
  });
});

describeEachStore("first start", () => {
  async function bareStore() {
    const store = await openTestStore();
    await seedCatalog(store, silentLogger);
    return store;
  }

  it("creates the admin with ADMIN_PASSWORD, only when no admin exists", async () => {
    const store = await bareStore();
    expect(await ensureAdmin(store, TEST_SCRYPT, silentLogger, "from the env")).toBe("from the env");
    const admin = await store.accounts.userByUsername("admin");
    expect(admin).toMatchObject({ role: "admin", disabled: false });
    expect(await verifyPassword("from the env", admin?.passwordHash ?? "")).toBe(true);
    expect(await ensureAdmin(store, TEST_SCRYPT, silentLogger, "again")).toBeUndefined();
    await store.close();
  });

  it("generates a password and prints it once", async () => {
    const store = await bareStore();
    const lines: { msg: string; password?: string }[] = [];
    const generated = await ensureAdmin(store, TEST_SCRYPT, (l) => lines.push(l));
    expect(generated).toMatch(/^[A-Za-z0-9_-]{18}$/);
    expect(lines.filter((l) => l.password === generated)).toHaveLength(1);
    await store.close();
  });
});
