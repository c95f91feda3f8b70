/** The unit tree as an export table in the federation's columns (pure: the import reads it back as it was). */
import type { Unit } from "../../domain/schemas";
import { UnitTree } from "../../domain/units";
import { t } from "../../i18n";
import type { ExportTable } from "../export/rows";
import { HEADER_WORDS } from "./unit-import";

const SECTOR_WORDS = {
  public: "công",
  "state-enterprise": "doanh nghiệp nhà nước",
  "non-state-enterprise": "ngoài nhà nước",
};

/** The units in tree order, one row each. */
export function unitsTable(units: readonly Unit[]): ExportTable {
  return {
    sheet: t("un.title"),
    meta: [],
    columns: [
      { header: HEADER_WORDS.id, kind: "text", width: 18 },
      { header: HEADER_WORDS.name, kind: "text", width: 60 },
      { header: HEADER_WORDS.parentId, kind: "text", width: 18 },
      { header: HEADER_WORDS.sector, kind: "text", width: 24 },
      { header: HEADER_WORDS.status, kind: "text", width: 12 },
    ],
    rows: new UnitTree(units)
      .flatten()
      .map(({ unit: u }) => [
        u.id,
        u.name,
        u.parentId ?? "",
        u.sector ? SECTOR_WORDS[u.sector] : "",
        u.closed === true ? "đã đóng" : "",
      ]),
  };
}
