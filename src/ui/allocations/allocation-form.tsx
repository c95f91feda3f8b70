/** One split: each child unit's share of the parent's goal for one part, with the sum against that goal. */
import { useState } from "preact/hooks";
import type { Part, Unit } from "../../domain/schemas";
import type { Allocation } from "../../domain/supervision";
import { fmtNum, t } from "../../i18n";
import { saveAllocations } from "./save-allocations";

type Props = {
  campaignId: string;
  part: Part;
  parent: Unit;
  /** The parent's own goal (the campaign's at the root, else its allocation), or undefined when not set. */
  parentGoal: number | undefined;
  children: Unit[];
  /** The children's current shares. */
  current: Map<string, number>;
};

const WHOLE = /^\d{1,10}$/;

/** Number inputs per child, the running sum, and "Lưu phân bổ". */
export function AllocationForm({ campaignId, part, parent, parentGoal, children, current }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(children.map((c) => [c.id, current.has(c.id) ? String(current.get(c.id)) : ""])),
  );
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const bad = children.filter((c) => (values[c.id] ?? "").trim() !== "" && !WHOLE.test((values[c.id] ?? "").trim()));
  const sum = children.reduce((s, c) => s + (WHOLE.test((values[c.id] ?? "").trim()) ? Number(values[c.id]) : 0), 0);
  const over = parentGoal !== undefined && sum > parentGoal;

  const submit = async () => {
    setDone("");
    if (bad.length > 0) return setError(t("alloc.err.whole"));
    const list: Allocation[] = [];
    for (const c of children) {
      const text = (values[c.id] ?? "").trim();
      const next = text === "" ? null : Number(text);
      const before = current.get(c.id) ?? null;
      if (next !== before) list.push({ campaignId, partId: part.id, unitId: c.id, goal: next });
    }
    if (list.length === 0) return setError(t("alloc.noChange"));
    setBusy(true);
    const err = await saveAllocations(list);
    setBusy(false);
    setError(err);
    if (!err) setDone(t("alloc.saved", { n: list.length }));
  };

  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p class="alloc-goal" data-testid="parent-goal">
        {parentGoal === undefined
          ? t("alloc.parentNoGoal", { unit: parent.name })
          : t("alloc.parentGoal", { unit: parent.name, goal: `${fmtNum(parentGoal)} ${part.unitOfMeasure}` })}
      </p>
      <ul class="plain alloc-list">
        {children.map((c) => {
          const id = `alloc-${c.id}`;
          const invalid = bad.includes(c);
          return (
            <li key={c.id} class="alloc-row">
              <label for={id}>{c.name}</label>
              <input
                id={id}
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                autocomplete="off"
                value={values[c.id] ?? ""}
                aria-invalid={invalid || undefined}
                onInput={(e) => {
                  const v = e.currentTarget.value;
                  setValues((old) => ({ ...old, [c.id]: v }));
                }}
              />
            </li>
          );
        })}
      </ul>
      <p class={over ? "notice notice-warn" : "alloc-sum"} role="status" aria-live="polite" data-testid="alloc-sum">
        {parentGoal === undefined
          ? t("alloc.sumNoGoal", { sum })
          : over
            ? t("alloc.sumOver", { sum, goal: parentGoal, over: sum - parentGoal })
            : t("alloc.sum", { sum, goal: parentGoal, left: parentGoal - sum })}
      </p>
      <p class="hint">{t("alloc.hint")}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <p class="saved" role="status">
        {done}
      </p>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
        {t("alloc.save")}
      </button>
    </form>
  );
}
