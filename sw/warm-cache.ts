/**
 * Workbox installs the precache one file at a time (workbox#2528), so on 2G each of ~70 files
 * costs a round trip of its own (~300 ms): 30 s for a 190 KB install. Fetching the hashed files a
 * few at a time into the HTTP cache first (they are `immutable` for a year) lets that one-by-one
 * pass read them from there; files the page has already fetched are not fetched again.
 */

/** A precache manifest entry: hashed files carry no revision (their name is their version). */
export type ManifestEntry = { url: string; revision: string | null };

/** Fetch every hashed entry, `parallel` at a time, into the HTTP cache; failures are left to Workbox. */
export async function warmHttpCache(entries: readonly ManifestEntry[], parallel = 6): Promise<void> {
  const urls = entries.filter((e) => e.revision === null).map((e) => new URL(e.url, self.location.href).href);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      try {
        await (await fetch(url, { credentials: "same-origin" })).arrayBuffer();
      } catch {
        // Offline or refused: Workbox's own pass fetches it again and reports the failure.
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
