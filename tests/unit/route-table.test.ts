/** The route table (src/ui/app.tsx): one row per screen; the bottom bar and the role guards read it. */
import { describe, expect, it } from "vitest";
import type { UserProfile } from "../../src/domain/schemas";
import { navItems, ROUTES, routeFor } from "../../src/ui/app";
import { parseHash } from "../../src/ui/router";

const user = (role: UserProfile["role"]): UserProfile => ({ id: role, name: role, role, unitIds: ["lct"] });

describe("route table", () => {
  it("gives each role its bottom bar, in the table's order", () => {
    expect(navItems(user("officer")).map((i) => i.path)).toEqual(["", "entry", "ledger", "settings"]);
    expect(navItems(user("supervisor")).map((i) => i.path)).toEqual(["", "dashboard", "entry", "ledger", "settings"]);
    expect(navItems(user("admin")).map((i) => i.path)).toEqual([
      "",
      "dashboard",
      "entry",
      "ledger",
      "settings",
      "users",
    ]);
  });

  it("has one row per path, and a sentence for everyone a row refuses", () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const r of ROUTES) if (r.roles) expect(r.forbidden, r.path).toBeDefined();
  });

  it("finds a route's row from the hash, and none for an unknown path", () => {
    expect(routeFor(parseHash("#/ledger/abc"))?.path).toBe("ledger");
    expect(routeFor(parseHash("#/dashboard?unit=x"))?.wide).toBe(true);
    expect(routeFor(parseHash("#/"))?.path).toBe("");
    expect(routeFor(parseHash("#/nowhere"))).toBeUndefined();
  });
});
