/**
 * What both stores' migrations share: a versioned schema step, and which steps a database still
 * needs. Each store applies the steps in its own dialect and records them in `schema_migrations`.
 */

/** One schema step. */
export type Migration = { version: number; name: string; sql: string };

/**
 * The steps of `known` not yet `applied`, oldest first. Throws when the database has a version
 * this server does not know: it was made or upgraded by a newer server, and an older one would
 * write what the newer one no longer reads.
 */
export function pendingMigrations(applied: ReadonlySet<number>, known: readonly Migration[]): Migration[] {
  const newest = Math.max(0, ...known.map((m) => m.version));
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    throw new Error(
      `the database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}): run the newer server`,
    );
  }
  return known.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
}
