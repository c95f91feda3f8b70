/**
 * The demo ledger: a realistic, deterministic year of the 2023 campaign for showing the app at
 * a meeting with no network. Every district gets a pace of its own (some ahead, some behind),
 * entries spread over both phases on the parts that fit each union's sector, with corrections
 * and voids, supervisors' reviews, phase reports and the province's allocations. The same seed
 * always gives the same ledger, so a presenter can rehearse.
 */
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

/** Which unions record a part: by the sector its wording names, or the upper-level unions themselves. */
function eligible(part: Part, tree: UnitTree, grassroots: Unit[], uppers: Unit[]): Unit[] {
  const t = part.title.toLowerCase();
  if (part.id.startsWith("t4-") || part.id === "t1-2" || /cấp trên/.test(t)) return uppers;
  if (/ngoài (khu vực )?nhà nước/.test(t)) return grassroots.filter((u) => u.sector === "non-state-enterprise");
  if (/doanh nghiệp nhà nước/.test(t)) return grassroots.filter((u) => u.sector === "state-enterprise");
  if (/cán bộ, công chức|cơ quan/.test(t)) return grassroots.filter((u) => u.sector === "public");
  return tree.roots.length > 0 ? grassroots : [];
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
  const grassroots = units.filter((u) => u.parentId !== undefined && tree.childrenOf(u.id).length === 0 && u.sector);
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
    const who = eligible(part, tree, grassroots, uppers);
    if (who.length === 0) continue;
    if (part.kind === "percent") {
      for (const u of [...who, ...uppers])
        if (rand() < Math.min(0.97, 0.55 * (pace.get(districtOf(u.id)) ?? 1) + 0.2)) add(u.id, part, 1);
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
    if (part.kind !== "count" || part.goal === null) continue;
    const weights = uppers.map((u) =>
      Math.max(1, eligible(part, tree, grassroots, uppers).filter((x) => districtOf(x.id) === u.id).length),
    );
    const total = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    uppers.forEach((u, i) => {
      const goal = i === uppers.length - 1 ? part.goal! - given : Math.round((part.goal! * (weights[i] ?? 0)) / total);
      given += goal;
      allocations.push({ campaignId: campaign.id, partId: part.id, unitId: u.id, goal: Math.max(0, goal) });
    });
  }
  return { entries, reviews, phaseReports, allocations };
}
