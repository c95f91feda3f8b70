/**
 * Request bodies are read with a hard byte limit: a declared Content-Length over the limit is
 * refused before reading, and a body without one (or lying about it) is cut off as soon as the
 * bytes read pass the limit, so nobody can make the server buffer an unbounded body.
 */
import type { Readable } from "node:stream";
import type { Context } from "hono";
import { ApiError } from "./errors";

/**
 * 413 with the error shape. The rest of the body is not read, so the connection is not kept for
 * another request: the answer says so, and Node closes it once the answer is sent.
 */
function tooLarge(limit: number): ApiError {
  return new ApiError(413, "too-large", `request body is larger than ${limit} bytes`, undefined, {
    Connection: "close",
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
        incoming.pause();
        done(() => reject(tooLarge(limit)));
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

/** Read the body as UTF-8 text, refusing anything over `limit` bytes (413) or not UTF-8 (400). */
export async function readBoundedText(c: Context, limit: number, receipt?: Receipt): Promise<string> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
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
    return decode(await readIncoming(incoming, limit, receipt));
  }
  const body = c.req.raw.body;
  if (!body) return "";
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
  return decode(Buffer.concat(chunks, size));
}

/** The bytes as text, or 400 when they are not UTF-8. */
function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError(400, "invalid", "request body is not valid UTF-8", "");
  }
}

/** Read and parse a JSON body (400 `invalid` when it is not JSON). */
export async function readJson(c: Context, limit: number, receipt?: Receipt): Promise<unknown> {
  const text = await readBoundedText(c, limit, receipt);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid", "request body is not valid JSON", "");
  }
}
