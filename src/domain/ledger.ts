/**
 * The ledger rules (DESIGN §1). Entries are immutable; a correction is a new entry that names
 * the entry it corrects (`correctsId`) and carries the difference. Every entry belongs to a
 * chain whose root is an ordinary entry; the chain's net is the sum of its quantities and never
 * goes below zero. Because the ledger only grows, two devices never conflict and totals are
 * sums. The server and the app check a new entry with the same function, `checkEntryRules`.
 */
import { isEligible } from "./eligibility";
import { isClosed, phaseOf } from "./phases";
import type { Campaign, Entry, Part, RejectReason } from "./schemas";
import type { UnitTree } from "./units";

/** What the rules need to know about an entry already in the ledger. */
export type KnownEntry = Pick<Entry, "campaignId" | "partId" | "unitId" | "date"> & { rootId: string };

/** Read access to the ledger the new entry would join. */
export interface LedgerView {
  campaign(id: string): Campaign | undefined;
  /** The current unit tree (closed units included: they exist, but take no new entries). */
  tree: UnitTree;
  entry(id: string): KnownEntry | undefined;
  /** Sum of the quantities of every entry in the chain rooted at `rootId`. */
  chainNet(rootId: string): number;
}

export type RuleOutcome =
  | { ok: true; phaseId: string; rootId: string; part: Part }
  | { ok: false; reason: RejectReason };

/** Find a part of a campaign by id. */
export function findPart(campaign: Campaign, partId: string): Part | undefined {
  for (const t of campaign.targets) for (const p of t.parts) if (p.id === partId) return p;
  return undefined;
}

/**
 * Check a shape-valid entry against the ledger rules, in the order of DESIGN §7. On success it
 * returns the entry's phase and chain root, which the caller stores beside it. A closed campaign
 * takes nothing, corrections included (closed = frozen); a correction is never refused for its
 * unit's eligibility, so a void always goes through while the campaign is open.
 */
export function checkEntryRules(e: Entry, view: LedgerView): RuleOutcome {
  const campaign = view.campaign(e.campaignId);
  if (!campaign) return { ok: false, reason: "unknown-campaign" };
  if (isClosed(campaign)) return { ok: false, reason: "campaign-closed" };
  const part = findPart(campaign, e.partId);
  if (!part) return { ok: false, reason: "unknown-part" };
  if (view.tree.get(e.unitId) === undefined) return { ok: false, reason: "unknown-unit" };
  if (e.correctsId === undefined && !isEligible(part, e.unitId, view.tree)) {
    return { ok: false, reason: "ineligible-unit" };
  }
  const phase = phaseOf(campaign, e.date);
  if (!phase) return { ok: false, reason: "outside-phases" };
  if (e.quantity < 0 && e.correctsId === undefined) return { ok: false, reason: "negative-quantity" };
  if (e.correctsId === undefined) return { ok: true, phaseId: phase.id, rootId: e.id, part };
  const corrected = view.entry(e.correctsId);
  if (!corrected) return { ok: false, reason: "unknown-corrected-entry" };
  if (
    corrected.campaignId !== e.campaignId ||
    corrected.partId !== e.partId ||
    corrected.unitId !== e.unitId ||
    corrected.date !== e.date
  ) {
    return { ok: false, reason: "correction-mismatch" };
  }
  if (view.chainNet(corrected.rootId) + e.quantity < 0) return { ok: false, reason: "negative-net" };
  return { ok: true, phaseId: phase.id, rootId: corrected.rootId, part };
}

/** The fields a client sends, with `createdAt` normalised to UTC: two entries with the same id are a retry when these match. */
export function contentKey(e: Entry): string {
  return JSON.stringify([
    e.id.toLowerCase(),
    e.campaignId,
    e.partId,
    e.unitId,
    e.date,
    e.quantity,
    e.note ?? null,
    e.correctsId?.toLowerCase() ?? null,
    new Date(e.createdAt).toISOString(),
  ]);
}

/** True when two entries with the same id carry the same content (a retry, not a conflict). */
export function sameContent(a: Entry, b: Entry): boolean {
  return contentKey(a) === contentKey(b);
}

/**
 * Net quantity of every chain in a list of entries: root id → net. Entries whose corrected
 * entry is missing from the list are ignored (they cannot be placed in a chain).
 */
export function chainNets(entries: readonly Entry[]): Map<string, number> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rootOf = (e: Entry): string | undefined => {
    let cur: Entry | undefined = e;
    const seen = new Set<string>();
    while (cur?.correctsId !== undefined) {
      if (seen.has(cur.id)) return undefined;
      seen.add(cur.id);
      cur = byId.get(cur.correctsId);
    }
    return cur?.id;
  };
  const nets = new Map<string, number>();
  for (const e of entries) {
    const root = rootOf(e);
    if (root !== undefined) nets.set(root, (nets.get(root) ?? 0) + e.quantity);
  }
  return nets;
}
