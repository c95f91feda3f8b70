/** Users and sessions as both stores keep them, and their mapping to the store's records. */
import type { Role } from "../../src/domain/schemas";
import type { DecodeText } from "./rows";
import type { SessionRecord, UserRecord } from "./store";

/** A `users` row as read back (`disabled` is SQLite's 0/1 or PostgreSQL's boolean). */
export type UserRow = {
  id: string;
  username: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number | boolean;
  created_at: string;
};

/** A `sessions` row. */
export type SessionRow = { token_hash: string; user_id: string; created_at: number; last_seen_at: number };

/** The user a row holds, with their units in assignment order; free text read back through `text`. */
export function userOfRow(r: UserRow, unitIds: string[], text: DecodeText): UserRecord {
  return {
    id: r.id,
    username: text(r.username),
    name: text(r.name),
    role: r.role,
    unitIds,
    disabled: Boolean(r.disabled),
    passwordHash: r.password_hash,
    createdAt: r.created_at,
  };
}

/** The session a row holds. */
export function sessionOfRow(r: SessionRow): SessionRecord {
  return { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at };
}
