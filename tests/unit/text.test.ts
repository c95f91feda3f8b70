/** Well-formed text: the check that refuses half an emoji, and the code-point cut the SMS composer uses. */
import { describe, expect, it } from "vitest";
import { campaign, unit } from "../../src/domain/schemas";
import { cutCodePoints, isWellFormed } from "../../src/domain/text";
import { campaign2023 } from "../support/fixtures";

const HALF = "😀".slice(0, 1);
/** Node 20's own check (ES2024, beyond the test tsconfig's lib). */
const native = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

describe("well-formed text", () => {
  it("agrees with String.prototype.isWellFormed on lone and paired surrogates", () => {
    for (const s of [
      "",
      "abc",
      "😀",
      "a😀b",
      HALF,
      `a${HALF}`,
      "\uDE00",
      "\uDE00\uD83D",
      "\uD83D\uD83D\uDE00",
      "x\uD83D",
      "Lò Văn Minh",
      "😀".slice(1),
    ]) {
      expect(isWellFormed(s), JSON.stringify(s)).toBe(native(s));
    }
  });

  it("cuts by code points, keeping every emoji whole", () => {
    const text = `${"x".repeat(299)}😀 và thêm`;
    expect(native(text.slice(0, 300))).toBe(false);
    const cut = cutCodePoints(text, 300);
    expect(native(cut)).toBe(true);
    expect(cut.endsWith("😀")).toBe(true);
    expect(cutCodePoints("ngắn", 300)).toBe("ngắn");
  });

  it("campaign titles and unit names must be well-formed", () => {
    expect(campaign.safeParse({ ...campaign2023, title: `Thi đua ${HALF}` }).success).toBe(false);
    expect(unit.safeParse({ id: "u1", name: `Công đoàn ${HALF}` }).success).toBe(false);
    expect(unit.safeParse({ id: "u1", name: "Công đoàn 😀" }).success).toBe(true);
  });
});
