/** When reports are owed: the deadline of each phase and the year, too early, on time and late. */
import { describe, expect, it } from "vitest";
import {
  addDays,
  reportDueOf,
  reportingStatus,
  reportOpensOn,
  reportTiming,
  reportTooEarly,
} from "../../src/domain/report-deadlines";
import type { Campaign } from "../../src/domain/schemas";
import { campaign2023 } from "../support/fixtures";

const withDue: Campaign = {
  ...campaign2023,
  reportDue: "2024-01-05",
  phases: campaign2023.phases.map((p) => (p.id === "dot-1" ? { ...p, reportDue: "2023-07-20" } : p)),
};

describe("report deadlines", () => {
  it("defaults to 10 days after the phase ends, and after the last phase for the year", () => {
    expect(reportDueOf(campaign2023, "dot-1")).toBe("2023-07-10");
    expect(reportDueOf(campaign2023, "dot-2")).toBe("2024-01-10");
    expect(reportDueOf(campaign2023, "year")).toBe("2024-01-10");
    expect(reportDueOf(campaign2023, "no-such-phase")).toBeUndefined();
  });

  it("takes the admin's reportDue for a phase and for the year", () => {
    expect(reportDueOf(withDue, "dot-1")).toBe("2023-07-20");
    expect(reportDueOf(withDue, "dot-2")).toBe("2024-01-10");
    expect(reportDueOf(withDue, "year")).toBe("2024-01-05");
  });

  it("adds days across months and leap days", () => {
    expect(addDays("2023-06-30", 10)).toBe("2023-07-10");
    expect(addDays("2024-02-25", 5)).toBe("2024-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
  });

  it("refuses a report before the period's last month", () => {
    expect(reportOpensOn(campaign2023, "dot-1")).toBe("2023-06-01");
    expect(reportOpensOn(campaign2023, "year")).toBe("2023-12-01");
    expect(reportTooEarly(campaign2023, "dot-1", "2023-01-01")).toBe(true);
    expect(reportTooEarly(campaign2023, "dot-1", "2023-05-31")).toBe(true);
    expect(reportTooEarly(campaign2023, "dot-1", "2023-06-01")).toBe(false);
    expect(reportTooEarly(campaign2023, "dot-1", "2023-08-15")).toBe(false);
    expect(reportTooEarly(campaign2023, "year", "2023-11-30")).toBe(true);
    expect(reportTooEarly(campaign2023, "year", "2023-12-01")).toBe(false);
  });

  it("opens a phase shorter than a month on its first day", () => {
    const short = {
      ...campaign2023,
      phases: [{ id: "p", name: "P", theme: "", start: "2023-03-10", end: "2023-03-25" }],
    };
    expect(reportOpensOn(short, "p")).toBe("2023-03-10");
  });

  it("judges lateness on the server's receipt time as a day in Vietnam", () => {
    // 16:59 UTC on the due day is 23:59 in Vietnam: still on time.
    expect(reportTiming(campaign2023, { phaseId: "dot-1", receivedAt: "2023-07-10T16:59:00Z" })).toBe("on-time");
    // 17:00 UTC on the due day is already the next day in Vietnam: late.
    expect(reportTiming(campaign2023, { phaseId: "dot-1", receivedAt: "2023-07-10T17:00:00Z" })).toBe("late");
    expect(reportTiming(campaign2023, { phaseId: "dot-1", receivedAt: "2023-07-11T06:00:00+07:00" })).toBe("late");
    expect(reportTiming(campaign2023, { phaseId: "dot-1" })).toBeUndefined();
  });

  it("sorts the expected units into on time, late and missing; an on-time report is not made late by a replacement", () => {
    const at = (unitId: string, receivedAt: string) => ({
      campaignId: campaign2023.id,
      phaseId: "dot-1",
      unitId,
      receivedAt,
    });
    const reports = [
      at("a", "2023-07-01T02:00:00Z"),
      at("a", "2023-08-01T02:00:00Z"),
      at("b", "2023-07-15T02:00:00Z"),
      { campaignId: campaign2023.id, phaseId: "dot-2", unitId: "c", receivedAt: "2023-12-20T02:00:00Z" },
      { campaignId: "other", phaseId: "dot-1", unitId: "c", receivedAt: "2023-07-01T02:00:00Z" },
    ];
    expect(reportingStatus(campaign2023, "dot-1", ["a", "b", "c"], reports, "2023-08-01")).toEqual({
      onTime: ["a"],
      late: ["b"],
      missing: ["c"],
    });
  });

  it("judges a held report not yet pulled back as received today", () => {
    const held = [{ campaignId: campaign2023.id, phaseId: "dot-1", unitId: "a" }];
    expect(reportingStatus(campaign2023, "dot-1", ["a"], held, "2023-07-10").onTime).toEqual(["a"]);
    expect(reportingStatus(campaign2023, "dot-1", ["a"], held, "2023-07-11").late).toEqual(["a"]);
  });
});
