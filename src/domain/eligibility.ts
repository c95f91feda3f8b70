/**
 * Which units may record a part (DESIGN §6, §7): a part may name the sectors and levels it is
 * for ("Hội nghị người lao động tại doanh nghiệp nhà nước" is for state enterprises' grassroots
 * unions). Judged from the current tree, closed units ignored: a closed unit records nothing, and
 * a unit whose children are all closed is grassroots. A unit without a sector is outside every
 * part that lists sectors. Stored entries are never judged again.
 */
import type { Part } from "./schemas";
import type { UnitTree } from "./units";

/** True when the unit exists, is open, and the part's eligibility admits its sector and level. */
export function isEligible(part: Pick<Part, "eligible">, unitId: string, tree: UnitTree): boolean {
  const unit = tree.get(unitId);
  if (!unit || unit.closed === true) return false;
  const rule = part.eligible;
  if (!rule) return true;
  if (rule.sectors && (unit.sector === undefined || !rule.sectors.includes(unit.sector))) return false;
  if (rule.levels) {
    const level = tree.levelOf(unitId);
    if (level === undefined || !rule.levels.includes(level)) return false;
  }
  return true;
}
