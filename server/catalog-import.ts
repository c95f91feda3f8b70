/**
 * Importing a campaign or a unit file (admin CLI, first start): parsed with the shared zod
 * schemas, checked with the domain's problem finders, checked against what the ledger and the
 * users already refer to, then written in one transaction: all or nothing.
 */

import { issuePath } from "../src/domain/api";
import { type Campaign, campaign as campaignSchema, type UnitFile, unitFile } from "../src/domain/schemas";
import { unitTreeProblems } from "../src/domain/units";
import type { Store } from "./store/store";

/** An import refused, with every problem found. */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
  }
}

type Issue = { path: readonly PropertyKey[]; code?: string; keys?: readonly string[]; message: string };

function describe(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${issuePath(i) || "(root)"}: ${i.message}`);
}

/** Validate and store a campaign (new, or a replacement that keeps every part and phase entries use). */
export async function importCampaign(store: Store, input: unknown): Promise<Campaign> {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) throw new ImportError(describe(parsed.error.issues));
  const c = parsed.data;
  const existing = (await store.campaigns()).find((x) => x.id === c.id);
  if (existing) {
    const usage = await store.campaignUsage(c.id);
    const problems: string[] = [];
    const partIds = new Set(c.targets.flatMap((t) => t.parts.map((p) => p.id)));
    for (const p of usage.partIds) if (!partIds.has(p)) problems.push(`part ${p} has entries and cannot be removed`);
    for (const id of usage.phaseIds) {
      const before = existing.phases.find((p) => p.id === id);
      const after = c.phases.find((p) => p.id === id);
      if (!after || before?.start !== after.start || before?.end !== after.end) {
        problems.push(`phase ${id} has entries: its id and dates cannot change`);
      }
    }
    if (problems.length > 0) throw new ImportError(problems);
  }
  await store.saveCampaign(c);
  return c;
}

/** Validate and store a unit file, replacing the tree; units in use by entries or users must stay. */
export async function importUnits(store: Store, input: unknown): Promise<UnitFile> {
  const parsed = unitFile.safeParse(input);
  if (!parsed.success) throw new ImportError(describe(parsed.error.issues));
  const file = parsed.data;
  const problems = unitTreeProblems(file.units);
  const ids = new Set(file.units.map((u) => u.id));
  for (const id of await store.unitIdsInUse()) {
    if (!ids.has(id)) problems.push(`unit ${id} is used by entries or users and cannot be removed`);
  }
  if (problems.length > 0) throw new ImportError(problems);
  const stored: Parameters<Store["replaceUnits"]>[0] = { sample: file.sample, units: file.units };
  if (file.description !== undefined) stored.description = file.description;
  await store.replaceUnits(stored);
  return file;
}
