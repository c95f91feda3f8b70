/**
 * The pull cursor. Entries are immutable and every stored entry gets the next server sequence
 * number (`seq`) in commit order, so "everything after the cursor" is simply seq > cursor.seq.
 * The cursor also carries a fingerprint of the unit set the user could see when it was issued:
 * when the scope has changed since (units assigned or removed, the tree re-imported), entries
 * older than the cursor may have come into view, so the server answers `reset: true` and starts
 * from the beginning. The client treats the cursor as an opaque string: base64url of JSON.
 */

/** What a cursor holds. */
export type Cursor = { seq: number; scope: string };

/** Encode a cursor for the client. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, seq: c.seq, scope: c.scope })).toString("base64url");
}

/** Decode a client's cursor; undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (typeof v !== "object" || v === null) return undefined;
    const { v: version, seq, scope } = v as Record<string, unknown>;
    if (version !== 1 || typeof scope !== "string" || !Number.isSafeInteger(seq) || (seq as number) < 0) {
      return undefined;
    }
    return { seq: seq as number, scope };
  } catch {
    return undefined;
  }
}
