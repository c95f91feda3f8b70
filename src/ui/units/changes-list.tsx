/** The changes between two unit lists, grouped (added, renamed, moved, …): the import's preview and the registry's unsaved edits. */
import type { Unit } from "../../domain/schemas";
import { type MessageKey, t } from "../../i18n";
import type { UnitDiff } from "./unit-diff";

type Props = { diff: UnitDiff; nameOf: (id: string | undefined) => string };

/** One group: a heading with its count and a line per unit. */
function Group({ title, items, testId }: { title: string; items: { key: string; text: string }[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul data-testid={testId}>
        {items.map((i) => (
          <li key={i.key}>{i.text}</li>
        ))}
      </ul>
    </>
  );
}

const line = (u: Unit, extra?: string) => ({ key: u.id, text: `${u.name} (${u.id})${extra ? ` – ${extra}` : ""}` });

/** Every non-empty group of the diff. */
export function ChangesList({ diff, nameOf }: Props) {
  const g = (key: MessageKey, n: number) => t(key, { n });
  return (
    <>
      <Group
        title={g("un.added", diff.added.length)}
        testId="added"
        items={diff.added.map((u) => line(u, nameOf(u.parentId)))}
      />
      <Group
        title={g("un.renamed", diff.renamed.length)}
        testId="renamed"
        items={diff.renamed.map((r) => line(r.unit, t("un.renamedFrom", { from: r.from })))}
      />
      <Group
        title={g("un.moved", diff.moved.length)}
        testId="moved"
        items={diff.moved.map((m) =>
          line(m.unit, `${t("un.movedFrom", { from: nameOf(m.from) })} → ${nameOf(m.unit.parentId)}`),
        )}
      />
      <Group
        title={g("un.sectorChanged", diff.sectorChanged.length)}
        testId="sector-changed"
        items={diff.sectorChanged.map((s) =>
          line(s.unit, t(s.unit.sector ? `un.sector.${s.unit.sector}` : "un.sector.none")),
        )}
      />
      <Group title={g("un.closedList", diff.closed.length)} testId="closed" items={diff.closed.map((u) => line(u))} />
      <Group
        title={g("un.reopened", diff.reopened.length)}
        testId="reopened"
        items={diff.reopened.map((u) => line(u))}
      />
      {diff.removed.length > 0 && (
        <>
          <Group
            title={g("un.removed", diff.removed.length)}
            testId="removed"
            items={diff.removed.map((u) => line(u))}
          />
          <p class="hint">{t("un.removedNote")}</p>
        </>
      )}
    </>
  );
}
