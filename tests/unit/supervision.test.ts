import { describe, expect, it } from "vitest";
import { allocatedShareOf, goalLookupOf } from "../../src/domain/goals";
import {
  behindPace,
  elapsedShare,
  expectedReporters,
  farAhead,
  latestReviews,
  mayAllocate,
  reportingRate,
  review,
} from "../../src/domain/supervision";
import { sampleTree } from "../support/fixtures";

describe("supervision rules", () => {
  it("needs a comment when a review says the entry has issues", () => {
    const base = {
      id: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
      entryId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c",
      createdAt: "2023-05-01T00:00:00Z",
    };
    expect(review.safeParse({ ...base, state: "approved" }).success).toBe(true);
    const bad = review.safeParse({ ...base, state: "has-issues", comment: "  " });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["comment"]);
    expect(review.safeParse({ ...base, state: "has-issues", comment: "Thiếu biên bản" }).success).toBe(true);
  });

  it("takes the newest review as the entry's state and keeps the rest as history", () => {
    const latest = latestReviews([
      { entryId: "a", createdAt: "2023-05-01T00:00:00Z", state: "has-issues" },
      { entryId: "a", createdAt: "2023-05-03T00:00:00Z", state: "approved" },
      { entryId: "b", createdAt: "2023-05-02T00:00:00Z", state: "approved" },
    ]);
    expect(latest.get("a")?.state).toBe("approved");
    expect(latest.size).toBe(2);
  });

  it("computes the reporting rate of a district and lists who has not reported", () => {
    const expected = expectedReporters(sampleTree, "tam-duong");
    expect(expected).toContain("tam-duong");
    expect(expectedReporters(sampleTree, "lct")).not.toContain("lct");
    const rate = reportingRate(
      sampleTree,
      "tam-duong",
      [
        { campaignId: "laichau-2023", phaseId: "dot-1", unitId: "tam-duong-01" },
        { campaignId: "laichau-2023", phaseId: "dot-1", unitId: "tam-duong-01" },
        { campaignId: "laichau-2023", phaseId: "dot-2", unitId: "tam-duong-02" },
        { campaignId: "laichau-2023", phaseId: "dot-1", unitId: "phong-tho-01" },
      ],
      "laichau-2023",
      "dot-1",
    );
    expect(rate.submitted).toBe(1);
    expect(rate.expected).toBe(expected.length);
    expect(rate.missing).not.toContain("tam-duong-01");
    expect(rate.missing).toHaveLength(expected.length - 1);
  });

  it("judges pace against the share of the period elapsed", () => {
    expect(elapsedShare("2023-01-01", "2023-12-31", "2022-12-01")).toBe(0);
    expect(elapsedShare("2023-01-01", "2023-12-31", "2024-02-01")).toBe(1);
    expect(elapsedShare("2023-01-01", "2023-01-10", "2023-01-05")).toBeCloseTo(0.5);
    expect(behindPace(50, 134, 1)).toBe(true);
    expect(behindPace(130, 134, 1)).toBe(false);
    expect(behindPace(0, null, 1)).toBe(false);
  });

  it("asks for a check when a figure is far above its target (a slip such as 1.200 for 120)", () => {
    expect(farAhead(1275, 785)).toBe(true);
    expect(farAhead(1177, 785)).toBe(false);
    expect(farAhead(200, 134)).toBe(false);
    expect(farAhead(11, 6)).toBe(false);
    expect(farAhead(40, 20)).toBe(true);
    expect(farAhead(5, 0)).toBe(false);
    expect(farAhead(5, null)).toBe(false);
  });

  it("lets only the level above set a unit's share", () => {
    expect(mayAllocate(sampleTree, "tam-duong", ["lct"], false)).toBe(true);
    expect(mayAllocate(sampleTree, "tam-duong-01", ["tam-duong"], false)).toBe(true);
    expect(mayAllocate(sampleTree, "tam-duong", ["tam-duong"], false)).toBe(false);
    expect(mayAllocate(sampleTree, "phong-tho-01", ["tam-duong"], false)).toBe(false);
    expect(mayAllocate(sampleTree, "lct", ["lct"], true)).toBe(false);
  });
});

describe("the allocated share a unit works to", () => {
  const lookup = goalLookupOf([
    { unitId: "tam-duong", partId: "t1-1", goal: 20 },
    { unitId: "tam-duong-01", partId: "t1-1", goal: 4 },
    { unitId: "lct", partId: "t2-1", goal: 700 },
  ]);
  it("is the unit's own share, else the nearest share above it, never the province's goal", () => {
    expect(allocatedShareOf(sampleTree, lookup, "tam-duong-01", "t1-1")).toEqual({ unitId: "tam-duong-01", goal: 4 });
    expect(allocatedShareOf(sampleTree, lookup, "tam-duong-02", "t1-1")).toEqual({ unitId: "tam-duong", goal: 20 });
    expect(allocatedShareOf(sampleTree, lookup, "tam-duong", "t1-1")).toEqual({ unitId: "tam-duong", goal: 20 });
    expect(allocatedShareOf(sampleTree, lookup, "phong-tho-01", "t1-1")).toBeUndefined();
    // The root holds the province's goal, not a share.
    expect(allocatedShareOf(sampleTree, lookup, "tam-duong-01", "t2-1")).toBeUndefined();
  });
});
