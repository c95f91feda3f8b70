/**
 * fflate (inside read-excel-file) inflates a large zipped part in a Web Worker made from a blob:
 * URL, which the app's Content-Security-Policy refuses; fflate would then wait forever. While a
 * file is read, `Worker` is this stand-in: it answers fflate's two-message protocol (its
 * constants, then `[data, options]`) with the browser's own raw INFLATE ("deflate-raw").
 */

type Reply = { data: unknown };

/** A Worker look-alike that inflates the one buffer fflate posts to it. */
class InlineInflateWorker {
  onmessage: ((e: Reply) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  private seenInit = false;

  postMessage(message: unknown): void {
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
    new Response(new Blob([copy]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer().then(
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

/** Run `fn` with `Worker` replaced by the inline inflater (restored afterwards, even on failure). */
export async function withInlineInflate<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { Worker?: unknown };
  const original = g.Worker;
  g.Worker = InlineInflateWorker;
  try {
    return await fn();
  } finally {
    g.Worker = original;
  }
}
