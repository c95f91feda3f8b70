/** The presentation's slides: every part on the first, no empty "0 / 0" rows, pages instead of shrinking. */
import { describe, expect, it } from "vitest";
import type { Totals } from "../../src/domain/schemas";
import { bandOf, buildSlides, paginate } from "../../src/ui/present/slides";
import { campaign2023, sampleTree } from "../support/fixtures";

const totals: Totals = {
  campaignId: "laichau-2023",
  parts: [
    { partId: "t1-1", goal: 134, achieved: 140, percent: 104.5 },
    { partId: "t7-2", goal: 50, achieved: 0, percent: 0 },
  ],
  units: [{ unitId: "tam-duong", parts: [{ partId: "t1-1", achieved: 9 }] }],
};

describe("presentation slides", () => {
  const children = sampleTree.childrenOf("lct");
  const shares = (unitId: string, partId: string) => (unitId === "tam-duong" && partId === "t7-2" ? 4 : 0);
  const slides = buildSlides(campaign2023, totals, children, shares);

  it("shows every part of every target on the first slide", () => {
    const codes = slides[0]?.rows.map((r) => r.code);
    expect(codes).toHaveLength(16);
    expect(codes).toContain("7.2");
    expect(codes).toContain("6.3");
    expect(slides[0]?.rows.find((r) => r.code === "7.2")).toMatchObject({ goal: 50, achieved: 0 });
  });

  it("leaves out a union's parts with no share and no result (no 0 / 0 filler)", () => {
    const td = slides.find((s) => s.kind === "unit" && s.heading.includes("Tam Đường"));
    expect(td?.rows.map((r) => [r.code, r.achieved, r.goal])).toEqual([
      ["1.1", 9, null],
      ["7.2", 0, 4],
    ]);
  });

  it("splits a slide into pages of the rows that fit, in order", () => {
    const pages = paginate(slides.slice(0, 1), 6);
    expect(pages.map((p) => [p.page, p.pages, p.rows.length])).toEqual([
      [1, 3, 6],
      [2, 3, 6],
      [3, 3, 4],
    ]);
    expect(pages.flatMap((p) => p.rows)).toEqual(slides[0]?.rows);
  });

  it("colours by one measure: how far toward the goal (over 100 % reads as reached)", () => {
    expect([0, 10, 49.9, 50, 99.9, 100, 107].map(bandOf)).toEqual(["none", "low", "low", "mid", "mid", "met", "met"]);
    expect(bandOf(null)).toBeUndefined();
  });
});
