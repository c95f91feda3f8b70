/** The accounts half of the SQLite store: users and their units, sessions, login failures, client ids. */
import type Database from "better-sqlite3";
import { type SessionRow, sessionOfRow, type UserRow, userOfRow } from "./account-rows";
import { CLIENT_TABLES } from "./rows";
import { statementCache } from "./sqlite-statements";
import type { AccountStore, ClientRelease, LoginFailureKey, SessionRecord, UserPatch, UserRecord } from "./store";

/** Account statements over one connection. */
export class SqliteAccounts implements AccountStore {
  private readonly q: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.q = statementCache(db);
  }

  private unitIdsOf(userId: string): string[] {
    const rows = this.q("SELECT unit_id FROM user_units WHERE user_id = ? ORDER BY position").all(userId) as {
      unit_id: string;
    }[];
    return rows.map((r) => r.unit_id);
  }

  private toUser(r: UserRow): UserRecord {
    return userOfRow(r, this.unitIdsOf(r.id), (t) => t);
  }

  async users(): Promise<UserRecord[]> {
    return (this.q("SELECT * FROM users ORDER BY username").all() as UserRow[]).map((r) => this.toUser(r));
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = this.q("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    return row && this.toUser(row);
  }

  async userByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.q("SELECT * FROM users WHERE username = ?").get(username) as UserRow | undefined;
    return row && this.toUser(row);
  }

  private setUnits(userId: string, unitIds: readonly string[]): void {
    this.q("DELETE FROM user_units WHERE user_id = ?").run(userId);
    const add = this.q("INSERT INTO user_units (user_id, unit_id, position) VALUES (?, ?, ?)");
    [...new Set(unitIds)].forEach((u, i) => {
      add.run(userId, u, i);
    });
  }

  async createUser(u: UserRecord): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const r = this.q(
          `INSERT INTO users (id, username, name, role, password_hash, disabled, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
        ).run(u.id, u.username, u.name, u.role, u.passwordHash, u.disabled ? 1 : 0, u.createdAt);
        if (r.changes === 0) return false;
        this.setUnits(u.id, u.unitIds);
        return true;
      })
      .immediate();
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    this.db
      .transaction(() => {
        if (patch.name !== undefined) this.q("UPDATE users SET name = ? WHERE id = ?").run(patch.name, id);
        if (patch.role !== undefined) this.q("UPDATE users SET role = ? WHERE id = ?").run(patch.role, id);
        if (patch.disabled !== undefined)
          this.q("UPDATE users SET disabled = ? WHERE id = ?").run(patch.disabled ? 1 : 0, id);
        if (patch.passwordHash !== undefined)
          this.q("UPDATE users SET password_hash = ? WHERE id = ?").run(patch.passwordHash, id);
        if (patch.unitIds !== undefined) this.setUnits(id, patch.unitIds);
      })
      .immediate();
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.q("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)").run(
      s.tokenHash,
      s.userId,
      s.createdAt,
      s.lastSeenAt,
    );
  }

  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = this.q("SELECT * FROM sessions WHERE token_hash = ?").get(tokenHash) as SessionRow | undefined;
    return r && sessionOfRow(r);
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    this.withoutSync(() =>
      this.q("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").run(lastSeenAt, tokenHash),
    );
  }

  /**
   * Run a small autocommitted write without an fsync of its own (synchronous NORMAL): the next
   * durable commit (a push's group) syncs the WAL and every earlier frame with it. For writes whose
   * loss in a power cut is harmless: a session's last-seen time (its idle expiry slides a little
   * less), a client's first claim (see `claimClient`). On report day a hundred devices touch their
   * sessions or claim their client ids at once, and each fsync held the event loop for all of them.
   */
  private withoutSync(write: () => unknown): void {
    this.db.pragma("synchronous = NORMAL");
    try {
      write();
    } finally {
      this.db.pragma("synchronous = FULL");
    }
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.q("DELETE FROM sessions WHERE token_hash = ?").run(tokenHash);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    this.q("DELETE FROM sessions WHERE user_id = ?").run(userId);
  }

  async deleteIdleSessions(lastSeenBefore: number): Promise<void> {
    this.q("DELETE FROM sessions WHERE last_seen_at < ?").run(lastSeenBefore);
  }

  async recordLoginFailure(username: string, address: string, at: number): Promise<void> {
    this.q("INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)").run(username, address, at);
  }

  async nthLoginFailure(where: LoginFailureKey, since: number, n: number): Promise<number | undefined> {
    const tail = "at > ? ORDER BY at DESC LIMIT 1 OFFSET ?";
    const [sql, keys] =
      where.username === undefined
        ? [`SELECT at FROM login_failures WHERE address = ? AND ${tail}`, [where.address]]
        : where.address === undefined
          ? [`SELECT at FROM login_failures WHERE username = ? AND ${tail}`, [where.username]]
          : [
              `SELECT at FROM login_failures WHERE username = ? AND address = ? AND ${tail}`,
              [where.username, where.address],
            ];
    return (this.q(sql).get(...keys, since, n - 1) as { at: number } | undefined)?.at;
  }

  async clearLoginFailures(username: string, address?: string): Promise<void> {
    if (address === undefined) this.q("DELETE FROM login_failures WHERE username = ?").run(username);
    else this.q("DELETE FROM login_failures WHERE username = ? AND address = ?").run(username, address);
  }

  async pruneLoginFailures(before: number): Promise<void> {
    this.q("DELETE FROM login_failures WHERE at <= ?").run(before);
  }

  async claimClient(clientId: string, userId: string, at: string): Promise<string> {
    // Read first: a client id is claimed once and pushes many times, and a read takes no write lock.
    const owner = this.q("SELECT user_id FROM clients WHERE client_id = ?");
    const held = owner.get(clientId) as { user_id: string } | undefined;
    if (held) return held.user_id;
    // Without an fsync of its own: the push that follows commits durably, this claim with it. A
    // power cut can lose only a claim no stored entry followed; the next push claims it again.
    this.withoutSync(() =>
      this.q("INSERT INTO clients (client_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(
        clientId,
        userId,
        at,
      ),
    );
    return (owner.get(clientId) as { user_id: string }).user_id;
  }

  async releaseClient(clientId: string, toUserId?: string): Promise<ClientRelease> {
    return this.db.transaction((): ClientRelease => {
      if (!this.q("SELECT 1 FROM clients WHERE client_id = ?").get(clientId)) return "unknown";
      if (toUserId !== undefined) {
        this.q("UPDATE clients SET user_id = ? WHERE client_id = ?").run(toUserId, clientId);
        return "reassigned";
      }
      const used = this.q(
        `SELECT ${CLIENT_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE client_id = ?)`).join(" OR ")} AS used`,
      ).get(...CLIENT_TABLES.map(() => clientId)) as { used: number };
      if (used.used) return "in-use";
      this.q("DELETE FROM clients WHERE client_id = ?").run(clientId);
      return "released";
    })();
  }
}
