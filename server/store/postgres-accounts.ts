/** The accounts half of the PostgreSQL store: users and their units, sessions, login failures, client ids. */
import { type SessionRow, sessionOfRow, type UserRow, userOfRow } from "./account-rows";
import { fromDb, inTransaction, type Pool, type Tx, toDb } from "./postgres-pool";
import { CLIENT_TABLES } from "./rows";
import type { AccountStore, ClientRelease, LoginFailureKey, SessionRecord, UserPatch, UserRecord } from "./store";

/** A user's row and their unit ids in assignment order, as `USER_SELECT` reads them. */
type UserWithUnits = UserRow & { unit_ids: string[] };

/** A user's row with their unit ids in assignment order, in one query. */
const USER_SELECT = `SELECT u.*, coalesce(
    (SELECT array_agg(uu.unit_id ORDER BY uu.position) FROM user_units uu WHERE uu.user_id = u.id), '{}') AS unit_ids
  FROM users u`;

const toUser = (r: UserWithUnits): UserRecord => userOfRow(r, r.unit_ids, fromDb);

async function setUnits(tx: Tx, userId: string, unitIds: readonly string[]): Promise<void> {
  await tx.query("DELETE FROM user_units WHERE user_id = $1", [userId]);
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return;
  await tx.query(
    `INSERT INTO user_units (user_id, unit_id, position)
     SELECT $1, u.id, u.ord - 1 FROM unnest($2::text[]) WITH ORDINALITY AS u(id, ord)`,
    [userId, ids],
  );
}

/** Account queries over a pool (every method one statement or one transaction). */
export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: Pool) {}

  async users(): Promise<UserRecord[]> {
    const r = await this.pool.query<UserWithUnits>(`${USER_SELECT} ORDER BY u.username COLLATE "C"`);
    return r.rows.map(toUser);
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    return this.userWhere("u.id = $1", id);
  }

  async userByUsername(username: string): Promise<UserRecord | undefined> {
    return this.userWhere("u.username = $1", username);
  }

  private async userWhere(condition: string, value: string): Promise<UserRecord | undefined> {
    const row = (await this.pool.query<UserWithUnits>(`${USER_SELECT} WHERE ${condition}`, [toDb(value)])).rows[0];
    return row && toUser(row);
  }

  async createUser(u: UserRecord): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const r = await tx.query(
        `INSERT INTO users (id, username, name, role, password_hash, disabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING`,
        [u.id, toDb(u.username), toDb(u.name), u.role, u.passwordHash, u.disabled, u.createdAt],
      );
      if (r.rowCount === 0) return false;
      await setUnits(tx, u.id, u.unitIds);
      return true;
    });
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await tx.query(
        `UPDATE users SET name = coalesce($2, name), role = coalesce($3, role),
           disabled = coalesce($4, disabled), password_hash = coalesce($5, password_hash) WHERE id = $1`,
        [
          id,
          patch.name === undefined ? null : toDb(patch.name),
          patch.role ?? null,
          patch.disabled ?? null,
          patch.passwordHash ?? null,
        ],
      );
      if (patch.unitIds !== undefined) await setUnits(tx, id, patch.unitIds);
    });
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.pool.query(
      "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
      [s.tokenHash, s.userId, s.createdAt, s.lastSeenAt],
    );
  }

  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.pool.query<SessionRow>("SELECT * FROM sessions WHERE token_hash = $1", [tokenHash]);
    const s = r.rows[0];
    return s && sessionOfRow(s);
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    await this.pool.query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", [tokenHash, lastSeenAt]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.pool.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
  }

  async deleteIdleSessions(lastSeenBefore: number): Promise<void> {
    await this.pool.query("DELETE FROM sessions WHERE last_seen_at < $1", [lastSeenBefore]);
  }

  async recordLoginFailure(username: string, address: string, at: number): Promise<void> {
    await this.pool.query("INSERT INTO login_failures (username, address, at) VALUES ($1, $2, $3)", [
      toDb(username),
      toDb(address),
      at,
    ]);
  }

  async nthLoginFailure(where: LoginFailureKey, since: number, n: number): Promise<number | undefined> {
    const keys: [string, string][] = [];
    if (where.username !== undefined) keys.push(["username", where.username]);
    if (where.address !== undefined) keys.push(["address", where.address]);
    const match = keys.map(([column], i) => `${column} = $${i + 1}`).join(" AND ");
    const k = keys.length;
    const sql = `SELECT at FROM login_failures WHERE ${match} AND at > $${k + 1} ORDER BY at DESC LIMIT 1 OFFSET $${k + 2}`;
    const r = await this.pool.query<{ at: number }>(sql, [...keys.map(([, v]) => toDb(v)), since, Math.max(0, n - 1)]);
    return r.rows[0]?.at;
  }

  async clearLoginFailures(username: string, address?: string): Promise<void> {
    if (address === undefined) {
      await this.pool.query("DELETE FROM login_failures WHERE username = $1", [toDb(username)]);
    } else {
      await this.pool.query("DELETE FROM login_failures WHERE username = $1 AND address = $2", [
        toDb(username),
        toDb(address),
      ]);
    }
  }

  async pruneLoginFailures(before: number): Promise<void> {
    await this.pool.query("DELETE FROM login_failures WHERE at <= $1", [before]);
  }

  async claimClient(clientId: string, userId: string, at: string): Promise<string> {
    const key = toDb(clientId);
    // The row changes only by `releaseClient` (an admin's repair), so the insert-or-read needs no transaction.
    const inserted = await this.pool.query<{ user_id: string }>(
      "INSERT INTO clients (client_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id",
      [key, userId, at],
    );
    const mine = inserted.rows[0];
    if (mine) return mine.user_id;
    const r = await this.pool.query<{ user_id: string }>("SELECT user_id FROM clients WHERE client_id = $1", [key]);
    return (r.rows[0] as { user_id: string }).user_id;
  }

  async releaseClient(clientId: string, toUserId?: string): Promise<ClientRelease> {
    const key = toDb(clientId);
    if (toUserId !== undefined) {
      const r = await this.pool.query("UPDATE clients SET user_id = $1 WHERE client_id = $2", [toUserId, key]);
      return r.rowCount ? "reassigned" : "unknown";
    }
    const known = await this.pool.query("SELECT 1 FROM clients WHERE client_id = $1", [key]);
    if (!known.rowCount) return "unknown";
    // Only a client id that no record carries is deleted; the foreign keys refuse the rest anyway.
    const r = await this.pool.query(
      `DELETE FROM clients WHERE client_id = $1
         ${CLIENT_TABLES.map((t) => `AND NOT EXISTS (SELECT 1 FROM ${t} WHERE client_id = $1)`).join(" ")}`,
      [key],
    );
    return r.rowCount ? "released" : "in-use";
  }
}
