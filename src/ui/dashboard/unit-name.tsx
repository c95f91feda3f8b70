/** A unit's name where space is short: the usual abbreviation on screen, the full name for screen readers. */
import { shortUnitName } from "./model";

/** "LĐLĐ huyện Sìn Hồ" shown, "Liên đoàn Lao động huyện Sìn Hồ" read. */
export function UnitName({ name }: { name: string }) {
  const short = shortUnitName(name);
  if (short === name) return <>{name}</>;
  return (
    <>
      <span aria-hidden="true">{short}</span>
      <span class="sr-only">{name}</span>
    </>
  );
}
