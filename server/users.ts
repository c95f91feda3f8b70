/**
 * Managing users, shared by the admin API and the admin CLI: validation (officers and
 * supervisors need at least one unit; every unit must exist), hashing, and ending sessions when
 * a user is disabled or their password changes.
 */
import { randomUUID } from "node:crypto";
import * as z from "zod/mini";
import type { AdminUser } from "../src/domain/api";
import { type Role, role, slug, type UserProfile } from "../src/domain/schemas";
import { wellFormed } from "../src/domain/text";
import type { UnitTree } from "../src/domain/units";
import { hashPassword, type ScryptParams } from "./auth/password";
import { ApiError, invalidInput } from "./http/errors";
import type { Store, UserPatch, UserRecord } from "./store/store";

/** What user management needs. */
export type UserDeps = { store: Store; scrypt: ScryptParams; tree: UnitTree };

const username = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { error: "username-format" }));
const password = z.string().check(z.minLength(8), z.maxLength(256));
const name = z.string().check(z.minLength(1), z.maxLength(200), wellFormed());

const newUserInput = z.strictObject({ username, name, role, unitIds: z.array(slug), password });
const userPatchInput = z.strictObject({
  name: z.optional(name),
  role: z.optional(role),
  unitIds: z.optional(z.array(slug)),
  password: z.optional(password),
  disabled: z.optional(z.boolean()),
});

/** The admin API view of a user. */
export function publicUser(u: UserRecord): AdminUser {
  return { id: u.id, username: u.username, name: u.name, role: u.role, unitIds: u.unitIds, disabled: u.disabled };
}

/** The profile a device keeps offline (DESIGN §2 login answer). */
export function profileOf(u: UserRecord): UserProfile {
  return { id: u.id, name: u.name, role: u.role, unitIds: u.unitIds };
}

/** Usernames are case-insensitive: stored and looked up lower-case. */
export function normalizeUsername(s: string): string {
  return s.trim().toLowerCase();
}

function checkUnits(tree: UnitTree, r: Role, unitIds: readonly string[]): void {
  unitIds.forEach((id, i) => {
    if (!tree.get(id)) throw new ApiError(400, "unknown-unit", `unknown unit ${id}`, `unitIds.${i}`);
  });
  if (r !== "admin" && unitIds.length === 0) {
    throw new ApiError(400, "invalid", "officers and supervisors need at least one unit", "unitIds");
  }
}

/** Create a user from untrusted input: 400 invalid / unknown-unit, 409 username-taken. */
export async function createUser(deps: UserDeps, input: unknown): Promise<UserRecord> {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const v = parsed.data;
  checkUnits(deps.tree, v.role, v.unitIds);
  const user: UserRecord = {
    id: randomUUID(),
    username: normalizeUsername(v.username),
    name: v.name,
    role: v.role,
    unitIds: [...new Set(v.unitIds)],
    disabled: false,
    passwordHash: await hashPassword(v.password, deps.scrypt),
    createdAt: new Date().toISOString(),
  };
  if (!(await deps.store.accounts.createUser(user))) {
    throw new ApiError(409, "username-taken", `username ${user.username} is taken`, "username");
  }
  return user;
}

/**
 * Update a user from untrusted input. `actorId` is the admin making the change: they may not
 * disable themselves or drop their own admin role (so at least one admin always remains).
 */
export async function updateUser(deps: UserDeps, id: string, input: unknown, actorId?: string): Promise<UserRecord> {
  const parsed = userPatchInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const v = parsed.data;
  const user = await deps.store.accounts.userById(id);
  if (!user) throw new ApiError(404, "not-found", "no such user");
  if (id === actorId && v.disabled === true)
    throw new ApiError(400, "invalid", "you cannot disable yourself", "disabled");
  if (id === actorId && v.role !== undefined && v.role !== "admin") {
    throw new ApiError(400, "invalid", "you cannot remove your own admin role", "role");
  }
  const nextRole = v.role ?? user.role;
  const nextUnits = v.unitIds ?? user.unitIds;
  if (v.role !== undefined || v.unitIds !== undefined) checkUnits(deps.tree, nextRole, nextUnits);
  const patch: UserPatch = {};
  if (v.name !== undefined) patch.name = v.name;
  if (v.role !== undefined) patch.role = v.role;
  if (v.unitIds !== undefined) patch.unitIds = [...new Set(v.unitIds)];
  if (v.disabled !== undefined) patch.disabled = v.disabled;
  if (v.password !== undefined) patch.passwordHash = await hashPassword(v.password, deps.scrypt);
  await deps.store.accounts.updateUser(id, patch);
  // A disabled user, or one whose password changed, is signed out everywhere at once.
  if (v.disabled === true || v.password !== undefined) await deps.store.accounts.deleteUserSessions(id);
  return (await deps.store.accounts.userById(id)) as UserRecord;
}
