/**
 * Report drafts: the sections an officer writes over several days before submitting a report.
 * A draft never leaves the phone (only a submitted report goes through the outbox), so it lives
 * in a small key-value store beside the ledger, one per user, unit and phase; submitting deletes
 * it. Each keystroke pause writes the whole draft: a draft is a few KB.
 */
import { del, get, set } from "idb-keyval";
import type { SectionKey } from "../domain/reports";
import { KvStore } from "./kv-store";

/** What a draft holds: each section's text, and when it was last written. */
export type ReportDraft = { sections: Partial<Record<SectionKey, string>>; savedAt: string };

/** Which report a draft is for. */
export type DraftKey = { ownerId: string; campaignId: string; phaseId: string; unitId: string };

const kv = new KvStore("so-thi-dua-report-drafts", "drafts");

/** Point drafts at another store (demo mode keeps its own). */
export function useDraftStore(name: string): void {
  kv.use(name);
}

const keyOf = (k: DraftKey) => [k.ownerId, k.campaignId, k.phaseId, k.unitId].join("\u0000");

/** The draft of a report, if one was started. */
export function loadDraft(k: DraftKey): Promise<ReportDraft | undefined> {
  return get<ReportDraft>(keyOf(k), kv.store);
}

/** Keep a draft (strict durability is not needed: losing the last pause's keystrokes is the worst case). */
export function saveDraft(k: DraftKey, draft: ReportDraft): Promise<void> {
  return set(keyOf(k), draft, kv.store);
}

/** Forget a draft (after its report is submitted, or when discarded). */
export function deleteDraft(k: DraftKey): Promise<void> {
  return del(keyOf(k), kv.store);
}
