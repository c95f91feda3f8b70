/**
 * The wire shapes of DESIGN §2, as zod schemas shared by the app, the service worker and the
 * server. `zod/mini` keeps the browser bundle small; the server uses the same schemas.
 *
 * Objects are strict: an unknown field is invalid, so no client can set a server-owned field
 * (author, time received) by sending it.
 */
import * as z from "zod/mini";
import { wellFormed } from "./text";

/** A calendar day, "YYYY-MM-DD", that exists (2023-02-30 is refused). */
export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date-format" }),
  z.refine((s) => isRealDate(s), { error: "date-invalid" }),
);

/** Days in each month of a common year (February gains one in a leap year). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `s` names a day of the proleptic Gregorian calendar, as `Date` reads it. The server
 * checks every pushed entry's date, so the "YYYY-MM-DD" case is done by arithmetic, without a
 * `Date` object; anything else (the regex rejects it anyway) keeps the `Date` round trip.
 */
function isRealDate(s: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const year = Number(s.slice(0, 4));
    const month = Number(s.slice(5, 7));
    const day = Number(s.slice(8, 10));
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
    return days !== undefined && day >= 1 && day <= days;
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** An id chosen by people (campaign, target, part, unit): short, no spaces. */
export const slug = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "id-format" }));

/** A client-made UUID (any version, lower or upper case hex). */
export const uuid = z.string().check(
  z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    error: "uuid-format",
  }),
);

/**
 * How a part is measured (DESIGN §1, §6): `count` sums quantities; `distinct` counts the units
 * whose net is above 0 (an enterprise holding two conferences counts once); `percent` counts
 * units done over the eligible units; `open` sums with no goal.
 */
export const partKind = z.enum(["count", "distinct", "percent", "open"]);
export type PartKind = z.infer<typeof partKind>;

export const sector = z.enum(["public", "state-enterprise", "non-state-enterprise"]);
export type Sector = z.infer<typeof sector>;

/** Where a unit sits in the tree: the root, a unit without (open) children, or one between. */
export const unitLevel = z.enum(["province", "upper", "grassroots"]);
export type UnitLevel = z.infer<typeof unitLevel>;

/** The units that may record a part: every listed sector and level must admit the unit. */
export const eligibility = z.strictObject({
  sectors: z.optional(z.array(sector).check(z.minLength(1))),
  levels: z.optional(z.array(unitLevel).check(z.minLength(1))),
});
export type Eligibility = z.infer<typeof eligibility>;

export const part = z.strictObject({
  id: slug,
  title: z.string().check(z.minLength(1), z.maxLength(500), wellFormed()),
  kind: partKind,
  /** A whole number > 0 for count and distinct parts, 100 for percent parts, null for open ones. */
  goal: z.nullable(z.number().check(z.int(), z.positive())),
  unitOfMeasure: z.string().check(z.minLength(1), z.maxLength(100), wellFormed()),
  eligible: z.optional(eligibility),
  /** The day the part is due within the year (its pace is measured to it), e.g. Workers' Month. */
  dueBy: z.optional(isoDate),
});
export type Part = z.infer<typeof part>;

export const target = z.strictObject({
  id: slug,
  number: z.number().check(z.int(), z.positive()),
  title: z.string().check(z.minLength(1), z.maxLength(1000), wellFormed()),
  parts: z.array(part).check(z.minLength(1)),
});
export type Target = z.infer<typeof target>;

export const phase = z.strictObject({
  id: slug,
  name: z.string().check(z.minLength(1), z.maxLength(100), wellFormed()),
  theme: z.string().check(z.maxLength(1000), wellFormed()),
  start: isoDate,
  end: isoDate,
  /** The last day for the phase's report (sơ kết); default 10 days after `end`. */
  reportDue: z.optional(isoDate),
});
export type Phase = z.infer<typeof phase>;

export const milestone = z.strictObject({
  date: isoDate,
  title: z.string().check(z.minLength(1), z.maxLength(500), wellFormed()),
  phaseId: z.optional(slug),
  /** Extension: the day the anniversary counts from, so "N năm" is computed, not typed. */
  since: z.optional(isoDate),
});
export type Milestone = z.infer<typeof milestone>;

export const campaign = z
  .strictObject({
    id: slug,
    code: z.string().check(z.minLength(1), z.maxLength(100), wellFormed()),
    title: z.string().check(z.minLength(1), z.maxLength(500), wellFormed()),
    year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
    issuedBy: z.string().check(z.minLength(1), z.maxLength(300), wellFormed()),
    issuedOn: isoDate,
    phases: z.array(phase).check(z.minLength(1)),
    milestones: z.array(milestone),
    targets: z.array(target).check(z.minLength(1)),
    /** A closed campaign is an archive: readable everywhere, no new records (absent = active). */
    status: z.optional(z.enum(["active", "closed"])),
    /** Why the campaign is built as it is (e.g. the reasons for each part's kind and eligibility). */
    description: z.optional(z.string().check(z.maxLength(20_000), wellFormed())),
    /** The last day for the year-end report (tổng kết); default 10 days after the last phase. */
    reportDue: z.optional(isoDate),
  })
  .check(
    z.refine((c) => campaignProblems(c).length === 0, {
      error: (iss) => campaignProblems(iss.input as Campaign)[0] ?? "campaign-invalid",
    }),
  );
export type Campaign = z.infer<typeof campaign>;

/** Rules a campaign must keep beyond its shape; each problem is a short English sentence. */
export function campaignProblems(c: Campaign): string[] {
  const problems: string[] = [];
  const phaseIds = new Set<string>();
  for (const p of c.phases) {
    if (phaseIds.has(p.id)) problems.push(`duplicate phase id ${p.id}`);
    phaseIds.add(p.id);
    if (p.start > p.end) problems.push(`phase ${p.id} ends before it starts`);
    if (p.id === "year" || p.id === "all") problems.push(`phase id ${p.id} is reserved`);
  }
  const sorted = [...c.phases].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.start <= prev.end) problems.push(`phases ${prev.id} and ${cur.id} overlap`);
  }
  const partIds = new Set<string>();
  const targetIds = new Set<string>();
  for (const t of c.targets) {
    if (targetIds.has(t.id)) problems.push(`duplicate target id ${t.id}`);
    targetIds.add(t.id);
    for (const p of t.parts) {
      if (partIds.has(p.id)) problems.push(`duplicate part id ${p.id}`);
      partIds.add(p.id);
      if (p.kind === "percent" && p.goal !== 100) problems.push(`percent part ${p.id} must have goal 100`);
      if (p.kind === "open" && p.goal !== null) problems.push(`open part ${p.id} must have goal null`);
      if ((p.kind === "count" || p.kind === "distinct") && p.goal === null) {
        problems.push(`${p.kind} part ${p.id} needs a goal`);
      }
    }
  }
  for (const m of c.milestones) {
    if (m.phaseId !== undefined && !phaseIds.has(m.phaseId)) {
      problems.push(`milestone ${m.date} names unknown phase ${m.phaseId}`);
    }
  }
  return problems;
}

export const unit = z.strictObject({
  id: slug,
  name: z.string().check(z.minLength(1), z.maxLength(300), wellFormed()),
  parentId: z.optional(slug),
  sector: z.optional(sector),
  /** A closed unit keeps its history and its name but takes no new entries and counts in no denominator. */
  closed: z.optional(z.boolean()),
  /** The short name in a document's number line, "Số: …/BC-<shortName>" (e.g. "LĐLĐ"). */
  shortName: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
  /** The place name of the unit's documents ("Tam Đường, ngày …"); else the nearest ancestor's. */
  place: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type Unit = z.infer<typeof unit>;

/** The unit file shipped in data/ (and imported by admins): a tree with exactly one root. */
export const unitFile = z.strictObject({
  format: z.literal("so-thi-dua/units@1"),
  /** True for the shipped sample tree; admins see it marked as such. */
  sample: z.boolean(),
  description: z.optional(z.string().check(wellFormed())),
  units: z.array(unit).check(z.minLength(1)),
});
export type UnitFile = z.infer<typeof unitFile>;

export const NOTE_MAX = 2000;

/** The largest quantity one entry may carry, either way (a correction may be negative). */
export const QUANTITY_MAX = 1_000_000_000;

/** An entry as a client sends it (DESIGN §2). Author and time received are the server's. */
export const entry = z.strictObject({
  id: uuid,
  campaignId: slug,
  partId: slug,
  unitId: slug,
  date: isoDate,
  quantity: z.number().check(z.int(), z.gte(-QUANTITY_MAX), z.lte(QUANTITY_MAX)),
  note: z.optional(z.string().check(z.maxLength(NOTE_MAX), wellFormed())),
  correctsId: z.optional(uuid),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Entry = z.infer<typeof entry>;

/** An entry as pulled from the server: the Entry plus the server's author and receipt time. */
export type PulledEntry = Entry & { authorId: string; receivedAt: string };

export const role = z.enum(["officer", "supervisor", "admin"]);
export type Role = z.infer<typeof role>;

/** The signed-in user's profile, the only part of a session kept on the device. */
export const userProfile = z.strictObject({
  id: z.string(),
  name: z.string(),
  role,
  unitIds: z.array(slug),
});
export type UserProfile = z.infer<typeof userProfile>;

/** Reasons a pushed entry is rejected (DESIGN §2), in the order they are checked. */
export const rejectReasons = [
  "invalid",
  "forbidden",
  "conflict",
  "unknown-campaign",
  "campaign-closed",
  "unknown-part",
  "unknown-unit",
  "ineligible-unit",
  "outside-phases",
  "negative-quantity",
  "unknown-corrected-entry",
  "correction-mismatch",
  "negative-net",
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export type PushResult = {
  id: string;
  status: "stored" | "duplicate" | "rejected";
  reason?: RejectReason;
  path?: string;
};

/** Totals for a subtree (DESIGN §2). */
export type PartTotal = {
  partId: string;
  goal: number | null;
  achieved: number;
  percent: number | null;
  unitsInScope?: number;
};
export type UnitTotals = { unitId: string; parts: { partId: string; achieved: number }[] };
export type Totals = {
  campaignId: string;
  phaseId?: string;
  unitId?: string;
  parts: PartTotal[];
  units: UnitTotals[];
};
