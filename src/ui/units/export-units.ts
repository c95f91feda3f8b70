/** The unit tree downloaded as an .xlsx file (write-excel-file loads with the download). */
import type { Unit } from "../../domain/schemas";
import { downloadXlsx } from "../export/download";
import { unitsTable } from "./units-table";

/** Download the tree as don-vi-YYYY-MM-DD.xlsx. */
export function downloadUnits(units: readonly Unit[]): Promise<void> {
  return downloadXlsx([unitsTable(units)], `don-vi-${new Date().toISOString().slice(0, 10)}.xlsx`);
}
