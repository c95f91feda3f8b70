/**
 * The demo ledger: a realistic, deterministic year of the 2023 campaign for showing the app at
 * a meeting with no network. Every district gets a pace of its own (some ahead, some behind),
 * entries spread over both phases on the parts that fit each union's sector, with corrections
 * and voids, supervisors' reviews, phase reports and the province's allocations. The same seed
 * always gives the same ledger, so a presenter can rehearse.
 */

import { isEligible } from "../domain/eligibility";
import { newEntryId } from "../domain/ids";
import type { Campaign, Part, PulledEntry, Unit } from "../domain/schemas";
import type { Allocation, PulledPhaseReport, PulledReview } from "../domain/supervision";
import { UnitTree } from "../domain/units";

export type DemoLedger = {
  entries: PulledEntry[];
  reviews: PulledReview[];
  phaseReports: PulledPhaseReport[];
  allocations: Allocation[];
};

/** mulberry32: a tiny seeded generator, good enough to make data look varied. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Which unions record a part, by the part's own eligibility (the rule the server applies). A part
 * open to everyone is recorded by the grassroots unions (where members and initiatives are), and a
 * percent part by every union it counts.
 */
function recorders(part: Part, tree: UnitTree, units: readonly Unit[]): Unit[] {
  const open = units.filter((u) => isEligible(part, u.id, tree));
  if (part.eligible || part.kind === "percent") return open;
  return open.filter((u) => tree.levelOf(u.id) === "grassroots");
}

/**
 * Split a goal among the upper-level unions in proportion to their weights (largest remainders,
 * so the shares add up without dumping the leftover on the last one), never giving a union more
 * than its cap (a distinct part cannot count more units than the district has).
 */
function splitGoal(goal: number, weights: readonly number[], caps: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (goal * w) / total);
  const shares = exact.map((x, i) => Math.min(Math.floor(x), caps[i] ?? Infinity));
  let left = goal - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  while (left > 0 && order.some(({ i }) => (shares[i] ?? 0) < (caps[i] ?? Infinity))) {
    for (const { i } of order) {
      if (left === 0) break;
      if ((shares[i] ?? 0) >= (caps[i] ?? Infinity)) continue;
      shares[i] = (shares[i] ?? 0) + 1;
      left--;
    }
  }
  return shares;
}

const COMMENTS = [
  "Đề nghị bổ sung biên bản hội nghị.",
  "Số liệu chưa khớp với báo cáo tháng, kiểm tra lại.",
  "Thiếu danh sách đoàn viên kèm theo.",
];

/** Generate the demo ledger for a campaign and unit tree. */
export function generateDemo(campaign: Campaign, units: Unit[], seed = 2023): DemoLedger {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const tree = new UnitTree(units);
  const root = tree.roots[0];
  const uppers = root ? tree.childrenOf(root.id) : [];
  // A district's pace: most near the goal, two clearly behind, one well ahead.
  const pace = new Map(
    uppers.map((u, i) => [u.id, i % 5 === 3 ? 0.35 + rand() * 0.2 : i === 1 ? 1.25 : 0.75 + rand() * 0.35]),
  );
  const districtOf = (id: string) => tree.pathToRoot(id).at(-2)?.id ?? id;
  const [phase1, phase2] = campaign.phases;

  const entries: PulledEntry[] = [];
  const reviews: PulledReview[] = [];
  let clock = Date.parse(`${campaign.phases[0]?.start ?? "2023-01-01"}T01:00:00Z`);
  const dayIn = (start: string, end: string) => {
    const s = Date.parse(`${start}T00:00:00Z`);
    const span = (Date.parse(`${end}T00:00:00Z`) - s) / 86_400_000;
    return new Date(s + Math.floor(rand() * (span + 1)) * 86_400_000).toISOString().slice(0, 10);
  };
  const add = (unitId: string, part: Part, quantity: number, phase = rand() < 0.55 ? phase1 : phase2) => {
    if (!phase || quantity <= 0) return;
    const date = dayIn(phase.start, phase.end);
    clock += 1000 + Math.floor(rand() * 60_000);
    const createdAt = new Date(Math.max(clock, Date.parse(`${date}T02:00:00Z`))).toISOString();
    const e: PulledEntry = {
      id: newEntryId(Date.parse(createdAt), (b) => b.map(() => Math.floor(rand() * 256))),
      campaignId: campaign.id,
      partId: part.id,
      unitId,
      date,
      quantity,
      createdAt,
      authorId: `demo-${districtOf(unitId)}`,
      receivedAt: createdAt,
    };
    entries.push(e);
    return e;
  };

  for (const part of campaign.targets.flatMap((t) => t.parts)) {
    const who = recorders(part, tree, units);
    if (who.length === 0) continue;
    if (part.kind === "percent") {
      for (const u of who)
        if (rand() < Math.min(0.97, 0.55 * (pace.get(districtOf(u.id)) ?? 1) + 0.2)) add(u.id, part, 1);
      continue;
    }
    if (part.kind === "distinct") {
      // Each unit marks it once; about as many as the goal asks, never more than can exist.
      const want = Math.min(1, (part.goal ?? who.length) / who.length);
      for (const u of who) if (rand() < Math.min(0.95, want * (pace.get(districtOf(u.id)) ?? 1))) add(u.id, part, 1);
      continue;
    }
    const goal = part.goal ?? 40;
    for (const u of who) {
      const share = (goal / who.length) * (pace.get(districtOf(u.id)) ?? 1) * (0.6 + rand() * 0.8);
      let left = Math.round(share + (rand() < share % 1 ? 1 : 0));
      while (left > 0) {
        const q = Math.min(left, 1 + Math.floor(rand() * Math.max(1, left / 2)));
        add(u.id, part, q);
        left -= q;
      }
    }
  }

  // Corrections and voids: officers fix about one entry in twenty.
  for (const e of entries.slice()) {
    if (rand() > 0.05 || e.correctsId) continue;
    const quantity = rand() < 0.2 ? -e.quantity : rand() < 0.6 ? -Math.min(e.quantity, 1) : 1;
    clock += 5000;
    const createdAt = new Date(Math.max(clock, Date.parse(e.createdAt) + 3_600_000)).toISOString();
    entries.push({
      ...e,
      id: newEntryId(Date.parse(createdAt), (b) => b.map(() => Math.floor(rand() * 256))),
      quantity,
      correctsId: e.id,
      note: quantity < 0 ? "Sửa số liệu nhập nhầm" : "Bổ sung số liệu",
      createdAt,
      receivedAt: createdAt,
    });
  }
  entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  // Reviews by the province's supervisor: most approved, a few returned with a comment.
  for (const e of entries) {
    const r = rand();
    if (r > 0.3) continue;
    const state = r < 0.02 ? "has-issues" : "approved";
    const createdAt = new Date(Date.parse(e.createdAt) + 86_400_000 * (1 + Math.floor(rand() * 10))).toISOString();
    const review: PulledReview = {
      id: newEntryId(Date.parse(createdAt), (b) => b.map(() => Math.floor(rand() * 256))),
      entryId: e.id,
      state,
      createdAt,
      reviewerId: "demo-supervisor",
      reviewerName: "Nguyễn Thị Thu (LĐLĐ tỉnh)",
      receivedAt: createdAt,
    };
    if (state === "has-issues") review.comment = pick(COMMENTS);
    reviews.push(review);
  }

  const phaseReports: PulledPhaseReport[] = [];
  for (const [i, phase] of campaign.phases.entries()) {
    for (const u of units) {
      if (u.parentId === undefined) continue;
      const p = pace.get(districtOf(u.id)) ?? 1;
      if (rand() > (i === 0 ? 0.55 + 0.35 * p : 0.3 + 0.4 * p)) continue;
      const createdAt = `${phase.end}T09:00:00.000Z`;
      phaseReports.push({
        id: newEntryId(Date.parse(createdAt), (b) => b.map(() => Math.floor(rand() * 256))),
        campaignId: campaign.id,
        phaseId: phase.id,
        unitId: u.id,
        createdAt,
        authorId: `demo-${districtOf(u.id)}`,
        receivedAt: createdAt,
      });
    }
  }

  // The province splits each count goal among its upper-level unions by their size.
  const allocations: Allocation[] = [];
  for (const part of campaign.targets.flatMap((t) => t.parts)) {
    if ((part.kind !== "count" && part.kind !== "distinct") || part.goal === null) continue;
    const who = recorders(part, tree, units);
    const inDistrict = uppers.map((u) => who.filter((x) => districtOf(x.id) === u.id).length);
    const weights = inDistrict.map((n) => (part.kind === "distinct" ? n : Math.max(1, n)));
    const caps = part.kind === "distinct" ? inDistrict : uppers.map(() => Infinity);
    splitGoal(part.goal, weights, caps).forEach((goal, i) => {
      const unit = uppers[i];
      if (unit && goal > 0) allocations.push({ campaignId: campaign.id, partId: part.id, unitId: unit.id, goal });
    });
  }
  return { entries, reviews, phaseReports, allocations };
}
