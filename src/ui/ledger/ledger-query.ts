/**
 * What the ledger list shows: one item per entry (an original with its chain's current value,
 * or a correction the server refused), newest recorded first — the time recorded is the date
 * the row leads with, so the order and the label agree. Corrections live in the entry's history.
 */

import { readChainNets } from "../../db/chain-nets";
import type { LocalEntry } from "../../db/database";
import { type LedgerFilter, ledgerMatcher, ledgerRowId, listEntries } from "../../db/entries";
import { chainsWithUnsentCorrections, getEntries, reviewStates } from "../../db/ui-queries";
import type { ReviewState } from "../../domain/supervision";

/** Which entries by their review: all, those returned "Cần bổ sung", not reviewed yet, or approved. */
export type ReviewFilter = "all" | "has-issues" | "unreviewed" | "approved";

/** One row of the ledger. */
export type LedgerItem = {
  entry: LocalEntry;
  /** What the entry's chain counts now, corrections on this phone included (absent for a refused entry). */
  net: number | undefined;
  /** A correction of this entry waits to be sent. */
  fixPending: boolean;
  /** The latest review of the entry (or of a correction in its chain, when filtered by review). */
  review: ReviewState | undefined;
};

/**
 * The list below the entries that stand on top (awaiting an answer): every row but theirs. A row
 * is matched by the ledger row it stands for, not by its chain: a correction the server refused
 * heads a row of its own and stays listed while its original's row waits on top.
 */
export function belowOnTop(items: readonly LedgerItem[], onTop: readonly LedgerItem[]): LedgerItem[] {
  const shownAbove = new Set(onTop.map((item) => ledgerRowId(item.entry)));
  return items.filter((item) => !shownAbove.has(ledgerRowId(item.entry)));
}

/** Newest recorded first: the order of the list, and of its label. */
export const newestRecordedFirst = (a: LocalEntry, b: LocalEntry) => b.createdAt.localeCompare(a.createdAt);

/**
 * The rows for a filter and a review filter, at most `f.limit`. An entry returned for more, or
 * approved, is found from the reviews (few) rather than by scanning the ledger; a reviewed
 * correction is shown by its original's row.
 */
export async function ledgerItems(f: LedgerFilter, review: ReviewFilter): Promise<LedgerItem[]> {
  const heads: LedgerFilter = { ...f, headsOnly: true };
  let entries: LocalEntry[];
  let states: Map<string, ReviewState>;
  if (review === "all") {
    entries = await listEntries(heads);
    states = await reviewStates(entries.map((e) => e.id));
  } else if (review === "unreviewed") {
    const all = await reviewStates();
    entries = await listEntries({ ...heads, only: (e) => !all.has(e.id) && e.syncState !== "rejected" });
    states = new Map();
  } else {
    const reviewed = await getEntries([...(await reviewStates())].flatMap(([id, s]) => (s === review ? [id] : [])));
    states = new Map(reviewed.map((e) => [ledgerRowId(e), review]));
    entries = (await getEntries([...states.keys()]))
      .filter(ledgerMatcher(heads))
      .sort(newestRecordedFirst)
      .slice(0, f.limit ?? 100);
  }
  return asLedgerItems(entries, (e) => states.get(e.id));
}

/** Entries as ledger rows: each with its chain's net (none for a refused entry), whether a correction of it waits, its review. */
export async function asLedgerItems(
  entries: readonly LocalEntry[],
  reviewOf: (e: LocalEntry) => ReviewState | undefined,
): Promise<LedgerItem[]> {
  const roots = entries.map((e) => e.rootId);
  const [nets, fixPending] = await Promise.all([readChainNets(roots), chainsWithUnsentCorrections(roots)]);
  return entries.map((entry) => ({
    entry,
    net: entry.syncState === "rejected" ? undefined : nets.get(entry.rootId),
    fixPending: fixPending.has(entry.rootId),
    review: reviewOf(entry),
  }));
}
