/** The catalog part of the SQLite store: campaigns, the unit tree and the catalog version. */
import type Database from "better-sqlite3";
import type { Campaign } from "../../src/domain/schemas";
import { statementCache } from "./sqlite-statements";
import type { CampaignUsage, CatalogStore, StoredUnits } from "./store";
import { usageOf } from "./store";
import { storedUnits, UNIT_SETTINGS_SQL, type UnitRow, unitExtra } from "./unit-rows";

/** Catalog statements over one connection; every write is one IMMEDIATE transaction. */
export class SqliteCatalog implements CatalogStore {
  private readonly q: (sql: string) => Database.Statement;

  /** `foldCells` brings the maintained cells up to the ledger, before a read that relies on them. */
  constructor(
    private readonly db: Database.Database,
    private readonly foldCells: () => void,
  ) {
    this.q = statementCache(db);
  }

  async catalogVersion(): Promise<number> {
    const row = this.q("SELECT value FROM settings WHERE key = 'catalog_version'").get() as
      | { value: string }
      | undefined;
    return row ? Number(row.value) : 0;
  }

  private bumpCatalogVersion(): void {
    this.q(
      "INSERT INTO settings (key, value) VALUES ('catalog_version', '1') ON CONFLICT DO UPDATE SET value = CAST(value AS INTEGER) + 1",
    ).run();
  }

  async campaigns(): Promise<Campaign[]> {
    const rows = this.q("SELECT body FROM campaigns ORDER BY position, id").all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Campaign);
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    this.db
      .transaction(() => {
        this.q(
          `INSERT INTO campaigns (id, position, body, imported_at)
           VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM campaigns), ?, ?)
           ON CONFLICT DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at`,
        ).run(campaign.id, JSON.stringify(campaign), new Date().toISOString());
        this.bumpCatalogVersion();
      })
      .immediate();
  }

  async campaignUsage(campaignId: string): Promise<CampaignUsage> {
    this.foldCells();
    const rows = this.q("SELECT DISTINCT part_id, unit_id, phase_id FROM cell_nets WHERE campaign_id = ?").all(
      campaignId,
    ) as { part_id: string; unit_id: string; phase_id: string }[];
    return usageOf(rows);
  }

  async units(): Promise<StoredUnits> {
    const rows = this.q("SELECT id, name, parent_id, sector, extra FROM units ORDER BY position").all() as UnitRow[];
    const settings = this.q(UNIT_SETTINGS_SQL).all() as { key: string; value: string }[];
    return storedUnits(rows, settings, (t) => t);
  }

  async replaceUnits(file: StoredUnits): Promise<void> {
    this.db
      .transaction(() => {
        const keep = JSON.stringify(file.units.map((u) => u.id));
        this.q("DELETE FROM units WHERE id NOT IN (SELECT value FROM json_each(?))").run(keep);
        const upsert = this.q(
          `INSERT INTO units (id, position, name, parent_id, sector, extra) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET position = excluded.position, name = excluded.name,
             parent_id = excluded.parent_id, sector = excluded.sector, extra = excluded.extra`,
        );
        file.units.forEach((u, i) => {
          upsert.run(u.id, i, u.name, u.parentId ?? null, u.sector ?? null, unitExtra(u));
        });
        const set = this.q(
          "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
        );
        set.run("units_sample", String(file.sample));
        if (file.description === undefined) this.q("DELETE FROM settings WHERE key = 'units_description'").run();
        else set.run("units_description", file.description);
        this.bumpCatalogVersion();
      })
      .immediate();
  }

  async unitIdsInUse(): Promise<Set<string>> {
    this.foldCells();
    const rows = this.q(
      `SELECT unit_id FROM cell_nets UNION SELECT unit_id FROM user_units
       UNION SELECT unit_id FROM phase_reports UNION SELECT unit_id FROM allocations
       UNION SELECT unit_id FROM nominations`,
    ).all() as {
      unit_id: string;
    }[];
    return new Set(rows.map((r) => r.unit_id));
  }
}
