/**
 * Password hashing with scrypt from node:crypto (DESIGN §3). A hash is stored as
 * `scrypt$N$r$p$salt$key` (base64url salt and key), so the cost can be raised later and old
 * hashes still verify with their own parameters. Comparison is constant-time.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt cost parameters. */
export type ScryptParams = { N: number; r: number; p: number };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Memory scrypt needs (128·N·r bytes) with headroom; Node's default cap (32 MiB) is too low for N=2^17. */
function maxmemFor(params: ScryptParams): number {
  return Math.max(256 * 1024 * 1024, 2 * 128 * params.N * params.r);
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** Hash a password with a fresh random salt; the parameters travel with the hash. */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length !== KEY_BYTES) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A random password for a generated account (admin bootstrap, CLI): 18 url-safe characters. */
export function generatePassword(): string {
  return randomBytes(14).toString("base64url").slice(0, 18);
}
