/**
 * The only door to the server (DESIGN §2). Every call answers a result, never throws for
 * HTTP or network trouble: the caller decides what an outage means for its work.
 */
import type { AdminUser, PullAnswer } from "../domain/api";
import type { Reply } from "../domain/replies";
import type { Nomination, NominationReview } from "../domain/reports";
import type { Campaign, Entry, PushResult, Totals, Unit, UnitFile, UserProfile } from "../domain/schemas";
import type { Allocation, PhaseReport, Review } from "../domain/supervision";

export type { AdminUser, PullAnswer };

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      retryAfter?: number;
      /** The field the server refused (400 invalid). */
      path?: string;
      /** Every problem the server found (400 invalid, 409 in-use). */
      problems?: string[];
    }
  | { ok: false; status: 0; code: "network"; message: string };

/** How long one call may take before it counts as a network failure. */
export const TIMEOUT_MS = 60_000;

/**
 * How long a handover file may take to reach the server. The server takes files of up to 10 MB
 * and waits ~300 s for a body (DESIGN §7); at 50 kbit/s up, the largest file, gzipped, needs about
 * two minutes, which the usual deadline would cut off.
 */
export const UPLOAD_TIMEOUT_MS = 300_000;

/** The base URL of the API (same origin). */
export const API = "/api/v1";

/** Bodies of this many bytes or more are sent gzipped where the browser can compress them. */
export const GZIP_MIN_BYTES = 1024;

/**
 * A JSON body as sent: gzipped through `CompressionStream` when it is large enough and the
 * browser has it (a push of 500 entries shrinks ~4×: on 2G's ~50 kbit/s upload that is seconds
 * per batch); as it is otherwise. The server holds its 1 MiB limit to the inflated size.
 */
export async function encodeBody(json: string): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (json.length < GZIP_MIN_BYTES || typeof CompressionStream !== "function") return { body: json, headers };
  try {
    // The bytes straight into a stream, not through a Blob: a Blob of a 100 KB batch is copied
    // into the browser's blob store first, ~4 ms of a desktop's main thread per batch against ~1.5.
    const bytes = new TextEncoder().encode(json);
    const source = new ReadableStream<BufferSource>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const gz = source.pipeThrough(new CompressionStream("gzip"));
    const body = await new Response(gz).arrayBuffer();
    return { body, headers: { ...headers, "content-encoding": "gzip" } };
  } catch {
    return { body: json, headers };
  }
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  timeoutMs = TIMEOUT_MS,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    const init: RequestInit = { method, credentials: "same-origin", headers: { accept: "application/json" } };
    if (body !== undefined) {
      const encoded = await encodeBody(JSON.stringify(body));
      init.body = encoded.body;
      init.headers = encoded.headers;
    }
    // A stalled connection must not hold the outbox until TCP gives up: give each call a deadline.
    const deadline = AbortSignal.timeout(timeoutMs);
    init.signal = !signal
      ? deadline
      : typeof AbortSignal.any === "function"
        ? AbortSignal.any([signal, deadline])
        : signal;
    res = await fetch(`${API}${path}`, init);
  } catch (err) {
    return { ok: false, status: 0, code: "network", message: err instanceof Error ? err.message : String(err) };
  }
  if (res.ok) {
    if (res.status === 204) return { ok: true, status: res.status, data: undefined as T };
    try {
      return { ok: true, status: res.status, data: (await res.json()) as T };
    } catch (err) {
      // A 200 whose body was cut is no answer at all: the caller retries, nothing is lost.
      return { ok: false, status: 0, code: "network", message: err instanceof Error ? err.message : String(err) };
    }
  }
  const payload = (await res.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; path?: unknown; problems?: unknown } }
    | undefined;
  const retryAfter = Number(res.headers.get("retry-after"));
  const out: ApiResult<T> = {
    ok: false,
    status: res.status,
    code: payload?.error?.code ?? `http-${res.status}`,
    message: payload?.error?.message ?? res.statusText,
  };
  if (Number.isFinite(retryAfter) && retryAfter > 0) out.retryAfter = retryAfter;
  const where = payload?.error?.path;
  const problems = payload?.error?.problems;
  if (typeof where === "string") out.path = where;
  if (Array.isArray(problems)) out.problems = problems.filter((p): p is string => typeof p === "string");
  return out;
}

export type LoginAnswer = { user: UserProfile; expiresAt: string };
export type PushAnswer = { results: PushResult[]; serverTime: string };
/** Sign in; the session secret arrives as an HttpOnly cookie that script never sees. */
export const login = (username: string, password: string) =>
  call<LoginAnswer>("POST", "/auth/login", { username, password });
/** End the session on the server (always 204). */
export const logout = () => call<void>("POST", "/auth/logout");
/** Who the session belongs to, or 401 when it has expired. */
export const me = () => call<LoginAnswer>("GET", "/auth/me");
/** Push a batch of entries. */
export const push = (clientId: string, entries: Entry[], signal?: AbortSignal) =>
  call<PushAnswer>("POST", "/sync/push", { clientId, entries }, signal);
/** Pull what changed in the user's scope after `since`. */
export const pull = (since?: string) =>
  call<PullAnswer>("GET", `/sync/pull${since ? `?since=${encodeURIComponent(since)}` : ""}`);
/** Server totals for a campaign, phase and unit subtree. */
export const totals = (campaignId: string, phaseId?: string, unitId?: string) => {
  const q = new URLSearchParams({ campaignId });
  if (phaseId) q.set("phaseId", phaseId);
  if (unitId) q.set("unitId", unitId);
  return call<Totals>("GET", `/totals?${q}`);
};
/** Admin: every user. */
export const listUsers = () => call<{ users: AdminUser[] }>("GET", "/admin/users");
/** Admin: create a user. */
export const createUser = (u: { username: string; name: string; role: string; unitIds: string[]; password: string }) =>
  call<AdminUser>("POST", "/admin/users", u);
/** Admin: change a user (name, role, units, password, disabled). */
export const updateUser = (
  id: string,
  patch: Partial<{ name: string; role: string; unitIds: string[]; password: string; disabled: boolean }>,
) => call<AdminUser>("PATCH", `/admin/users/${encodeURIComponent(id)}`, patch);

/** Push reviews made on this phone (supervisors). */
export const pushReviews = (clientId: string, reviews: Review[]) =>
  call<{ results: PushResult[] }>("POST", "/reviews", { clientId, reviews });
/** Push phase reports made on this phone. */
export const pushPhaseReports = (clientId: string, reports: PhaseReport[]) =>
  call<{ results: PushResult[] }>("POST", "/phase-reports", { clientId, reports });
/** Push nominations made on this phone. */
export const pushNominations = (clientId: string, nominations: Nomination[]) =>
  call<{ results: PushResult[] }>("POST", "/nominations", { clientId, nominations });
/** Push decisions on nominations made on this phone (supervisors of the level above). */
export const pushNominationReviews = (clientId: string, reviews: NominationReview[]) =>
  call<{ results: PushResult[] }>("POST", "/nomination-reviews", { clientId, reviews });
/** Push replies to reviews made on this phone. */
export const pushReplies = (clientId: string, replies: Reply[]) =>
  call<{ results: PushResult[] }>("POST", "/replies", { clientId, replies });
/** Set or clear allocations (online only; all or nothing). */
export const putAllocations = (allocations: Allocation[]) =>
  call<{ allocations: Allocation[] }>("PUT", "/allocations", { allocations });

/** Upload a verified handover file to the server (supervisors and admins); results as for a push. */
export const uploadHandover = (file: unknown) =>
  call<PushAnswer>("POST", "/sync/import", file, undefined, UPLOAD_TIMEOUT_MS);

/** The unit file as the admin routes answer it. */
export type AdminUnits = { sample: boolean; description?: string; units: Unit[] };
/** Admin: every campaign on the server. */
export const adminCampaigns = () => call<{ campaigns: Campaign[] }>("GET", "/admin/campaigns");
/** Admin: create (201) or replace (200) a campaign; 400 invalid with a path, 409 in-use with problems. */
export const putCampaign = (c: Campaign) =>
  call<{ campaign: Campaign }>("PUT", `/admin/campaigns/${encodeURIComponent(c.id)}`, c);
/** Admin: the whole unit file. */
export const adminUnits = () => call<AdminUnits>("GET", "/admin/units");
/** Admin: replace the whole unit file (all or nothing); 409 in-use names the units still in use. */
export const putUnits = (file: UnitFile) => call<AdminUnits>("PUT", "/admin/units", file);
