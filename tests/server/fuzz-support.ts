/**
 * Shared pieces of the API fuzz tests (fuzz-*.test.ts): the invariant every bad request must
 * keep (a 4xx in the one error shape, with the CSP header), a per-route request counter that
 * prints how much was generated, a ledger size probe for "nothing was stored", and generators
 * of hostile bodies (huge, deep, invalid UTF-8).
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { Answer, TestServer } from "./helpers";

/** DESIGN §3: every response carries this policy. */
export const CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Counts generated requests per route, printed once per file so the report can quote them. */
export class RouteCounter {
  private readonly counts = new Map<string, number>();

  hit(route: string): void {
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
  }

  total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  print(title: string): void {
    const rows = [...this.counts].map(([r, n]) => `  ${r.padEnd(34)} ${n}`).join("\n");
    console.log(`fuzz ${title}: ${this.total()} requests\n${rows}`);
  }
}

/** The answer is a client error in the one shape (DESIGN §2), with the CSP (DESIGN §3). */
export function expectClientError(a: Answer, label: string, statuses?: readonly number[]): void {
  if (statuses) expect(statuses, `${label}: status ${a.status} ${JSON.stringify(a.body)}`).toContain(a.status);
  else expect(a.status, `${label}: ${JSON.stringify(a.body)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, label).toBeLessThan(500);
  expect(typeof a.body?.error?.code, `${label}: error.code`).toBe("string");
  expect(typeof a.body?.error?.message, `${label}: error.message`).toBe("string");
  expect(a.headers.get("content-security-policy"), `${label}: CSP`).toBe(CSP);
}

/** Entries in the ledger, read through the store (not the API under test). */
export async function ledgerSize(s: TestServer): Promise<number> {
  return (await s.store.ledger.entriesAfter(0, null, 10_000_000)).length;
}

/** The server still serves a signed-in request normally after whatever came before. */
export async function expectAlive(s: TestServer, cookie: string): Promise<void> {
  const me = await s.call("GET", "/api/v1/auth/me", { cookie });
  expect(me.status, "the next request").toBe(200);
}

/** JSON values of every type, small (the wrong-type generator). */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** Anything that is not a string. */
export const notString = anyJson.filter((v) => typeof v !== "string");

/** A string too long for any field (64 KiB to 300 KiB). */
export const hugeString = fc
  .tuple(fc.integer({ min: 65_536, max: 300_000 }), fc.constantFrom("x", "ệ", "\u0000", "🎌"))
  .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length)));

/** A big array of small junk (a "huge array" field). */
export const hugeArray = fc.integer({ min: 10_000, max: 60_000 }).map((n) => Array.from({ length: n }, (_, i) => i));

/** JSON text nested `depth` levels, as arrays or objects. */
export const deepJsonText = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? "[".repeat(depth) + "]".repeat(depth) : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

/** The marker `withBadBytes` replaces. */
export const BAD_MARK = "@@BAD@@";

/** Byte sequences that are not UTF-8 (lone continuation, overlong, surrogate, truncated, 0xFF). */
export const badUtf8 = fc.constantFrom(
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
  [0xe1, 0xbb],
);

/** `json` encoded as UTF-8 with the `bad` bytes in place of BAD_MARK (put it inside a string). */
export function withBadBytes(json: string, bad: readonly number[]): Uint8Array<ArrayBuffer> {
  const [before, after] = json.split(BAD_MARK) as [string, string?];
  const enc = new TextEncoder();
  const head = enc.encode(before);
  const tail = enc.encode(after ?? "");
  const out = new Uint8Array(head.length + bad.length + tail.length);
  out.set(head, 0);
  out.set(bad, head.length);
  out.set(tail, head.length + bad.length);
  return out;
}

/** A 10 MB body, sent either with an honest Content-Length or as a stream without one. */
export function tenMegabytes(declared: boolean): { body: BodyInit; headers: Record<string, string> } {
  const size = 10 * 1024 * 1024;
  const chunk = new TextEncoder().encode(`{"entries":[${'"x",'.repeat(16_000)}`);
  if (declared) {
    const buf = new Uint8Array(size);
    buf.set(chunk.subarray(0, Math.min(chunk.length, size)));
    return { body: buf, headers: { "content-type": "application/json", "content-length": String(size) } };
  }
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= size) return ctrl.close();
      sent += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { body: stream, headers: { "content-type": "application/json" } };
}
