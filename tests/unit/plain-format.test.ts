import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareIso, todayIso } from "../../src/domain/phases";
import { plainDate, plainNumber } from "../../src/i18n/plain-format";

// The first screen formats without Intl (src/i18n/plain-format.ts): it must print exactly what Intl prints.
const LOCALES = ["vi-VN", "en-GB"] as const;
const once = <T>(make: (l: string) => T) => {
  const made = new Map<string, T>();
  return (l: string) => made.get(l) ?? (made.set(l, make(l)).get(l) as T);
};
const num = once((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 }));
const pct = once((l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 0 }));
const day = once(
  (l) => new Intl.DateTimeFormat(l, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }),
);

const EDGES = [
  0,
  -0,
  1,
  -1,
  0.05,
  -0.05,
  0.04,
  0.95,
  0.96,
  1.25,
  1.35,
  9.95,
  99.95,
  999.95,
  1000,
  1744,
  12345.65,
  -1234567.25,
  0.145,
  0.005,
  -0.005,
  0.0005,
  1.5,
  12.345,
  100,
  999_999.96,
  123456789012.35,
  2 / 3,
  1 / 3,
  14.5,
  0.1 + 0.2,
];

describe("plain number formats", () => {
  for (const l of LOCALES) {
    it(`a number to one decimal reads as Intl's in ${l}`, () => {
      for (const x of EDGES) expect(plainNumber(x, l, 1), String(x)).toBe(num(l).format(x));
      fc.assert(
        fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
          const plain = plainNumber(x, l, 1);
          if (plain !== undefined) expect(plain).toBe(num(l).format(x));
        }),
        { numRuns: 3000 },
      );
      fc.assert(
        fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 0, max: 100 }), (i, f) => {
          const x = i + f / 100;
          expect(plainNumber(x, l, 1)).toBe(num(l).format(x));
        }),
        { numRuns: 3000 },
      );
    });

    it(`a whole percent reads as Intl's in ${l}`, () => {
      for (const v of [...EDGES, 14.5, 0.5, 99.5, 100.5, 250, (7 / 11) * 100, (1 / 8) * 100])
        expect(`${plainNumber(v / 100, l, 0, 2)}%`, String(v)).toBe(pct(l).format(v / 100));
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), (a, b) => {
          const v = (a / b) * 100;
          expect(`${plainNumber(v / 100, l, 0, 2)}%`).toBe(pct(l).format(v / 100));
        }),
        { numRuns: 3000 },
      );
    });

    it(`a day reads as Intl's in ${l}`, () => {
      fc.assert(
        fc.property(fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z") }), (d) => {
          if (Number.isNaN(d.getTime())) return;
          expect(plainDate(d, l)).toBe(day(l).format(d));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("leaves what it cannot say exactly to Intl", () => {
    expect(plainNumber(1e21, "vi-VN", 1)).toBeUndefined();
    expect(plainNumber(1e-7, "vi-VN", 1)).toBeUndefined();
    expect(plainNumber(Number.NaN, "vi-VN", 1)).toBeUndefined();
    expect(plainNumber(5, "de-DE", 1)).toBeUndefined();
    expect(plainDate(new Date("0999-03-03T00:00:00Z"), "vi-VN")).toBeUndefined();
  });
});

describe("Vietnam's day without Intl", () => {
  it("is the day Intl gives in Asia/Ho_Chi_Minh", () => {
    const vietnam = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const intl = (d: Date) => vietnam.format(d);
    for (const iso of [
      "2023-03-02T16:59:59.999Z",
      "2023-03-02T17:00:00Z",
      "2026-12-31T17:00:00Z",
      "1976-01-01T00:00:00Z",
    ])
      expect(todayIso(new Date(iso)), iso).toBe(intl(new Date(iso)));
    fc.assert(
      fc.property(fc.date({ min: new Date("1976-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z") }), (d) => {
        if (Number.isNaN(d.getTime())) return;
        expect(todayIso(d)).toBe(intl(d));
      }),
      { numRuns: 2000 },
    );
  });

  it("orders ISO dates as localeCompare did", () => {
    const days = ["2023-09-02", "2023-01-01", "2024-01-01", "2023-04-30", "2023-04-30"];
    expect([...days].sort(compareIso)).toEqual([...days].sort((a, b) => a.localeCompare(b)));
  });
});
