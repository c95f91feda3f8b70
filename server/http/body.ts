/**
 * Request bodies are read with a hard byte limit: a declared Content-Length over the limit is
 * refused without keeping the body, and a body without one (or lying about it) stops being kept
 * as soon as the bytes read pass the limit, so nobody can make the server buffer an unbounded body.
 *
 * A phone on 2G sends its push gzipped (`Content-Encoding: gzip`): the limit then holds for the
 * compressed bytes as they arrive and again for the decompressed bytes, which are never allowed to
 * grow past it (a small body that inflates to gigabytes is refused 413 after at most `limit`
 * bytes of output). JSON routes take only `application/json` (415 otherwise), so a form post
 * from another site cannot reach them as a "simple" request.
 *
 * Refusing a body still arriving: the answer waits while the rest is read and thrown away (up to
 * LINGER_BYTES and LINGER_MS, as nginx's lingering close does), then closes the connection. A
 * server that closes with unread bytes makes the kernel reset the connection, and a client still
 * sending then sees a reset instead of the 413 that tells it to halve its batch.
 */
import type { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import type { Context } from "hono";
import { ApiError } from "./errors";

/** At most this many bytes past the limit are read and thrown away before a 413 closes the connection. */
export const LINGER_BYTES = 4 * 1024 * 1024;
/** …and for at most this long. */
export const LINGER_MS = 30_000;

/**
 * 413 with the error shape. The connection is not kept for another request (the rest of a body
 * past LINGER_BYTES is never read): the answer says so, and Node closes it once the answer is sent.
 */
function tooLarge(limit: number): ApiError {
  return new ApiError(413, "too-large", `request body is larger than ${limit} bytes`, undefined, {
    Connection: "close",
  });
}

/** Read and drop what is left of a refused body, until it ends, LINGER_BYTES or LINGER_MS. */
function discardRest(incoming: NodeIncoming): Promise<void> {
  if (incoming.readableEnded || incoming.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let dropped = 0;
    const timer = setTimeout(() => finish(), LINGER_MS);
    const finish = () => {
      clearTimeout(timer);
      incoming.off("data", onData).off("end", finish).off("error", finish).off("close", finish);
      // Past the cap: stop reading (a flowing stream without listeners would read on for ever).
      if (!incoming.readableEnded) incoming.pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > LINGER_BYTES) finish();
    };
    incoming.on("data", onData).on("end", finish).on("error", finish).on("close", finish);
    incoming.resume();
  });
}

/**
 * Strict UTF-8: a lenient decoder turns bad bytes into U+FFFD, and that altered text would then
 * pass validation and be stored (a note or a client id the sender never wrote). Refuse instead.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Filled by a read that is asked for it: the milliseconds spent waiting for the body's bytes to
 * arrive (awaiting the stream; a slow or distant client makes this long, the server's own work
 * does not). Decoding and parsing are not in it.
 */
export type Receipt = { waitMs: number };

/** Node's request stream, when the app runs under @hono/node-server (not in `app.request` tests). */
type NodeIncoming = Readable & { complete?: boolean };

/**
 * The body's bytes straight from Node's request stream, without the web ReadableStream the
 * adapter would wrap around it (measured: ~0.3 ms less per push of 500 entries). Stops reading
 * and refuses as soon as the bytes pass `limit`. The whole read is waiting for bytes.
 */
function readIncoming(incoming: NodeIncoming, limit: number, receipt?: Receipt): Promise<Buffer> {
  const asked = performance.now();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (receipt) receipt.waitMs += performance.now() - asked;
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        chunks.length = 0;
        done(() => void discardRest(incoming).then(() => reject(tooLarge(limit))));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    const onError = (err: Error) => done(() => reject(err));
    const onClose = () => {
      if (!incoming.readableEnded) done(() => reject(new Error("the client closed the connection mid-body")));
    };
    incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * Read the body as UTF-8 text, refusing anything over `limit` bytes (413), a content coding other
 * than gzip (415), a gzip body that is damaged (400) or inflates past `limit` (413), or bytes
 * that are not UTF-8 (400).
 */
export async function readBoundedText(c: Context, limit: number, receipt?: Receipt): Promise<string> {
  const coding = (c.req.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (coding !== "identity" && coding !== "gzip" && coding !== "x-gzip") {
    throw new ApiError(415, "unsupported-media-type", "request bodies may be sent as they are or gzipped");
  }
  const bytes = await readBoundedBytes(c, limit, receipt);
  return decode(coding === "identity" ? bytes : gunzipBounded(bytes, limit));
}

/** Inflate a gzip body, refusing it (413) as soon as its output passes `limit` bytes. */
function gunzipBounded(bytes: Uint8Array, limit: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw tooLarge(limit);
    throw new ApiError(400, "invalid", "request body is not valid gzip", "");
  }
}

/** The body's bytes as they arrived, at most `limit` of them (413 past it, after lingering). */
async function readBoundedBytes(c: Context, limit: number, receipt?: Receipt): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > limit) {
    if (incoming !== undefined && typeof incoming.on === "function") await discardRest(incoming);
    else await c.req.raw.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  // A stream already read, ended in error or destroyed (the client left during an earlier await)
  // goes through the adapter, which recovers a body that arrived whole before the disconnect and
  // fails cleanly otherwise; listening to it here would wait for events that already fired.
  if (
    incoming !== undefined &&
    typeof incoming.on === "function" &&
    !incoming.readableDidRead &&
    !incoming.destroyed &&
    !incoming.errored
  ) {
    return readIncoming(incoming, limit, receipt);
  }
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const asked = performance.now();
    const { done, value } = await reader.read();
    if (receipt) receipt.waitMs += performance.now() - asked;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The bytes as text, or 400 when they are not UTF-8. */
function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError(400, "invalid", "request body is not valid UTF-8", "");
  }
}

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonType(header: string | undefined): boolean {
  return header?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** Read and parse a JSON body: 415 unless it is sent as `application/json`, 400 `invalid` when it is not JSON. */
export async function readJson(c: Context, limit: number, receipt?: Receipt): Promise<unknown> {
  if (!isJsonType(c.req.header("content-type"))) {
    throw new ApiError(415, "unsupported-media-type", "send this request as application/json");
  }
  const text = await readBoundedText(c, limit, receipt);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid", "request body is not valid JSON", "");
  }
}
