/**
 * Opening the data directory, shared by the server and the admin CLI: create DATA_DIR, open the
 * store (SQLite in DATA_DIR, or PostgreSQL when a DATABASE_URL is given), apply migrations, and
 * load the shipped 2023 campaign and sample units when the catalog is empty. The server additionally makes sure an admin exists (`ensureAdmin`).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, statSync } from "node:fs";
import campaign2023 from "../data/campaign-2023.json";
import unitsSample from "../data/units-sample.json";
import { type Campaign, campaign as campaignSchema } from "../src/domain/schemas";
import { generatePassword, hashPassword, type ScryptParams } from "./auth/password";
import { importCampaign, importUnits } from "./catalog-import";
import type { Logger } from "./log";
import { describeLocation, openStore, storeLocation } from "./store/open";
import type { Store } from "./store/store";

export { DATABASE_FILE } from "./store/open";

/** Create the data directory, open and migrate the store (PostgreSQL when `databaseUrl` is set), seed an empty catalog. */
export async function openDataDir(dataDir: string, log: Logger, databaseUrl?: string): Promise<Store> {
  const location = storeLocation(dataDir, databaseUrl);
  if (location.kind === "sqlite") makePrivateDir(dataDir, log);
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

/**
 * Create DATA_DIR readable by its owner only (0700): the database holds password hashes and
 * sessions, and files SQLite creates inside are 0644 under the usual umask. An existing folder
 * open to others is left as it is (it may be shared on purpose), with a warning.
 */
function makePrivateDir(dataDir: string, log: Logger): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    log({ msg: "DATA_DIR is open to other users; chmod 700 it", level: "warn", dataDir, mode: mode.toString(8) });
  }
}

/**
 * Load the shipped campaign and sample units when none are stored yet; bring a stored copy of the
 * 2023 campaign as first shipped up to the current file (`isFirstShipped2023`).
 */
export async function seedCatalog(store: Store, log: Logger): Promise<void> {
  const campaigns = await store.catalog.campaigns();
  if (campaigns.length === 0) {
    const { campaign } = await importCampaign(store, campaign2023);
    log({ msg: "campaign loaded", campaignId: campaign.id });
  }
  const shipped = campaignSchema.parse(campaign2023);
  const stored = campaigns.find((c) => c.id === shipped.id);
  if (stored && isFirstShipped2023(stored, shipped)) {
    // The project's own data migration, not an admin's replacement: entries keep their cells,
    // and totals of the parts that became distinct now count units (DESIGN §7).
    await store.catalog.saveCampaign(shipped);
    log({ msg: "campaign migrated", campaignId: shipped.id, to: "distinct parts and eligibility" });
  }
  if ((await store.catalog.units()).units.length === 0) {
    const f = await importUnits(store, unitsSample);
    log({ msg: "units loaded", units: f.units.length, sample: f.sample });
  }
}

/**
 * True when `stored` is the 2023 campaign as the project first shipped it: every numbered part a
 * `count`, no eligibility, no description, and otherwise the same ids, phases and goals as the
 * current file. Such a copy was never edited by an admin, so the project may replace it. A copy an
 * admin changed is left alone (they own it now).
 */
export function isFirstShipped2023(stored: Campaign, shipped: Campaign): boolean {
  if (stored.description !== undefined || shipped.description === undefined) return false;
  const samePhases =
    stored.phases.length === shipped.phases.length &&
    stored.phases.every(
      (p, i) =>
        p.id === shipped.phases[i]?.id && p.start === shipped.phases[i]?.start && p.end === shipped.phases[i]?.end,
    );
  const before = stored.targets.flatMap((t) => t.parts);
  const after = shipped.targets.flatMap((t) => t.parts);
  const sameParts =
    before.length === after.length &&
    before.every((p, i) => {
      const next = after[i];
      if (!next || p.id !== next.id || p.goal !== next.goal || p.eligible !== undefined) return false;
      return p.kind === next.kind || (p.kind === "count" && next.kind === "distinct");
    });
  return stored.id === shipped.id && samePhases && sameParts;
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
  if ((await store.accounts.users()).some((u) => u.role === "admin")) return undefined;
  const generated = password === undefined || password === "";
  const secret = generated ? generatePassword() : password;
  const created = await store.accounts.createUser({
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
