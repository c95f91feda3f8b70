/**
 * Opening the data directory, shared by the server and the admin CLI: create DATA_DIR, open the
 * store (SQLite in DATA_DIR, or PostgreSQL when a DATABASE_URL is given), apply migrations, and
 * load the shipped 2023 campaign and sample units when the catalog is empty. The server additionally makes sure an admin exists (`ensureAdmin`).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import campaign2023 from "../data/campaign-2023.json";
import unitsSample from "../data/units-sample.json";
import { generatePassword, hashPassword, type ScryptParams } from "./auth/password";
import { importCampaign, importUnits } from "./catalog-import";
import type { Logger } from "./log";
import { describeLocation, openStore, storeLocation } from "./store/open";
import type { Store } from "./store/store";

export { DATABASE_FILE } from "./store/open";

/** Create the data directory, open and migrate the store (PostgreSQL when `databaseUrl` is set), seed an empty catalog. */
export async function openDataDir(dataDir: string, log: Logger, databaseUrl?: string): Promise<Store> {
  const location = storeLocation(dataDir, databaseUrl);
  if (location.kind === "sqlite") mkdirSync(dataDir, { recursive: true });
  const store = openStore(location, {
    onError: (err) => log({ msg: "database connection lost", level: "warn", error: String(err) }),
    folds: {
      folded: (report) => log({ msg: "cells folded", ...report }),
      failed: (error, trigger) => log({ msg: "cells fold failed", level: "warn", trigger, error: String(error) }),
    },
  });
  let applied: number[];
  try {
    applied = await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  log({ msg: "storage opened", storage: describeLocation(location) });
  if (applied.length > 0) log({ msg: "migrations applied", versions: applied });
  await seedCatalog(store, log);
  return store;
}

/** Load the shipped campaign and sample units when none are stored yet. */
export async function seedCatalog(store: Store, log: Logger): Promise<void> {
  if ((await store.campaigns()).length === 0) {
    const c = await importCampaign(store, campaign2023);
    log({ msg: "campaign loaded", campaignId: c.id });
  }
  if ((await store.units()).units.length === 0) {
    const f = await importUnits(store, unitsSample);
    log({ msg: "units loaded", units: f.units.length, sample: f.sample });
  }
}

/**
 * When no admin exists (a fresh start), create `admin` with `password` or a generated one,
 * printed once. Returns the password used, or undefined when nothing was created.
 */
export async function ensureAdmin(
  store: Store,
  scrypt: ScryptParams,
  log: Logger,
  password?: string,
): Promise<string | undefined> {
  if ((await store.users()).some((u) => u.role === "admin")) return undefined;
  const generated = password === undefined || password === "";
  const secret = generated ? generatePassword() : password;
  const created = await store.createUser({
    id: randomUUID(),
    username: "admin",
    name: "Quản trị viên",
    role: "admin",
    unitIds: [],
    disabled: false,
    passwordHash: await hashPassword(secret, scrypt),
    createdAt: new Date().toISOString(),
  });
  if (!created) {
    log({ msg: "no admin exists and the username admin is taken; add one with npm run admin", level: "warn" });
    return undefined;
  }
  log(
    generated
      ? {
          msg: "admin created with a generated password (shown once; change it after signing in)",
          username: "admin",
          password: secret,
        }
      : { msg: "admin created with ADMIN_PASSWORD", username: "admin" },
  );
  return secret;
}
