/**
 * Numbers and days formatted as `Intl` formats them in vi-VN and en-GB, without `Intl`.
 *
 * Why: the first `Intl` formatter a page makes loads ICU's data, and on a cheap phone (4× CPU in
 * the bench) that one call took ~170 ms of the overview's cold start, more than all its totals.
 * The overview shows only whole numbers, one-decimal numbers, whole percents and dd/mm/yyyy days,
 * which are simple to write out; anything else (exponents, other locales) still goes to `Intl`.
 * The output is the same string, character for character: `Intl` rounds the shortest decimal
 * that reads back as the number (what `String(x)` prints) half away from zero, and so does this
 * (tests/unit/plain-format.test.ts compares the two over many values).
 */

/** Separators of the locales the app speaks. */
const SEPARATORS: Record<string, { group: string; decimal: string }> = {
  "vi-VN": { group: ".", decimal: "," },
  "en-GB": { group: ",", decimal: "." },
};

/**
 * `x` × 10^`shift`, rounded half away from zero to at most `digits` decimals, in `locale`'s
 * separators with trailing zeros dropped; undefined when this cannot say it exactly as `Intl` would.
 */
export function plainNumber(x: number, locale: string, digits: number, shift = 0): string | undefined {
  const sep = SEPARATORS[locale];
  if (!sep || !Number.isFinite(x)) return undefined;
  const text = String(Math.abs(x));
  if (text.includes("e")) return undefined;
  const [whole = "0", fraction = ""] = text.split(".");
  // Shift the decimal point right, then keep `digits` decimals and round on the next one.
  const padded = fraction.padEnd(shift + digits + 1, "0");
  const all = whole + padded;
  const cut = whole.length + shift + digits;
  let kept = all.slice(0, cut);
  if (all.charCodeAt(cut) >= 53) kept = increment(kept);
  kept = kept.padStart(digits + 1, "0");
  const intPart = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, "");
  const decimals = kept.slice(kept.length - digits).replace(/0+$/, "");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group);
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  return `${sign}${grouped}${decimals ? sep.decimal + decimals : ""}`;
}

/** A string of decimal digits plus one. */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return `1${"0".repeat(digits.length)}`;
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + "0".repeat(digits.length - i - 1);
}

/** A "YYYY-MM-DD" day as dd/mm/yyyy (vi-VN and en-GB alike), or undefined when `Intl` must say it. */
export function plainDate(d: Date, locale: string): string | undefined {
  if (!SEPARATORS[locale]) return undefined;
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${year}`;
}
