import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { DB_NAME, db, LedgerDb, useDatabase } from "../../src/db/database";
import { getSetting, useSettingsStore } from "../../src/db/settings";
import { localTotals } from "../../src/db/totals";
import { countPending } from "../../src/db/unsent";
import { DEMO_DB, DEMO_SEED, fillDemo, useDemoStores } from "../../src/demo/demo-mode";
import { generateDemo } from "../../src/demo/generate";
import { phaseOf } from "../../src/domain/phases";
import { cellsFromEntries, computeTotals } from "../../src/domain/totals";
import { campaign2023, sampleTree, sampleUnits } from "../support/fixtures";

describe("demo mode", () => {
  it("fills its own database with the generated ledger and leaves the real one untouched", async () => {
    const real = new LedgerDb(DB_NAME);
    await real.open();
    useSettingsStore("real-settings");
    useDemoStores();
    const loaded = await fillDemo(db());
    expect(loaded).toBeGreaterThan(500);
    expect(db().name).toBe(DEMO_DB);
    expect(await countPending()).toBe(0);
    expect((await getSetting("profile"))?.id).toBe("demo-presenter");

    const ledger = generateDemo(campaign2023, sampleUnits, DEMO_SEED);
    const expected = computeTotals({
      campaign: campaign2023,
      tree: sampleTree,
      cells: cellsFromEntries(ledger.entries.map((e) => ({ ...e, phaseId: phaseOf(campaign2023, e.date)?.id ?? "" }))),
      scopeRoots: ["lct"],
    });
    const local = await localTotals({ campaign: campaign2023, tree: sampleTree, scopeRoots: ["lct"] });
    expect(local.all.parts).toEqual(expected.parts);
    expect(await fillDemo(db())).toBe(0); // a second start does not load twice

    expect(await real.entries.count()).toBe(0);
    real.close();
    db().close();
    useDatabase(new LedgerDb(`unused-${Math.random()}`));
    await Dexie.delete(DEMO_DB);
  });
});
