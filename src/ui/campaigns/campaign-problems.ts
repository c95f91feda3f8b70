/**
 * A campaign's problems as Vietnamese sentences tied to the form's fields (pure: it answers
 * message keys; the screen turns them into text). The shape comes from the shared zod schema,
 * the rules from `campaignProblems` (their English sentences matched by pattern to a field), and
 * the server's `in-use` sentences are translated by pattern too, so an officer-level admin reads
 * "Chỉ tiêu t6-3 đã có số liệu, không thể xóa" instead of the server's English.
 */
import { type Campaign, campaignProblems, campaign as campaignSchema } from "../../domain/schemas";
import type { MessageKey } from "../../i18n";

/** A sentence to show: its key and parameters. */
export type Msg = { key: MessageKey; params?: Record<string, string | number> };
/** Problems by field path ("targets.0.parts.1.goal"; "" for the campaign as a whole). */
export type FieldProblems = Record<string, Msg>;

type Issue = { path: readonly PropertyKey[]; code?: string; message: string; origin?: string; minimum?: unknown };

/** A zod issue as a sentence for its field. */
function issueMsg(i: Issue, path: string): Msg {
  if (i.message === "date-format" || i.message === "date-invalid") return { key: "cv.err.date" };
  if (i.message === "id-format") return { key: "cv.err.id" };
  if (/goal$/.test(path)) return { key: "cv.err.goal" };
  if (path === "year") return { key: "cv.err.year" };
  if (path.endsWith(".number")) return { key: "cv.err.number" };
  if (i.code === "too_small")
    return path.split(".").length === 1 && /s$/.test(path) ? { key: "cv.err.atLeastOne" } : { key: "cv.err.required" };
  if (i.code === "too_big") return { key: "cv.err.tooLong" };
  return { key: "cv.err.invalid" };
}

/** Where a rule sentence of `campaignProblems` belongs, and what to say there. */
function ruleMsg(c: Campaign, sentence: string): [string, Msg] {
  const phaseAt = (id: string) => c.phases.findIndex((p) => p.id === id);
  const partAt = (id: string): string => {
    for (const [ti, t] of c.targets.entries()) {
      const pi = t.parts.findIndex((p) => p.id === id);
      if (pi >= 0) return `targets.${ti}.parts.${pi}`;
    }
    return "";
  };
  let m = /^duplicate phase id (\S+)$/.exec(sentence);
  if (m?.[1])
    return [
      `phases.${c.phases.map((p) => p.id).lastIndexOf(m[1])}.id`,
      { key: "cv.err.dupPhase", params: { id: m[1] } },
    ];
  m = /^phase (\S+) ends before it starts$/.exec(sentence);
  if (m?.[1]) return [`phases.${phaseAt(m[1])}.end`, { key: "cv.err.phaseOrder" }];
  m = /^phase id (\S+) is reserved$/.exec(sentence);
  if (m?.[1]) return [`phases.${phaseAt(m[1])}.id`, { key: "cv.err.reserved", params: { id: m[1] } }];
  m = /^phases (\S+) and (\S+) overlap$/.exec(sentence);
  if (m?.[1] && m[2]) {
    const other = c.phases[phaseAt(m[1])]?.name ?? m[1];
    return [`phases.${phaseAt(m[2])}.start`, { key: "cv.err.overlap", params: { other } }];
  }
  m = /^duplicate target id (\S+)$/.exec(sentence);
  if (m?.[1])
    return [
      `targets.${c.targets.map((t) => t.id).lastIndexOf(m[1])}.id`,
      { key: "cv.err.dupTarget", params: { id: m[1] } },
    ];
  m = /^duplicate part id (\S+)$/.exec(sentence);
  if (m?.[1]) {
    const id = m[1];
    let last = "";
    for (const [ti, t] of c.targets.entries()) {
      for (const [pi, p] of t.parts.entries()) if (p.id === id) last = `targets.${ti}.parts.${pi}`;
    }
    return [`${last}.id`, { key: "cv.err.dupPart", params: { id } }];
  }
  m = /^(?:count|distinct) part (\S+) needs a goal$/.exec(sentence);
  if (m?.[1]) return [`${partAt(m[1])}.goal`, { key: "cv.err.goal" }];
  m = /^(percent|open) part (\S+) must have goal/.exec(sentence);
  if (m?.[1] && m[2])
    return [`${partAt(m[2])}.goal`, { key: m[1] === "percent" ? "cv.err.goalPercent" : "cv.err.goalOpen" }];
  m = /^milestone (\S+) names unknown phase (\S+)$/.exec(sentence);
  if (m?.[1] && m[2]) {
    const i = c.milestones.findIndex((x) => x.date === m?.[1] && x.phaseId === m?.[2]);
    return [`milestones.${i}.phaseId`, { key: "cv.err.milestonePhase", params: { id: m[2] } }];
  }
  return ["", { key: "cv.err.server", params: { text: sentence } }];
}

/** Every problem of a draft, by field (empty when it may be saved). */
export function draftProblems(draft: Campaign): FieldProblems {
  const out: FieldProblems = {};
  const parsed = campaignSchema.safeParse(draft);
  if (!parsed.success) {
    for (const i of parsed.error.issues as Issue[]) {
      const path = i.path.map(String).join(".");
      // The rules' refinement reports its first sentence at the root; all of them are read below.
      if (path === "" && i.code === "custom") continue;
      out[path] ??= issueMsg(i, path);
    }
  }
  // The rules need a well-shaped campaign; they read ids, dates and goals only.
  for (const sentence of campaignProblems(draft)) {
    const [path, msg] = ruleMsg(draft, sentence);
    out[path] ??= msg;
  }
  return out;
}

/** The server's 400 answer (first problem, and its path) as a field and a sentence. */
export function invalidAnswer(draft: Campaign, path: string | undefined, message: string): [string, Msg] {
  const sentence = message.replace(/^[^:]*: /, "");
  const [rulePath, msg] = ruleMsg(draft, sentence);
  if (rulePath !== "") return [rulePath, msg];
  return [path ?? "", { key: "cv.err.server", params: { text: message } }];
}

const KIND_KEYS: Record<string, MessageKey> = {
  count: "cv.kind.count",
  distinct: "cv.kind.distinct",
  percent: "cv.kind.percent",
  open: "cv.kind.open",
};

/** A server `in-use` sentence in Vietnamese words (unit ids named by `unitName`). */
export function inUseMsg(
  sentence: string,
  unitName: (id: string) => string = (id) => id,
  kindWord: (key: MessageKey) => string = (key) => key,
): Msg {
  const kindName = (kind: string) => (KIND_KEYS[kind] ? kindWord(KIND_KEYS[kind] as MessageKey) : kind);
  let m = /^part (\S+) has entries and cannot be removed$/.exec(sentence);
  if (m?.[1]) return { key: "cv.inUse.partRemoved", params: { id: m[1] } };
  m = /^part (\S+) has entries: it cannot change from (\S+) to (\S+)$/.exec(sentence);
  if (m?.[1] && m[2] && m[3]) {
    return { key: "cv.inUse.partKind", params: { id: m[1], from: kindName(m[2]), to: kindName(m[3]) } };
  }
  m = /^part (\S+) has entries at unit (\S+), which its eligibility would exclude$/.exec(sentence);
  if (m?.[1] && m[2]) return { key: "cv.inUse.partEligible", params: { id: m[1], unit: unitName(m[2]) } };
  m = /^phase (\S+) has entries: its id and dates cannot change$/.exec(sentence);
  if (m?.[1]) return { key: "cv.inUse.phase", params: { id: m[1] } };
  m = /^unit (\S+) is used by entries or users and cannot be removed/.exec(sentence);
  if (m?.[1]) return { key: "un.inUse.unit", params: { unit: unitName(m[1]) } };
  m = /^unit (\S+) is closed but its unit (\S+) is not$/.exec(sentence);
  if (m?.[1] && m[2]) return { key: "un.err.closeChildren", params: { unit: unitName(m[1]), child: unitName(m[2]) } };
  m = /^unit (\S+) has unknown parent (\S+)$/.exec(sentence);
  if (m?.[1] && m[2]) return { key: "un.err.unknownParent", params: { unit: unitName(m[1]), parent: m[2] } };
  m = /^duplicate unit id (\S+)$/.exec(sentence);
  if (m?.[1]) return { key: "un.err.duplicate", params: { id: m[1] } };
  m = /^expected one root unit, found (\d+)$/.exec(sentence);
  if (m?.[1]) return { key: "un.err.roots", params: { n: Number(m[1]) } };
  m = /^unit (\S+) is in a cycle$/.exec(sentence);
  if (m?.[1]) return { key: "un.err.cycle", params: { unit: unitName(m[1]) } };
  return { key: "cv.err.server", params: { text: sentence } };
}

/** The Vietnamese name of a part kind key (the words the form uses). */
export function kindKey(kind: string): MessageKey {
  return KIND_KEYS[kind] ?? "cv.kind.count";
}
