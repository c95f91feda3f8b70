/**
 * The entry form's draft, kept while the app is open: leaving the screen and coming back keeps
 * what was typed, and the update banner knows there is unsaved input (`entryDirty`).
 */
import { signal } from "@preact/signals";
import { entryDirty } from "../state/local";

/** What the form holds; quantity stays text so "1.200" can be read as typed. */
export type Draft = {
  campaignId: string;
  unitId: string | undefined;
  partId: string | undefined;
  date: string;
  quantity: string;
  note: string;
};

/** The current draft (campaignId "" until the form first opens). */
export const draft = signal<Draft>({
  campaignId: "",
  unitId: undefined,
  partId: undefined,
  date: "",
  quantity: "",
  note: "",
});

/** Change some fields of the draft. */
export function updateDraft(patch: Partial<Draft>): void {
  const next = { ...draft.value, ...patch };
  draft.value = next;
  entryDirty.value = next.quantity.trim() !== "" || next.note.trim() !== "";
}
