/**
 * `npm run admin -- backup FILE` while pushes are being stored: every push answered before the
 * backup began is in the copy, the copy passes SQLite's check, and `restore` puts it in place of
 * another data folder's database (keeping the old files aside) so a server opened there holds
 * exactly the copy's entries and users. With DATABASE_URL set the command points to pg_dump.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDatabaseFile, runBackupCommand } from "../../server/admin-backup";
import { openDataDir } from "../../server/bootstrap";
import { silentLogger } from "../../server/log";
import { DATABASE_FILE } from "../../server/store/open";
import { openSqliteStore } from "../../server/store/sqlite";
import { makeEntry, startTestServer } from "./helpers";

describe("backup and restore of the SQLite store", () => {
  it("a backup taken during pushes holds every push answered before it, and restores whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "std-backup-"));
    const s = await startTestServer({}, join(dir, DATABASE_FILE));
    try {
      const cookie = await s.login("tamduong");
      const acknowledged = new Set<string>();
      let backupStarted = false;
      const before = new Set<string>();
      const out = join(dir, "copy.sqlite");
      const lines: string[] = [];
      let code: number | undefined;
      // Taken between two answers while the other pushers' requests are in flight.
      const backup = () => {
        backupStarted = true;
        code = runBackupCommand(["backup", out], { DATA_DIR: dir }, (l) => lines.push(l));
      };
      const pusher = async (n: number) => {
        for (let round = 0; round < 12; round++) {
          const entries = Array.from({ length: 20 }, () => makeEntry());
          const r = await s.push(cookie, entries, `backup-client-${n}`);
          expect(r.status).toBe(200);
          for (const e of entries) {
            acknowledged.add(e.id);
            if (!backupStarted) before.add(e.id);
          }
          if (!backupStarted && acknowledged.size >= 200) backup();
        }
      };
      await Promise.all([0, 1, 2, 3].map(pusher));
      expect(code).toBe(0);
      expect(lines.join("\n")).toContain("checked");
      expect(before.size).toBeGreaterThan(0);
      expect(before.size).toBeLessThan(acknowledged.size); // pushes went on after the backup began
      expect(acknowledged.size).toBe(4 * 12 * 20);

      // Restoring over the database the server still has open is refused, and changes nothing.
      const refused: string[] = [];
      expect(runBackupCommand(["restore", out], { DATA_DIR: dir }, (l) => refused.push(l))).toBe(1);
      expect(refused.join("\n")).toContain("stop it first");
      expect((await s.store.ledger.entriesAfter(0, null, 1e6)).length).toBe(acknowledged.size);

      const copy = openSqliteStore(out);
      const copied = new Set((await copy.ledger.entriesAfter(0, null, 1e6)).map((e) => e.id));
      await copy.close();
      for (const id of before) expect(copied.has(id)).toBe(true);
      expect(checkDatabaseFile(out).entries).toBe(copied.size);

      // Restore into another data folder that already has a database of its own.
      const other = join(dir, "other");
      mkdirSync(other);
      await (await openDataDir(other, silentLogger)).close();
      expect(runBackupCommand(["restore", out], { DATA_DIR: other }, () => {})).toBe(0);
      expect(readdirSync(other).some((f) => f.startsWith(`${DATABASE_FILE}.before-restore-`))).toBe(true);
      const restored = await openDataDir(other, silentLogger);
      try {
        const ids = new Set((await restored.ledger.entriesAfter(0, null, 1e6)).map((e) => e.id));
        expect(ids).toEqual(copied);
        expect((await restored.accounts.userByUsername("tamduong"))?.id).toBe(s.ids.tamduong);
      } finally {
        await restored.close();
      }
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a damaged file on restore, and names pg_dump when the data is in PostgreSQL", () => {
    const dir = mkdtempSync(join(tmpdir(), "std-backup-"));
    try {
      const lines: string[] = [];
      expect(runBackupCommand(["restore", join(dir, "missing.sqlite")], { DATA_DIR: dir }, (l) => lines.push(l))).toBe(
        1,
      );
      expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);
      expect(runBackupCommand(["backup", "x.sqlite"], { DATABASE_URL: "postgres://h/db" }, (l) => lines.push(l))).toBe(
        2,
      );
      expect(lines.join("\n")).toContain("pg_dump");
      expect(runBackupCommand(["backup"], {}, (l) => lines.push(l))).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
