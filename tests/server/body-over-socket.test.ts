/**
 * Under @hono/node-server the server reads a push's body straight from Node's request stream
 * (server/http/body.ts), which `app.request` tests never reach. Over a real socket: a push is
 * stored, a streamed body past the limit is refused while it is still arriving, bytes that are
 * not UTF-8 are refused, a client that hangs up mid-body leaves nothing behind, and after each
 * the server answers the next request.
 */
import { request } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readBoundedText } from "../../server/http/body";
import { makeEntry, startTestServer, type TestServer } from "./helpers";

type Reply = { status: number; body: string; connection?: string };

describe("push bodies over a real socket", () => {
  let s: TestServer;
  let server: ReturnType<typeof serve>;
  let port: number;
  let cookie: string;
  /** Requests the socket server has taken, and those it has not yet answered (or given up on). */
  let taken = 0;
  let inFlight = 0;

  beforeAll(async () => {
    s = await startTestServer();
    cookie = await s.login("tamduong");
    // Counted around the app, with Node's request and response passed on (the body is read from them).
    const fetch = async (...args: Parameters<typeof s.app.fetch>) => {
      taken++;
      inFlight++;
      try {
        return await s.app.fetch(...args);
      } finally {
        inFlight--;
      }
    };
    server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await s.close();
  });

  /** POST /api/v1/sync/push, writing `chunks` one after another (chunked: no Content-Length). */
  function post(chunks: Buffer[], opts: { hangUpAfter?: number } = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v1/sync/push",
          headers: { cookie, "content-type": "application/json" },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        },
      );
      req.on("error", (err) => (opts.hangUpAfter === undefined ? reject(err) : resolve({ status: 0, body: "" })));
      let i = 0;
      const next = () => {
        if (opts.hangUpAfter !== undefined && i === opts.hangUpAfter) {
          req.destroy();
          resolve({ status: 0, body: "" });
          return;
        }
        if (i === chunks.length) {
          req.end();
          return;
        }
        const ok = req.write(chunks[i++]);
        if (ok) setImmediate(next);
        else req.once("drain", next);
      };
      next();
    });
  }

  const json = (value: unknown) => [Buffer.from(JSON.stringify(value))];

  async function stored(): Promise<number> {
    const r = await s.call("GET", "/api/v1/sync/pull", { cookie });
    expect(r.status).toBe(200);
    return r.body.entries.length;
  }

  it("stores a push sent in pieces", async () => {
    const entries = Array.from({ length: 40 }, () => makeEntry());
    const bytes = Buffer.from(JSON.stringify({ clientId: "socket-1", entries }));
    const pieces = [bytes.subarray(0, 100), bytes.subarray(100, 3000), bytes.subarray(3000)];
    const r = await post(pieces);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).results.map((x: { status: string }) => x.status)).toEqual(entries.map(() => "stored"));
    expect(await stored()).toBe(40);
  });

  it("refuses a streamed body past 1 MiB with 413, stores nothing, and serves the next push", async () => {
    const head = Buffer.from(`{"clientId":"socket-2","entries":[${JSON.stringify(makeEntry())}],"pad":"`);
    const pad = Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 0x20)); // 2.5 MiB of spaces
    const r = await post([head, ...pad, Buffer.from('"}')]);
    expect(r.status).toBe(413);
    expect(r.connection).toBe("close"); // the rest of the body is not read: no keep-alive
    expect(JSON.parse(r.body).error.code).toBe("too-large");
    expect(await stored()).toBe(40);
    const next = await post(json({ clientId: "socket-2", entries: [makeEntry()] }));
    expect(next.status).toBe(200);
    expect(await stored()).toBe(41);
  });

  it("reads and drops the rest of a body declared past 1 MiB, so a client still sending gets the 413, not a reset", async () => {
    // A client that reads its answer only once it has sent its whole request (as many do): if the
    // server closed with bytes unread, the kernel's reset would throw the waiting 413 away.
    const body = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const head =
      "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
      `Cookie: ${cookie}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const sock = connect(port, "127.0.0.1");
    sock.pause();
    const answer = await new Promise<string>((resolve) => {
      let text = "";
      let failed = "";
      sock.on("error", (err) => {
        failed = String(err);
      });
      sock.on("close", () => resolve(text || `no answer: ${failed}`));
      sock.on("data", (d: Buffer) => {
        text += d.toString("utf8");
      });
      sock.once("connect", async () => {
        sock.write(head);
        for (let at = 0; at < body.length; at += 128 * 1024) {
          if (!sock.write(body.subarray(at, at + 128 * 1024))) await new Promise((r) => sock.once("drain", r));
          await new Promise((r) => setTimeout(r, 10));
        }
        await new Promise((r) => setTimeout(r, 100));
        sock.resume();
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  it("stops reading a refused body past the lingering cap, and carries on serving", async () => {
    // 64 MiB declared, sent as fast as loopback takes it: the server drops ~4 MiB past the limit,
    // then answers and closes. The client may see the 413 or a reset; the server must not read on.
    const sock = connect(port, "127.0.0.1");
    const total = 64 * 1024 * 1024;
    let sent = 0;
    const closed = new Promise<void>((resolve) => {
      sock.on("error", () => {});
      sock.on("close", () => resolve());
      sock.once("connect", async () => {
        sock.write(
          "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            `Cookie: ${cookie}\r\nContent-Length: ${total}\r\n\r\n`,
        );
        const piece = Buffer.alloc(256 * 1024, 0x20);
        while (sent < total && !sock.destroyed) {
          sent += piece.length;
          if (!sock.write(piece)) await new Promise((r) => sock.once("drain", r).once("close", r));
        }
      });
    });
    await closed;
    expect(sent).toBeLessThan(total);
    const me = await new Promise<number>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/api/v1/auth/me", headers: { cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(me).toBe(200);
  });

  it("refuses bytes that are not UTF-8 with 400", async () => {
    const before = Buffer.from(`{"clientId":"socket-3","entries":[${JSON.stringify(makeEntry({ note: "x" }))}]}`);
    const at = before.indexOf('"note":"x"') + 9;
    const bad = Buffer.concat([before.subarray(0, at), Buffer.from([0xc3, 0x28]), before.subarray(at)]);
    const r = await post([bad]);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe("invalid");
    expect(await stored()).toBe(41);
  });

  it("a client hanging up mid-body stores nothing and the server carries on", async () => {
    const bytes = Buffer.from(JSON.stringify({ clientId: "socket-4", entries: [makeEntry(), makeEntry()] }));
    const before = taken;
    await post([bytes.subarray(0, 200), bytes.subarray(200)], { hangUpAfter: 1 });
    // The server is done with the abandoned push once it has taken it and its handler has settled.
    await vi.waitFor(
      () => {
        expect(taken).toBe(before + 1);
        expect(inFlight).toBe(0);
      },
      { timeout: 5_000 },
    );
    expect(await stored()).toBe(41);
    const r = await post(json({ clientId: "socket-4", entries: [makeEntry()] }));
    expect(r.status).toBe(200);
    expect(await stored()).toBe(42);
  });

  it("a body read after the client has left settles instead of waiting for ever", async () => {
    const settled: string[] = [];
    let entered = () => {};
    const handling = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const app = new Hono();
    app.post("/", async (c) => {
      entered();
      await new Promise((res) => setTimeout(res, 200)); // an earlier await (a session lookup, say)
      try {
        settled.push(`read ${await readBoundedText(c, 1_000)}`);
      } catch (err) {
        settled.push(`refused ${String(err)}`);
      }
      return c.text("x");
    });
    const slow = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    try {
      await new Promise<void>((resolve) => slow.once("listening", () => resolve()));
      const sock = connect((slow.address() as AddressInfo).port, "127.0.0.1");
      sock.on("error", () => {});
      await new Promise<void>((resolve) => sock.once("connect", () => resolve()));
      sock.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      await handling;
      sock.destroy();
      // Settled (read or refused); a body waiting for ever would time this out.
      await vi.waitFor(() => expect(settled).toHaveLength(1), { timeout: 5_000 });
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
