/**
 * fflate (inside write-excel-file and read-excel-file) deflates or inflates a large zipped part
 * in a Web Worker made from a blob: URL. The app's Content-Security-Policy (`default-src 'self'`)
 * refuses blob: workers, and fflate then waits forever for an answer, so a large export or import
 * would hang. While one runs, `Worker` is replaced by a stand-in that speaks fflate's two-message
 * worker protocol (its constants, then `[data, options]`) and answers with the browser's own raw
 * DEFLATE or INFLATE ("deflate-raw" streams, native and off the JavaScript thread). Anything else
 * it is asked answers with an error, so the export or import fails with a message instead of hanging.
 */

type Reply = { data: unknown };
type Direction = "deflate" | "inflate";

/** A Worker look-alike class that deflates or inflates the one buffer fflate posts to it. */
function inlineWorker(direction: Direction) {
  return class InlineZipWorker {
    onmessage: ((e: Reply) => void) | null = null;
    onerror: ((e: unknown) => void) | null = null;
    private seenInit = false;

    postMessage(message: unknown): void {
      // fflate first posts the worker's constants, then the job.
      if (!this.seenInit) {
        this.seenInit = true;
        return;
      }
      const data = Array.isArray(message) ? message[0] : undefined;
      if (!(data instanceof Uint8Array)) {
        this.answer({ $e$: ["unexpected worker job", 0, ""] });
        return;
      }
      const stream =
        direction === "deflate" ? new CompressionStream("deflate-raw") : new DecompressionStream("deflate-raw");
      new Response(new Blob([new Uint8Array(data)]).stream().pipeThrough(stream)).arrayBuffer().then(
        (buffer) => this.answer(new Uint8Array(buffer)),
        (err: unknown) => this.answer({ $e$: [err instanceof Error ? err.message : String(err), 0, ""] }),
      );
    }

    terminate(): void {
      this.onmessage = null;
    }

    private answer(data: unknown): void {
      setTimeout(() => this.onmessage?.({ data }), 0);
    }

    addEventListener(): void {}
    removeEventListener(): void {}
  };
}

/** Run `fn` with `Worker` replaced by the inline deflater or inflater (restored afterwards, even on failure). */
export async function withInlineZip<T>(direction: Direction, fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { Worker?: unknown };
  const original = g.Worker;
  g.Worker = inlineWorker(direction);
  try {
    return await fn();
  } finally {
    g.Worker = original;
  }
}
