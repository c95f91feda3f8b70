/**
 * The store writes a push's entries and cell deltas in batches (the SQLite store: multi-row
 * INSERTs that bind the columns a run of rows shares once). Whatever the batching, every row
 * must land with its own values and seq must follow the planner's order: here a write mixes two
 * campaigns, two authors, two clients and two receipt times across more rows than one batch.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import campaign2023 from "../../data/campaign-2023.json";
import type { NewEntry } from "../../server/store/store";
import type { Campaign } from "../../src/domain/schemas";
import { type Cell, cellKey } from "../../src/domain/totals";
import { CAMPAIGN, describeEachStore, startTestServer } from "./helpers";

const OTHER = "laichau-2023-copy";

describeEachStore("ledger writes in batches", () => {
  it("stores every entry and cell delta with its own values, in order, across runs and batches", async () => {
    const s = await startTestServer();
    try {
      await s.store.catalog.saveCampaign({ ...(campaign2023 as Campaign), id: OTHER });
      const at1 = "2024-01-02T03:04:05.000Z";
      const at2 = "2024-01-02T03:04:06.000Z";
      await s.store.accounts.claimClient("client-a", s.ids.admin as string, at1);
      await s.store.accounts.claimClient("client-b", s.ids.tamduong as string, at1);
      const source = (i: number) =>
        i < 70
          ? { authorId: s.ids.admin as string, clientId: "client-a", receivedAt: at1 }
          : { authorId: s.ids.tamduong as string, clientId: "client-b", receivedAt: at2 };
      const makeEntries = (): NewEntry[] =>
        Array.from({ length: 131 }, (_, i) => {
          const id = randomUUID();
          const e: NewEntry = {
            id,
            campaignId: i % 40 < 3 ? OTHER : CAMPAIGN,
            partId: `p${i % 7}`,
            unitId: `u${i % 11}`,
            date: "2023-03-15",
            quantity: i,
            createdAt: `2023-03-15T08:00:${String(i % 60).padStart(2, "0")}.000Z`,
            phaseId: `ph${i % 2}`,
            rootId: id,
            ...source(i),
          };
          if (i % 5 === 0) e.note = `note ${i}`;
          return e;
        });
      const entries = makeEntries();
      const cellDeltas: Cell[] = Array.from({ length: 77 }, (_, i) => ({
        campaignId: i % 30 < 2 ? OTHER : CAMPAIGN,
        partId: `p${i}`,
        unitId: "u",
        phaseId: "ph",
        net: i + 1,
      }));
      const deltas = new Map(cellDeltas.map((c) => [cellKey(c.campaignId, c.partId, c.unitId, c.phaseId), c]));
      const write = (es: NewEntry[]) => () => ({
        write: { entries: es, cellDeltas: deltas, correctedChainNets: new Map() },
        result: null,
      });
      await s.store.ledger.commitPush([], write(entries));

      const stored = await s.store.ledger.entriesAfter(0, null, 1_000);
      expect(stored.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
      expect(stored.map(({ seq, ...e }) => e)).toEqual(entries);

      // The same deltas again (with other entries): each cell now holds twice its delta.
      await s.store.ledger.commitPush([], write(makeEntries()));
      for (const campaignId of [CAMPAIGN, OTHER]) {
        const cells = (await s.store.ledger.cells(campaignId)).sort((a, b) => a.partId.localeCompare(b.partId));
        const expected = cellDeltas
          .filter((c) => c.campaignId === campaignId)
          .map((c) => ({ ...c, net: 2 * c.net }))
          .sort((a, b) => a.partId.localeCompare(b.partId));
        expect(cells).toEqual(expected);
      }
    } finally {
      await s.close();
    }
  });
});
