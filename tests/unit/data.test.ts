import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Campaign, campaign, type UnitFile, unitFile } from "../../src/domain/schemas";

const campaignText = readFileSync(new URL("../../data/campaign-2023.json", import.meta.url), "utf8");
const unitsText = readFileSync(new URL("../../data/units-sample.json", import.meta.url), "utf8");

function parseCampaign(): Campaign {
  const result = campaign.safeParse(JSON.parse(campaignText));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

function parseUnits(): UnitFile {
  const result = unitFile.safeParse(JSON.parse(unitsText));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

describe("data/campaign-2023.json", () => {
  it("parses with the campaign schema", () => {
    const result = campaign.safeParse(JSON.parse(campaignText));
    expect(result.success).toBe(true);
  });

  it("is campaign 424/PĐTĐ-LĐLĐ of 3 March 2023 with two phases", () => {
    const c = parseCampaign();
    expect(c.id).toBe("laichau-2023");
    expect(c.code).toBe("424/PĐTĐ-LĐLĐ");
    expect(c.year).toBe(2023);
    expect(c.issuedOn).toBe("2023-03-03");
    expect(c.phases.map((p) => [p.id, p.start, p.end])).toEqual([
      ["dot-1", "2023-01-01", "2023-06-30"],
      ["dot-2", "2023-07-01", "2023-12-31"],
    ]);
  });

  it("has 12 targets numbered 1..12 and 16 parts", () => {
    const c = parseCampaign();
    expect(c.targets).toHaveLength(12);
    expect(c.targets.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(c.targets.map((t) => t.id)).toEqual(c.targets.map((t) => `t${t.number}`));
    const parts = c.targets.flatMap((t) => t.parts);
    expect(parts).toHaveLength(16);
    for (const t of c.targets) {
      for (const p of t.parts) expect(p.id.startsWith(`${t.id}-`)).toBe(true);
    }
  });

  it("has 13 count and distinct parts whose goals sum to 1744", () => {
    const counts = parseCampaign()
      .targets.flatMap((t) => t.parts)
      .filter((p) => p.kind === "count" || p.kind === "distinct");
    expect(counts).toHaveLength(13);
    expect(counts.reduce((sum, p) => sum + (p.goal ?? 0), 0)).toBe(1744);
  });

  it("gives percent parts goal 100 and open parts goal null", () => {
    const parts = parseCampaign().targets.flatMap((t) => t.parts);
    const percent = parts.filter((p) => p.kind === "percent");
    const open = parts.filter((p) => p.kind === "open");
    expect(percent.map((p) => p.id)).toEqual(["t10-1", "t12-1"]);
    expect(open.map((p) => p.id)).toEqual(["t11-1"]);
    for (const p of percent) expect(p.goal).toBe(100);
    for (const p of open) expect(p.goal).toBeNull();
  });

  it("has the source document's typos fixed", () => {
    expect(campaignText).not.toContain("vụ tú");
    expect(campaignText).not.toContain("quản chúng");
    expect(campaignText).toContain("ưu tú");
    expect(campaignText).toContain("quần chúng");
  });

  it("has milestones in the phase that contains them, without a typed year count", () => {
    const c = parseCampaign();
    expect(c.milestones).toHaveLength(9);
    for (const m of c.milestones) {
      const containing = c.phases.find((p) => p.start <= m.date && m.date <= p.end);
      expect(m.phaseId).toBe(containing?.id);
      expect(m.since).toBeDefined();
      expect(m.title).not.toMatch(/\d+\s*năm/);
    }
    expect(c.milestones.find((m) => m.date === "2024-01-01")?.phaseId).toBeUndefined();
  });
});

describe("data/units-sample.json", () => {
  it("parses with the unitFile schema and says it is sample data", () => {
    const result = unitFile.safeParse(JSON.parse(unitsText));
    expect(result.success).toBe(true);
    const f = parseUnits();
    expect(f.sample).toBe(true);
    expect(f.description).toBeTruthy();
  });

  it("forms one tree: one root, unique ids, every parent resolves, no cycles", () => {
    const { units } = parseUnits();
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(byId.size).toBe(units.length);
    const roots = units.filter((u) => u.parentId === undefined);
    expect(roots.map((u) => u.id)).toEqual(["lct"]);
    for (const u of units) {
      if (u.parentId !== undefined) expect(byId.has(u.parentId)).toBe(true);
      const seen = new Set<string>();
      let cur: string | undefined = u.id;
      while (cur !== undefined) {
        expect(seen.has(cur)).toBe(false);
        seen.add(cur);
        cur = byId.get(cur)?.parentId;
      }
      expect(seen.has("lct")).toBe(true);
    }
  });

  it("has 11 upper-level unions under the root, each with grassroots unions that have a sector", () => {
    const { units } = parseUnits();
    const upper = units.filter((u) => u.parentId === "lct");
    expect(upper).toHaveLength(11);
    for (const u of upper) expect(u.sector).toBeUndefined();
    const upperIds = new Set(upper.map((u) => u.id));
    const grassroots = units.filter((u) => u.parentId !== undefined && upperIds.has(u.parentId));
    expect(grassroots.length + upper.length + 1).toBe(units.length);
    for (const g of grassroots) expect(g.sector).toBeDefined();
    for (const u of upper) {
      const kids = grassroots.filter((g) => g.parentId === u.id);
      expect(kids.length).toBeGreaterThanOrEqual(4);
      expect(kids.length).toBeLessThanOrEqual(7);
    }
  });

  it("gives every city and district federation at least one non-state enterprise", () => {
    const { units } = parseUnits();
    const federations = units.filter((u) => u.parentId === "lct" && u.name.startsWith("Liên đoàn Lao động"));
    expect(federations).toHaveLength(8);
    for (const f of federations) {
      expect(units.some((u) => u.parentId === f.id && u.sector === "non-state-enterprise")).toBe(true);
    }
  });
});
