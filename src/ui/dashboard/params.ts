/**
 * The dashboard's choices live in the location hash (`#/dashboard?phase=dot-1&unit=tam-duong`), so
 * a drill-down is a navigation the back button undoes, and the print view and a shared link open
 * on the same subtree and phase.
 */
import { phaseOf } from "../../domain/phases";
import type { Campaign } from "../../domain/schemas";
import type { UnitTree } from "../../domain/units";

/** The choices as they appear in the hash. */
export type DashboardParams = { phase?: string; unit?: string; part?: string; chart?: string };

/** Read the choices from a route's parameters. */
export function readParams(p: URLSearchParams): DashboardParams {
  const out: DashboardParams = {};
  for (const k of ["phase", "unit", "part", "chart"] as const) {
    const v = p.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** A hash for a screen with the given choices, e.g. "#/print?phase=dot-1&unit=lct". */
export function screenHash(screen: "dashboard" | "print", params: DashboardParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${screen}${s ? `?${s}` : ""}`;
}

/** What the screen shows once the choices are checked against the campaign and the user's scope. */
export type Resolved = {
  /** A phase id, or undefined for the whole year. */
  phaseId: string | undefined;
  /** The subtree shown, or undefined for the union of several scope roots. */
  unitId: string | undefined;
  /** The roots the totals run over: [unitId], or the user's top scope roots. */
  roots: string[];
};

/** Check the choices: a phase of the campaign (default today's, else the year), a unit inside the scope (default the top unit). */
export function resolveParams(
  params: DashboardParams,
  campaign: Campaign,
  tree: UnitTree,
  scopeRoots: readonly string[],
  today: string,
): Resolved {
  const phaseId =
    params.phase === "all"
      ? undefined
      : campaign.phases.some((p) => p.id === params.phase)
        ? params.phase
        : phaseOf(campaign, today)?.id;
  const tops = tree.topScopeRoots(scopeRoots);
  const unitId =
    params.unit !== undefined && tree.get(params.unit) && tree.isWithin(params.unit, tops)
      ? params.unit
      : tops.length === 1
        ? tops[0]
        : undefined;
  return { phaseId, unitId, roots: unitId !== undefined ? [unitId] : tops };
}
