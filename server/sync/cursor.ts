/**
 * The pull cursor. Entries are immutable and every stored entry gets the next server sequence
 * number (`seq`) in commit order, so "everything after the cursor" is simply seq > cursor.seq.
 * The cursor also carries a fingerprint of the unit set the user could see when it was issued:
 * when the scope has changed since (units assigned or removed, the tree re-imported), entries
 * older than the cursor may have come into view, so the server answers `reset: true` and starts
 * from the beginning. The client treats the cursor as an opaque string: base64url of JSON.
 *
 * Reviews and phase reports are immutable ledgers with sequences of their own (assigned the same
 * way, in commit order), so the cursor holds one position per ledger: `seq` for entries, `r` for
 * reviews, `p` for phase reports. A cursor issued before reviews existed has no `r`/`p`: they
 * read as 0, so that device gets every review and report from the beginning, and stays valid.
 */

/** What a cursor holds: the last position seen in each ledger, and the scope fingerprint. */
export type Cursor = { seq: number; reviews: number; reports: number; scope: string };

const isPosition = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Encode a cursor for the client. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, seq: c.seq, scope: c.scope, r: c.reviews, p: c.reports })).toString(
    "base64url",
  );
}

/** Decode a client's cursor; undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (typeof v !== "object" || v === null) return undefined;
    const { v: version, seq, scope, r = 0, p = 0 } = v as Record<string, unknown>;
    if (version !== 1 || typeof scope !== "string" || !isPosition(seq) || !isPosition(r) || !isPosition(p)) {
      return undefined;
    }
    return { seq, reviews: r, reports: p, scope };
  } catch {
    return undefined;
  }
}
