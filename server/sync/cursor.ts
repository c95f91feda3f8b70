/**
 * The pull cursor. Entries are immutable and every stored entry gets the next server sequence
 * number (`seq`) in commit order, so "everything after the cursor" is simply seq > cursor.seq.
 * The cursor also carries a fingerprint of the unit set the user could see when it was issued:
 * when the scope has changed since (units assigned or removed, the tree re-imported), entries
 * older than the cursor may have come into view, so the server answers `reset: true` and starts
 * from the beginning. The client treats the cursor as an opaque string: base64url of JSON.
 *
 * Reviews, phase reports, nominations and nomination decisions are immutable ledgers with
 * sequences of their own (assigned the same way, in commit order), so the cursor holds one
 * position per ledger: `seq` for entries, `r` reviews, `p` phase reports, `n` nominations, `d`
 * nomination decisions, `y` replies to reviews. A cursor issued before a ledger existed lacks its position: it reads as
 * 0, so that device gets every such record from the beginning, and stays valid.
 */

/** What a cursor holds: the last position seen in each ledger, and the scope fingerprint. */
export type Cursor = {
  seq: number;
  reviews: number;
  reports: number;
  nominations: number;
  nominationReviews: number;
  replies: number;
  scope: string;
};

const isPosition = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Encode a cursor for the client. */
export function encodeCursor(c: Cursor): string {
  const { seq, scope, reviews: r, reports: p, nominations: n, nominationReviews: d, replies: y } = c;
  return Buffer.from(JSON.stringify({ v: 1, seq, scope, r, p, n, d, y })).toString("base64url");
}

/** Decode a client's cursor; undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (typeof v !== "object" || v === null) return undefined;
    const { v: version, seq, scope, r = 0, p = 0, n = 0, d = 0, y = 0 } = v as Record<string, unknown>;
    if (version !== 1 || typeof scope !== "string" || ![seq, r, p, n, d, y].every(isPosition)) return undefined;
    return {
      seq: seq as number,
      reviews: r as number,
      reports: p as number,
      nominations: n as number,
      nominationReviews: d as number,
      replies: y as number,
      scope,
    };
  } catch {
    return undefined;
  }
}
