/**
 * How long the app waits for the server before a call counts as a network failure: a minute for
 * a push (a batch is small), five for a handover file sent to the server (up to 10 MB; on a 2G
 * link the largest file needs about two minutes to go up).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { push, TIMEOUT_MS, UPLOAD_TIMEOUT_MS, uploadHandover } from "../../src/sync/api";
import { makeEntry } from "../support/fixtures";

/** Every deadline asked for, and a way to let each one pass. */
function deadlines() {
  const asked: { ms: number; pass: () => void }[] = [];
  vi.spyOn(AbortSignal, "timeout").mockImplementation((ms: number) => {
    const c = new AbortController();
    asked.push({ ms, pass: () => c.abort(new DOMException("timed out", "TimeoutError")) });
    return c.signal;
  });
  return asked;
}

/** A server that never answers: the request waits until its signal gives up. */
function stalledServer() {
  vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("deadlines of calls to the server", () => {
  it("gives a handover file five minutes to go up, a push one, and reports a deadline passed as a network failure", async () => {
    const asked = deadlines();
    stalledServer();

    const pushing = push("client-1", [makeEntry({ quantity: 1 })]);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    const uploading = uploadHandover({ format: "so-thi-dua/handover@1", entries: [] });
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(asked.map((a) => a.ms)).toEqual([TIMEOUT_MS, UPLOAD_TIMEOUT_MS]);
    expect(TIMEOUT_MS).toBe(60_000);
    expect(UPLOAD_TIMEOUT_MS).toBe(300_000);

    for (const a of asked) a.pass();
    await expect(uploading).resolves.toMatchObject({ ok: false, status: 0, code: "network" });
    await expect(pushing).resolves.toMatchObject({ ok: false, status: 0, code: "network" });
  });
});
