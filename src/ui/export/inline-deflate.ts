/**
 * write-excel-file zips the workbook with fflate, which compresses any part over 160 KB in a Web
 * Worker made from a blob: URL. The app's Content-Security-Policy (`default-src 'self'`) blocks
 * blob: workers, and fflate then waits forever for an answer, so a large export would hang. While
 * an export runs, `Worker` is replaced by this stand-in: it speaks fflate's two-message worker
 * protocol (its constants, then `[data, options]`) and answers with the browser's own raw DEFLATE
 * (CompressionStream "deflate-raw", native and off the JavaScript thread). Anything else it is
 * asked answers with an error, so an export fails with a message instead of hanging.
 */

type Reply = { data: unknown };

/** A Worker look-alike that deflates the one buffer fflate posts to it. */
class InlineDeflateWorker {
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
    const copy = new Uint8Array(data);
    new Response(new Blob([copy]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer().then(
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
}

/** Run `fn` with `Worker` replaced by the inline deflater (restored afterwards, even on failure). */
export async function withInlineDeflate<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { Worker?: unknown };
  const original = g.Worker;
  g.Worker = InlineDeflateWorker;
  try {
    return await fn();
  } finally {
    g.Worker = original;
  }
}
