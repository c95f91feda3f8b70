/**
 * The HTTP contract (DESIGN §2, §6, §7) as types, declared once: the server builds these answers
 * and `src/sync/api.ts` reads them. A field added here reaches both sides; a twin typed by hand
 * on either side would drift.
 */
import type { PulledReply } from "./replies";
import type { PulledNomination, PulledNominationReview } from "./reports";
import type { Campaign, PulledEntry, RejectReason, Role, Unit, UserProfile } from "./schemas";
import type { Allocation, PulledPhaseReport, PulledReview } from "./supervision";

/** The answer of `GET /api/v1/sync/pull`. */
export type PullAnswer = {
  campaigns: readonly Campaign[];
  units: Unit[];
  entries: PulledEntry[];
  reviews: PulledReview[];
  phaseReports: PulledPhaseReport[];
  nominations: PulledNomination[];
  nominationReviews: PulledNominationReview[];
  /** Answers to reviews (replies.ts), for the entries in scope. */
  replies: PulledReply[];
  allocations: Allocation[];
  cursor: string;
  hasMore: boolean;
  reset?: true;
  /** The caller as the server knows them now: a phone refreshes its profile (and scope) from it. */
  profile: UserProfile;
  /** True while the unit tree is the shipped sample, not the federation's own list. */
  unitsSample: boolean;
  /** The names of the authors of this page's entries and reports, for the ledger. */
  people: Person[];
};

/** Someone who recorded something the caller may see. */
export type Person = { id: string; name: string };

/** A user as the admin API shows it (DESIGN §2). */
export type AdminUser = {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitIds: string[];
  disabled: boolean;
};

/** Why a review, reply, phase report, nomination or nomination decision was rejected: push's reasons and their own. */
export type RecordReason = RejectReason | "unknown-entry" | "unknown-phase" | "unknown-nomination" | "campaign-closed";

/** The answer for one record of a batch (entries, reviews, replies, phase reports, nominations): stored, duplicate or rejected. */
export type RecordResult = {
  id: string;
  status: "stored" | "duplicate" | "rejected";
  reason?: RecordReason;
  path?: string;
};

/** Every `error.code` the server answers with (`{error: {code, message, path?}}`). */
export const errorCodes = [
  "invalid",
  "unauthenticated",
  "invalid-credentials",
  "disabled",
  "forbidden",
  "cross-origin",
  "client-owned",
  "not-found",
  "too-large",
  "unsupported-media-type",
  "throttled",
  "username-taken",
  "in-use",
  "unknown-campaign",
  "unknown-phase",
  "unknown-part",
  "unknown-unit",
  "not-count-part",
  "not-json",
  "not-handover",
  "bad-checksum",
  "internal",
  "busy",
  "store-unavailable",
  "aborted",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The dotted path of a zod issue, naming an unknown field itself. */
export function issuePath(issue: { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }): string {
  const parts = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys?.[0] !== undefined) parts.push(issue.keys[0]);
  return parts.join(".");
}

/** The `id` a client sent, echoed in its result even when the record is malformed. */
export function rawIdOf(raw: unknown): string {
  if (typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string") return raw.id;
  return "";
}
