/**
 * The admin CLI's commands (`npm run admin -- <command>`), separate from its entry so tests can
 * run them against a throwaway store. They use the same validation as the admin API.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { HANDOVER_MAX_BYTES, readHandover } from "../src/domain/handover";
import { UnitTree } from "../src/domain/units";
import { generatePassword, type ScryptParams } from "./auth/password";
import { Catalog } from "./catalog";
import { ImportError, importCampaign, importUnits } from "./catalog-import";
import { ApiError } from "./http/errors";
import { reportDocx } from "./report-command";
import type { Store, UserRecord } from "./store/store";
import { applyHandover, countResults, handoverClientId } from "./sync/handover";
import { createUser, normalizeUsername, type UserDeps, updateUser } from "./users";

/** Usage text. */
export const USAGE = `usage: npm run admin -- <command>
  add-user --username U --name "Name" --role officer|supervisor|admin --units a,b [--password P]
  list-users
  disable-user U
  enable-user U
  reset-password U [--password P]
  unlock-user U                  (forget U's failed sign-ins: lifts every lock and wait on U)
  release-client ID [--to U]     (free a client id another user took: hand it to U, or forget it if unused)
  import-campaign FILE.json
  import-units FILE.json
  import-entries FILE --as USERNAME    (a handover file, applied as USERNAME; the file's author is recorded, not trusted)
  migrate-to-postgres [--from FILE.sqlite] [--to postgres://…] [--without-sessions]
  backup FILE                    (a consistent copy of the SQLite database, safe while the server runs)
  restore FILE                   (put a backup in place; stop the server first)
  report-docx --campaign C --phase P|year --unit U --out FILE.docx [--date YYYY-MM-DD]
                                        (the unit's sơ kết / tổng kết report as a Word document)
Without --password a password is generated and printed once.`;

async function userDeps(store: Store, scrypt: ScryptParams): Promise<UserDeps> {
  return { store, scrypt, tree: new UnitTree((await store.catalog.units()).units) };
}

async function userIdOf(store: Store, username: string | undefined): Promise<string> {
  if (!username) throw new ApiError(400, "invalid", "name the user");
  const user = await store.accounts.userByUsername(normalizeUsername(username));
  if (!user) throw new ApiError(404, "not-found", `no user ${username}`);
  return user.id;
}

function readJsonFile(file: string | undefined): unknown {
  if (!file) throw new ApiError(400, "invalid", "name the file");
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}

/**
 * The user a handover file is applied as: `--as USERNAME`, required. The file's own author is a
 * claim anyone can forge (its checksum is unkeyed), so it never chooses whose scope applies.
 */
async function importingUser(store: Store, as: string | undefined): Promise<UserRecord> {
  if (as === undefined) {
    throw new ApiError(400, "invalid", "name the user the file is applied as: --as USERNAME (scope and author)");
  }
  const user = await store.accounts.userByUsername(normalizeUsername(as));
  if (!user) throw new ApiError(404, "not-found", `no user ${as}`);
  if (user.disabled) throw new ApiError(400, "invalid", `${user.username} is disabled; use --as USERNAME`);
  return user;
}

/** `import-entries`: verify the whole file (nothing stored when it fails), then apply it like a push. */
async function importEntries(
  store: Store,
  file: string | undefined,
  as: string | undefined,
  print: (line: string) => void,
) {
  if (!file) throw new ApiError(400, "invalid", "name the file");
  const user = await importingUser(store, as);
  let text: string;
  try {
    if (statSync(file).size > HANDOVER_MAX_BYTES) throw new ImportError([`larger than ${HANDOVER_MAX_BYTES} bytes`]);
    text = readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ApiError(404, "not-found", `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const read = await readHandover(text);
  if (!read.ok) throw new ImportError([`${read.problem}${read.path === undefined ? "" : ` at ${read.path}`}`]);
  const { payload } = read;
  const results = await applyHandover(
    store,
    await new Catalog(store).current(),
    user,
    payload,
    new Date().toISOString(),
  );
  const counts = countResults(results);
  print(
    `file claiming to be from ${payload.exportedBy.name} (user ${payload.exportedBy.userId}, device ${payload.deviceId}, exported ${payload.exportedAt}), applied as ${user.username}; recorded as client ${handoverClientId(payload)}`,
  );
  print(`stored ${counts.stored}, duplicate ${counts.duplicate}, rejected ${counts.rejected}`);
  for (const [reason, n] of counts.reasons) print(`  rejected ${reason}: ${n}`);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      units: { type: "string" },
      password: { type: "string" },
      as: { type: "string" },
      to: { type: "string" },
      campaign: { type: "string" },
      phase: { type: "string" },
      unit: { type: "string" },
      out: { type: "string" },
      date: { type: "string" },
    },
  });
}

/** Run one command; returns the exit code. `print` receives each output line. */
export async function runAdminCommand(
  argv: readonly string[],
  store: Store,
  scrypt: ScryptParams,
  print: (line: string) => void,
): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    print(`error: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  const [command, arg] = positionals;
  try {
    switch (command) {
      case "add-user": {
        const password = values.password ?? generatePassword();
        const user = await createUser(await userDeps(store, scrypt), {
          username: values.username ?? "",
          name: values.name ?? values.username ?? "",
          role: values.role ?? "officer",
          unitIds: (values.units ?? "").split(",").filter((s) => s !== ""),
          password,
        });
        print(`created ${user.username} (${user.role}) id=${user.id}`);
        if (values.password === undefined) print(`password: ${password}`);
        return 0;
      }
      case "list-users":
        for (const u of await store.accounts.users()) {
          print(
            [u.username, u.role, u.disabled ? "disabled" : "active", u.unitIds.join(",") || "-", u.name].join("\t"),
          );
        }
        return 0;
      case "disable-user":
      case "enable-user": {
        const id = await userIdOf(store, arg);
        await updateUser(await userDeps(store, scrypt), id, { disabled: command === "disable-user" });
        print(`${command === "disable-user" ? "disabled" : "enabled"} ${arg}`);
        return 0;
      }
      case "reset-password": {
        const id = await userIdOf(store, arg);
        const password = values.password ?? generatePassword();
        await updateUser(await userDeps(store, scrypt), id, { password });
        print(`password of ${arg} reset; their sessions are ended`);
        if (values.password === undefined) print(`password: ${password}`);
        return 0;
      }
      case "unlock-user": {
        if (!arg) throw new ApiError(400, "invalid", "name the user");
        const username = normalizeUsername(arg);
        await store.accounts.clearLoginFailures(username);
        print(`sign-in failures of ${username} forgotten; ${username} may sign in again`);
        return 0;
      }
      case "release-client": {
        if (!arg) throw new ApiError(400, "invalid", "name the client id");
        const to = values.to === undefined ? undefined : await userIdOf(store, values.to);
        const done = await store.accounts.releaseClient(arg, to);
        if (done === "unknown") throw new ApiError(404, "not-found", `no client id ${arg}`);
        if (done === "in-use") {
          throw new ApiError(409, "in-use", `records carry ${arg}: hand it to its rightful user with --to USERNAME`);
        }
        print(
          done === "released"
            ? `client id ${arg} forgotten; the next user to sync with it owns it`
            : `client id ${arg} now belongs to ${values.to}`,
        );
        return 0;
      }
      case "import-campaign": {
        const { campaign: c } = await importCampaign(store, readJsonFile(arg));
        print(`imported campaign ${c.id} (${c.targets.length} targets, ${c.phases.length} phases)`);
        return 0;
      }
      case "import-units": {
        const f = await importUnits(store, readJsonFile(arg));
        print(`imported ${f.units.length} units${f.sample ? " (sample data)" : ""}`);
        return 0;
      }
      case "import-entries":
        await importEntries(store, arg, values.as, print);
        return 0;
      case "report-docx":
        return await reportDocx(store, values, print);
      default:
        print(USAGE);
        return command === undefined || command === "help" ? 0 : 2;
    }
  } catch (err) {
    if (err instanceof ImportError) {
      print("import refused, nothing was changed:");
      for (const p of err.problems) print(`  - ${p}`);
      return 1;
    }
    if (err instanceof ApiError) {
      print(`error: ${err.message}${err.path ? ` (${err.path})` : ""}`);
      return 1;
    }
    if (err instanceof SyntaxError) {
      print(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
