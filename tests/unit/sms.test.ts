import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeSms, crc16, parseSms, smsHref, smsLines, smsNumber } from "../../src/domain/sms";

describe("SMS report", () => {
  it("matches the example documented in the README and in sms.ts", () => {
    const example = "STD1;laichau-2023;dot-1;tam-duong-01;t1-1=12,t6-1=3;8AD3";
    const report = {
      campaignId: "laichau-2023",
      phaseId: "dot-1",
      unitId: "tam-duong-01",
      totals: [
        { partId: "t1-1", total: 12 },
        { partId: "t6-1", total: 3 },
      ],
    };
    expect(composeSms(report)).toBe(example);
    expect(parseSms(example)).toEqual({ ok: true, report });
  });

  it("computes CRC-16/CCITT-FALSE (check value of '123456789' is 29B1)", () => {
    expect(crc16("123456789")).toBe("29B1");
  });

  it("round-trips: compose then parse gives the same numbers", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            partId: fc.constantFrom("t1-1", "t1-2", "t2-1", "t6-3", "t11-1"),
            total: fc.integer({ min: 1, max: 99999 }),
          }),
          {
            selector: (t) => t.partId,
          },
        ),
        (totals) => {
          const report = { campaignId: "laichau-2023", phaseId: "dot-1", unitId: "tam-duong-01", totals };
          const text = composeSms(report);
          expect(text.length).toBeLessThanOrEqual(160);
          expect(parseSms(text)).toEqual({ ok: true, report });
        },
      ),
    );
  });

  it("survives the spaces and line breaks phones add, and refuses a mistyped body", () => {
    const text = composeSms({
      campaignId: "laichau-2023",
      phaseId: "dot-2",
      unitId: "phong-tho-04",
      totals: [{ partId: "t7-2", total: 3 }],
    });
    expect(text.startsWith("STD1;")).toBe(true);
    expect(parseSms(` ${text.slice(0, 20)}\n${text.slice(20)} `).ok).toBe(true);
    expect(parseSms(text.replace("t7-2=3", "t7-2=8"))).toEqual({ ok: false, problem: "sms-checksum" });
    expect(parseSms(text.replace("phong-tho-04", "phong-tho-05"))).toEqual({ ok: false, problem: "sms-checksum" });
    expect(parseSms(text.slice(0, -2))).toEqual({ ok: false, problem: "sms-format" });
    expect(parseSms("xin chào")).toEqual({ ok: false, problem: "sms-format" });
  });
});

describe("the SMS recipient and what a pasted report adds", () => {
  it("takes a phone number as people type it, and refuses anything else", () => {
    expect(smsNumber("0912 345 678")).toBe("0912345678");
    expect(smsNumber("+84 912-345-678")).toBe("+84912345678");
    expect(smsNumber("(0213) 3.876.543")).toBe("02133876543");
    expect(smsNumber("09a12")).toBeUndefined();
    expect(smsNumber("12")).toBeUndefined();
    expect(smsNumber("")).toBeUndefined();
  });

  it("addresses the sms: link to the number, with the body encoded", () => {
    expect(smsHref("STD1;a;b", "0912345678")).toBe("sms:0912345678?body=STD1%3Ba%3Bb");
    expect(smsHref("x y")).toBe("sms:?body=x%20y");
  });

  it("adds only what the device does not know yet, never a negative", () => {
    const report = {
      campaignId: "c",
      phaseId: "p",
      unitId: "u",
      totals: [
        { partId: "a", total: 6 },
        { partId: "b", total: 2 },
        { partId: "c", total: 4 },
      ],
    };
    expect(
      smsLines(
        report,
        new Map([
          ["b", 5],
          ["c", 1],
        ]),
      ),
    ).toEqual([
      { partId: "a", total: 6, known: 0, add: 6 },
      { partId: "b", total: 2, known: 5, add: 0 },
      { partId: "c", total: 4, known: 1, add: 3 },
    ]);
  });
});
