/**
 * The federation's words for a unit's sector (khu vực), as typed in its lists: forgiving with
 * case, spaces and diacritics ("Doanh nghiệp ngoài Nhà nước", "doanh nghiep ngoai nha nuoc").
 */
import type { Sector } from "../../domain/schemas";
import { fold as foldMarks } from "../common/search-text";

/** Text folded for comparison: lower case, no diacritics (đ → d), single spaces. */
export function fold(text: string): string {
  return foldMarks(text).replace(/\s+/g, " ").trim();
}

const SECTORS: Record<string, Sector> = {
  cong: "public",
  "khu vuc cong": "public",
  "hanh chinh su nghiep": "public",
  "doanh nghiep nha nuoc": "state-enterprise",
  "nha nuoc": "state-enterprise",
  "ngoai nha nuoc": "non-state-enterprise",
  "doanh nghiep ngoai nha nuoc": "non-state-enterprise",
  "khu vuc ngoai nha nuoc": "non-state-enterprise",
  public: "public",
  "state-enterprise": "state-enterprise",
  "non-state-enterprise": "non-state-enterprise",
};

/** The sector a cell names: a sector, `null` for an empty cell, `undefined` when not understood. */
export function sectorFromText(text: string): Sector | null | undefined {
  const key = fold(text);
  if (key === "") return null;
  return SECTORS[key];
}
