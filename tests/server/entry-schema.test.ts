/**
 * The server parses pushed entries with the shared schema compiled by zod (`z.compile`, in
 * server/sync/push.ts) and the schema's day check works without `Date` for "YYYY-MM-DD"
 * (src/domain/schemas.ts). Both are for speed only: the compiled schema must accept, refuse and
 * name issues exactly as the plain one, and a day must be real exactly when `Date` round-trips it.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import * as z from "zod/mini";
import { entry, isoDate } from "../../src/domain/schemas";
import { anyJson } from "./fuzz-support";
import { makeEntry } from "./helpers";

const compiled = z.compile(entry);
const FIELDS = ["id", "campaignId", "partId", "unitId", "date", "quantity", "note", "correctsId", "createdAt"];

/** What a parse decided, comparable across the two parsers. */
const outcome = (r: ReturnType<typeof entry.safeParse>) => (r.success ? { data: r.data } : { issues: r.error.issues });

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));
const dayText = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);

const nearEntry: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null).map(() => makeEntry({ note: "n", correctsId: "0190C0DE-0000-7000-8000-000000000000" })),
  fc.tuple(fc.constantFrom(...FIELDS), anyJson).map(([f, v]) => ({ ...makeEntry(), [f]: v })),
  fc.constantFrom(...FIELDS).map((f) => {
    const e: Record<string, unknown> = makeEntry();
    delete e[f];
    return e;
  }),
  fc.tuple(fc.string(), anyJson).map(([k, v]) => JSON.parse(JSON.stringify({ ...makeEntry(), [k]: v }))),
  dayText.map((date) => makeEntry({ date })),
  fc.string().map((createdAt) => makeEntry({ createdAt })),
  anyJson,
);

it("the compiled entry schema decides and names issues exactly as the plain one", () => {
  fc.assert(
    fc.property(nearEntry, (raw) => {
      expect(outcome(compiled.safeParse(raw))).toEqual(outcome(entry.safeParse(raw)));
    }),
    { numRuns: 2_000 },
  );
});

it("a YYYY-MM-DD day is real exactly when Date round-trips it", () => {
  const viaDate = (s: string) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  };
  for (const year of ["0000", "0004", "0100", "1900", "2000", "2023", "2024", "2100", "2400", "9999"]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const s = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        expect(isoDate.safeParse(s).success, s).toBe(viaDate(s));
      }
    }
  }
  fc.assert(
    fc.property(dayText, (s) => isoDate.safeParse(s).success === viaDate(s)),
    { numRuns: 5_000 },
  );
});
