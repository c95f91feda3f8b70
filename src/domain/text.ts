/**
 * Text that survives the round trip. A string with a lone UTF-16 surrogate (half an emoji, as
 * `"😀".slice(0, 1)` makes) cannot be encoded as UTF-8: the server's storage turns it into
 * U+FFFD, so the stored note differs from the one sent and the phone's retry after a lost answer
 * is refused as `conflict`. Such strings are refused as `invalid` at the door instead, and the
 * app cuts text by code points, never inside a pair.
 *
 * `String.prototype.isWellFormed` exists on Node 20 but not in every phone's browser (nor does a
 * regular-expression lookbehind on older Safari), so the check is a plain loop over the code units.
 */
import * as z from "zod/mini";

/** True when `s` has no lone surrogate (what `isWellFormed` answers). */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    // A high surrogate must be followed by a low one; a low one never comes first.
    if (c > 0xdbff) return false;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** A zod check refusing strings that are not well-formed (error "not-well-formed"). */
export function wellFormed() {
  return z.refine<string>((s) => isWellFormed(s), { error: "not-well-formed" });
}

/** At most `max` code points of `s`: an emoji is kept whole or left out, never halved. */
export function cutCodePoints(s: string, max: number): string {
  let out = "";
  let n = 0;
  for (const ch of s) {
    if (n++ >= max) break;
    out += ch;
  }
  return out;
}
