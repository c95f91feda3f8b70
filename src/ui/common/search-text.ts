/** Diacritics-insensitive matching, so "tan uyen" finds "Tân Uyên" and "dien bien" finds "Điện Biên". */

/** Lower case without marks (NFD, combining marks stripped, đ → d). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/** True when every word of `query` occurs in `text` (both folded). */
export function matches(text: string, query: string): boolean {
  const hay = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
