/**
 * Entry ids: UUID version 7 (RFC 9562), made on the phone. The first 48 bits are the time in
 * milliseconds, so ids made one after another sort together: the server's primary-key index
 * grows at its end instead of being rewritten at random places, which keeps ingest fast.
 */

/** A new UUIDv7 string, e.g. "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b". */
export function newEntryId(
  now: number = Date.now(),
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = fillRandom,
): string {
  const b = random(new Uint8Array(16));
  let ms = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70; // version 7
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function fillRandom(bytes: Uint8Array<ArrayBuffer>): Uint8Array {
  return crypto.getRandomValues(bytes);
}
