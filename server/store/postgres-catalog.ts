/** The catalog part of the PostgreSQL store: campaigns, the unit tree and the catalog version. */
import type { Campaign } from "../../src/domain/schemas";
import { fromDb, inTransaction, type Pool, type Tx, toDb } from "./postgres-pool";
import type { CampaignUsage, CatalogStore, StoredUnits } from "./store";
import { usageOf } from "./store";
import { storedUnits, UNIT_SETTINGS_SQL, type UnitRow, unitExtra } from "./unit-rows";

async function bumpCatalogVersion(tx: Tx): Promise<void> {
  await tx.query(
    `INSERT INTO settings (key, value) VALUES ('catalog_version', '1')
     ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text`,
  );
}

/** Catalog queries over a pool; every write is one transaction. */
export class PostgresCatalog implements CatalogStore {
  constructor(private readonly pool: Pool) {}

  async catalogVersion(): Promise<number> {
    const r = await this.pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'catalog_version'");
    const row = r.rows[0];
    return row ? Number(row.value) : 0;
  }

  async campaigns(): Promise<Campaign[]> {
    const r = await this.pool.query<{ body: Campaign }>('SELECT body FROM campaigns ORDER BY position, id COLLATE "C"');
    return r.rows.map((row) => row.body);
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO campaigns (id, position, body, imported_at)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM campaigns), $2, $3)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at`,
        [campaign.id, JSON.stringify(campaign), new Date().toISOString()],
      );
      await bumpCatalogVersion(tx);
    });
  }

  async campaignUsage(campaignId: string): Promise<CampaignUsage> {
    const r = await this.pool.query<{ part_id: string; unit_id: string; phase_id: string }>(
      "SELECT DISTINCT part_id, unit_id, phase_id FROM cells WHERE campaign_id = $1",
      [campaignId],
    );
    return usageOf(r.rows);
  }

  async units(): Promise<StoredUnits> {
    const [rows, settings] = await Promise.all([
      this.pool.query<UnitRow>("SELECT id, name, parent_id, sector, extra FROM units ORDER BY position"),
      this.pool.query<{ key: string; value: string }>(UNIT_SETTINGS_SQL),
    ]);
    return storedUnits(rows.rows, settings.rows, fromDb);
  }

  async replaceUnits(file: StoredUnits): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      const ids = file.units.map((u) => u.id);
      await tx.query("DELETE FROM units WHERE NOT (id = ANY($1::text[]))", [ids]);
      await tx.query(
        `INSERT INTO units (id, position, name, parent_id, sector, extra)
         SELECT u.id, u.ord - 1, u.name, u.parent_id, u.sector, u.extra
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           WITH ORDINALITY AS u(id, name, parent_id, sector, extra, ord)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,
           parent_id = excluded.parent_id, sector = excluded.sector, extra = excluded.extra`,
        [
          ids,
          file.units.map((u) => toDb(u.name)),
          file.units.map((u) => u.parentId ?? null),
          file.units.map((u) => u.sector ?? null),
          file.units.map(unitExtra),
        ],
      );
      const set =
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
      await tx.query(set, ["units_sample", String(file.sample)]);
      if (file.description === undefined) await tx.query("DELETE FROM settings WHERE key = 'units_description'");
      else await tx.query(set, ["units_description", toDb(file.description)]);
      await bumpCatalogVersion(tx);
    });
  }

  async unitIdsInUse(): Promise<Set<string>> {
    const r = await this.pool.query<{ unit_id: string }>(
      `SELECT unit_id FROM cells UNION SELECT unit_id FROM user_units
       UNION SELECT unit_id FROM phase_reports UNION SELECT unit_id FROM allocations
       UNION SELECT unit_id FROM nominations`,
    );
    return new Set(r.rows.map((x) => x.unit_id));
  }
}
