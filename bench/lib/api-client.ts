/**
 * A small HTTP client with one cookie, for the harness's own calls (admin set-up, checks): it
 * talks to the server directly, never through the fault proxy, and can wait out a restart.
 */

export type Reply = { status: number; body: unknown; headers: Headers };

/** A signed-in (or not yet) client of one server. */
export class ApiClient {
  private cookie = "";

  constructor(readonly base: string) {}

  /** The session cookie as a `Cookie` header value ("" before signing in). */
  get cookieHeader(): string {
    return this.cookie;
  }

  /** One request; JSON in and out. Throws on network failure. */
  async request(method: string, path: string, json?: unknown): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers,
      body: json === undefined ? null : JSON.stringify(json),
    });
    const set = res.headers.get("set-cookie");
    if (set?.startsWith("sid=")) this.cookie = set.split(";")[0] ?? "";
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {}
    return { status: res.status, body, headers: res.headers };
  }

  /** Like `request`, retried while the server is down or restarting (up to `ms`). */
  async patient(method: string, path: string, json?: unknown, ms = 60_000): Promise<Reply> {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        const r = await this.request(method, path, json);
        if (r.status < 500) return r;
        if (Date.now() > deadline) return r;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sign in; throws unless 200. */
  async login(username: string, password: string): Promise<void> {
    const r = await this.patient("POST", "/auth/login", { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** Create a user (as admin); answers its id. */
  async createUser(u: { username: string; name: string; role: string; unitIds: string[]; password: string }) {
    const r = await this.patient("POST", "/admin/users", u);
    if (r.status !== 201) throw new Error(`create ${u.username}: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { id: string }).id;
  }
}
