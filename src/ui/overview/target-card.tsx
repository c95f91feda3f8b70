/** One target of the campaign with the progress of each of its parts. */
import type { PartTotal, Target } from "../../domain/schemas";
import { PartProgress } from "./part-progress";

type Props = { target: Target; synced: Map<string, PartTotal>; all: Map<string, PartTotal> };

/** A card: the target's number and wording, then its parts. */
export function TargetCard({ target, synced, all }: Props) {
  const many = target.parts.length > 1;
  return (
    <li class={many ? "card target" : "card target target-single"}>
      <h3 class="target-title">
        <span class="target-number">{target.number}</span>
        <span>{target.title}</span>
      </h3>
      <ul class="parts">
        {target.parts.map((p, i) => {
          const s = synced.get(p.id);
          const a = all.get(p.id);
          if (!s || !a) return null;
          const label = many ? `${target.number}.${i + 1} ${p.title}` : p.title;
          // A target with one part: its wording already says it all; the part title would repeat it.
          return <PartProgress key={p.id} label={label} showLabel={many} part={p} synced={s} all={a} />;
        })}
      </ul>
    </li>
  );
}
