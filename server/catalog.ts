/**
 * In-memory cache of what pushes, pulls and totals consult on every request: campaigns by id and
 * the unit tree. Each use asks the store for the catalog version (one indexed read) and reloads
 * when an import, from this process or the admin CLI, has bumped it.
 */
import type { Campaign, Unit } from "../src/domain/schemas";
import { UnitTree } from "../src/domain/units";
import type { Store } from "./store/store";

/** One consistent view of campaigns and units. */
export type CatalogView = {
  version: number;
  campaigns: readonly Campaign[];
  campaignById: ReadonlyMap<string, Campaign>;
  units: readonly Unit[];
  tree: UnitTree;
  sample: boolean;
  description?: string;
};

/** The cache; one per app. */
export class Catalog {
  private cached: CatalogView | undefined;
  private loading: Promise<CatalogView> | undefined;

  constructor(private readonly store: Store) {}

  /** The current catalog, reloaded when the stored version moved. */
  async current(): Promise<CatalogView> {
    const version = await this.store.catalog.catalogVersion();
    if (this.cached?.version === version) return this.cached;
    if (!this.loading) {
      this.loading = this.load(version).finally(() => {
        this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async load(version: number): Promise<CatalogView> {
    const [campaigns, stored] = await Promise.all([this.store.catalog.campaigns(), this.store.catalog.units()]);
    const view: CatalogView = {
      version,
      campaigns,
      campaignById: new Map(campaigns.map((c) => [c.id, c])),
      units: stored.units,
      tree: new UnitTree(stored.units),
      sample: stored.sample,
    };
    if (stored.description !== undefined) view.description = stored.description;
    this.cached = view;
    return view;
  }
}
