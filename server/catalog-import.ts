/**
 * Replacing a campaign or the unit file (admin API, admin CLI, first start): parsed with the
 * shared zod schemas, checked with the domain's problem finders, checked against what the ledger
 * and the users already refer to, then written in one transaction: all or nothing.
 *
 * A replacement is refused as `in-use` (409) when it would change what stored entries count: a
 * part or phase they use removed, a phase's dates moved, a used part's kind changed between a sum
 * and a count of units, a used part's eligibility no longer admitting a unit that holds entries
 * for it, or a unit that entries, users, reports or allocations name removed from the tree.
 * Closing a unit or a campaign keeps its history and is always allowed.
 */
import { issuePath } from "../src/domain/api";
import { isEligible } from "../src/domain/eligibility";
import { type Campaign, campaign as campaignSchema, type Part, type UnitFile, unitFile } from "../src/domain/schemas";
import { countsUnits } from "../src/domain/totals";
import { UnitTree, unitTreeProblems } from "../src/domain/units";
import type { Store, StoredUnits } from "./store/store";

/** An import refused, with every problem found: `invalid` input (with the first path) or `in-use`. */
export class ImportError extends Error {
  constructor(
    readonly problems: string[],
    readonly kind: "invalid" | "in-use" = "invalid",
    readonly path?: string,
  ) {
    super(problems.join("; "));
  }
}

type Issue = { path: readonly PropertyKey[]; code?: string; keys?: readonly string[]; message: string };

function invalid(issues: readonly Issue[]): ImportError {
  const problems = issues.map((i) => `${issuePath(i) || "(root)"}: ${i.message}`);
  const first = issues[0];
  return new ImportError(problems, "invalid", first ? issuePath(first) : undefined);
}

/** Validate a campaign without storing it. */
export function parseCampaign(input: unknown): Campaign {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

/** Why replacing `before` by `after` would change what stored entries count (empty: it would not). */
export async function campaignInUse(
  store: Store,
  before: Campaign,
  after: Campaign,
  tree: UnitTree,
): Promise<string[]> {
  const usage = await store.catalog.campaignUsage(before.id);
  const problems: string[] = [];
  const parts = new Map<string, Part>(after.targets.flatMap((t) => t.parts.map((p) => [p.id, p] as const)));
  const partsBefore = new Map<string, Part>(before.targets.flatMap((t) => t.parts.map((p) => [p.id, p] as const)));
  // Judged with closed units open: closing a unit is not a change of the part's rule.
  const open = new UnitTree(tree.flatten().map(({ unit }) => ({ ...unit, closed: false })));
  for (const id of usage.partIds) {
    const next = parts.get(id);
    const prev = partsBefore.get(id);
    if (!next) {
      problems.push(`part ${id} has entries and cannot be removed`);
      continue;
    }
    if (prev && countsUnits(prev) !== countsUnits(next)) {
      problems.push(`part ${id} has entries: it cannot change from ${prev.kind} to ${next.kind}`);
    }
    for (const unitId of usage.unitsByPart.get(id) ?? []) {
      if (open.get(unitId) && !isEligible(next, unitId, open)) {
        problems.push(`part ${id} has entries at unit ${unitId}, which its eligibility would exclude`);
      }
    }
  }
  for (const id of usage.phaseIds) {
    const was = before.phases.find((p) => p.id === id);
    const now = after.phases.find((p) => p.id === id);
    if (!now || was?.start !== now.start || was?.end !== now.end) {
      problems.push(`phase ${id} has entries: its id and dates cannot change`);
    }
  }
  return problems;
}

/** Validate and store a campaign (new, or a replacement that keeps what entries count); says which. */
export async function importCampaign(store: Store, input: unknown): Promise<{ campaign: Campaign; created: boolean }> {
  const c = parseCampaign(input);
  const existing = (await store.catalog.campaigns()).find((x) => x.id === c.id);
  if (existing) {
    const problems = await campaignInUse(store, existing, c, new UnitTree((await store.catalog.units()).units));
    if (problems.length > 0) throw new ImportError(problems, "in-use");
  }
  await store.catalog.saveCampaign(c);
  return { campaign: c, created: !existing };
}

/** Validate and store a unit file, replacing the tree; units in use by entries or users must stay. */
export async function importUnits(store: Store, input: unknown): Promise<UnitFile> {
  const parsed = unitFile.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const file = parsed.data;
  const problems = unitTreeProblems(file.units);
  if (problems.length > 0) throw new ImportError(problems, "invalid", "units");
  const ids = new Set(file.units.map((u) => u.id));
  const missing: string[] = [];
  for (const id of await store.catalog.unitIdsInUse()) {
    if (!ids.has(id)) missing.push(`unit ${id} is used by entries or users and cannot be removed (close it instead)`);
  }
  if (missing.length > 0) throw new ImportError(missing, "in-use");
  const stored: StoredUnits = { sample: file.sample, units: file.units };
  if (file.description !== undefined) stored.description = file.description;
  await store.catalog.replaceUnits(stored);
  return file;
}
