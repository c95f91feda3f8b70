/**
 * The `fetch` a simulated device's app code sees: same-origin paths ("/api/v1/...") go to the
 * fault proxy, with the device's own cookie jar (the session cookie survives reloads, as in a
 * browser) and its own address (X-Forwarded-For, so the per-address login throttle treats the
 * devices as the separate phones they are). `abandon()` models a page reload: requests in flight
 * are aborted, and their callers are never answered, as a closed page never is.
 */
const realFetch = globalThis.fetch.bind(globalThis);

/** A promise that never settles: what an abandoned page's code waits on forever. */
const never = () => new Promise<never>(() => {});

export class ReloadableFetch {
  private gen = 0;
  private cookie = "";
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly base: string,
    private readonly address: string,
  ) {}

  /** Drop-in for the global fetch. */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const gen = this.gen;
    const ctrl = new AbortController();
    this.inFlight.add(ctrl);
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    headers.set("x-forwarded-for", this.address);
    try {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, this.base);
      const res = await realFetch(url, { ...init, headers, signal: ctrl.signal });
      if (gen !== this.gen) return never();
      this.remember(res.headers.get("set-cookie"));
      return res;
    } catch (err) {
      if (gen !== this.gen) return never();
      throw err;
    } finally {
      this.inFlight.delete(ctrl);
    }
  };

  /** A reload: abort what is in flight and answer how many requests were abandoned. */
  abandon(): number {
    this.gen++;
    const n = this.inFlight.size;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
    return n;
  }

  private remember(setCookie: string | null): void {
    const m = setCookie ? /(?:^|,\s*)sid=([^;]*)/.exec(setCookie) : null;
    if (!m) return;
    this.cookie = m[1] ? `sid=${m[1]}` : "";
  }
}
