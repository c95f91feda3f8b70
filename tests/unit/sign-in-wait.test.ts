/** The sign-in screen's countdown after a throttled sign-in: minutes while a minute or more is left, then seconds. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScreenMessages } from "../../src/i18n";
import { secondsLeft, waitText } from "../../src/ui/sign-in/wait";

describe("sign-in wait", () => {
  beforeAll(loadScreenMessages);

  it("shows a 15-minute lock in minutes and counts down to seconds, then nothing", () => {
    const start = Date.UTC(2024, 0, 1);
    const until = start + 900 * 1000;
    expect(waitText(secondsLeft(until, start))).toBe(
      "Đăng nhập sai quá nhiều lần từ máy này. Hãy thử lại sau 15 phút.",
    );
    expect(waitText(secondsLeft(until, start + 61_000))).toContain("sau 14 phút");
    expect(waitText(secondsLeft(until, start + 840_000))).toContain("sau 1 phút");
    expect(waitText(secondsLeft(until, start + 841_000))).toContain("sau 59 giây");
    expect(waitText(secondsLeft(until, start + 899_500))).toContain("sau 1 giây");
    expect(waitText(secondsLeft(until, until))).toBeUndefined();
    expect(secondsLeft(until, until + 5000)).toBe(0);
  });
});
