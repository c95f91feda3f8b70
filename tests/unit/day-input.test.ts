/** Days are typed and shown day first whatever the phone's language. */
import { describe, expect, it } from "vitest";
import { dayText, parseDayText } from "../../src/ui/common/day-input";

describe("day input", () => {
  it("reads a day typed day first, in the ways people type it", () => {
    expect(parseDayText("25/11/2026")).toBe("2026-11-25");
    expect(parseDayText(" 5/3/2023 ")).toBe("2023-03-05");
    expect(parseDayText("05-03-2023")).toBe("2023-03-05");
    expect(parseDayText("05.03.2023")).toBe("2023-03-05");
    expect(parseDayText("05032023")).toBe("2023-03-05");
    expect(parseDayText("2023-03-05")).toBe("2023-03-05");
  });

  it("leaves what is not a day for the form's check", () => {
    expect(parseDayText("")).toBeUndefined();
    expect(parseDayText("3/2023")).toBeUndefined();
    expect(parseDayText("hôm qua")).toBeUndefined();
    // Day 31 of month 2 parses; the shared schema refuses it as not a real day.
    expect(parseDayText("31/02/2023")).toBe("2023-02-31");
  });

  it("shows an ISO day day first", () => {
    expect(dayText("2024-12-31")).toBe("31/12/2024");
    expect(dayText("")).toBe("");
  });
});
