/** What the entry and correction forms say about a typed quantity, in the officer's words. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Part } from "../../src/domain/schemas";
import { loadScreenMessages } from "../../src/i18n";
import { parseWhole, quantityProblem } from "../../src/ui/entry/entry-validation";

const members = { id: "t1-1", kind: "count", goal: 134, unitOfMeasure: "đoàn viên" } as unknown as Part;

beforeAll(() => loadScreenMessages());

describe("a typed quantity", () => {
  it("reads what a phone keyboard types: plain, with thousands separators, and with a minus", () => {
    expect(parseWhole("12")).toBe(12);
    expect(parseWhole(" 1.200 ")).toBe(1200);
    expect(parseWhole("1 200")).toBe(1200);
    expect(parseWhole("-5")).toBe(-5);
    expect(parseWhole("\u2212 3")).toBe(-3);
    expect(parseWhole("12,5")).toBeNaN();
    expect(parseWhole("1.20")).toBeNaN();
    expect(parseWhole("mười")).toBeNaN();
    expect(parseWhole("--5")).toBeNaN();
  });

  it("says what is wrong with it: empty, not a whole number, not above 0, too large (with the limit)", () => {
    expect(quantityProblem(members, "")).toEqual({ error: "Hãy nhập số lượng." });
    expect(quantityProblem(members, "abc").error).toBe("Số lượng phải là số nguyên, ví dụ 12.");
    expect(quantityProblem(members, "-5").error).toBe("Số lượng phải lớn hơn 0.");
    expect(quantityProblem(members, "0").error).toBe("Số lượng phải lớn hơn 0.");
    expect(quantityProblem(members, "2.000.000.000").error).toBe("Số lượng quá lớn: tối đa 1.000.000.000.");
    expect(quantityProblem(members, "1.200")).toEqual({ quantity: 1200 });
  });
});
