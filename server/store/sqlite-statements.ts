/** A prepared-statement cache for one better-sqlite3 connection: each SQL text is prepared once. */
import type Database from "better-sqlite3";

/** `q(sql)`: the prepared statement for `sql`. */
export type Statements = (sql: string) => Database.Statement;

/** Returns `q(sql)`, the prepared statement for `sql` (prepared on first use, after migrations). */
export function statementCache(db: Database.Database): Statements {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
}
