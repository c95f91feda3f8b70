/**
 * The server as `npm start` listens (server/http/listen.ts), over real sockets: slow clients are
 * timed out (headers, whole request), connections are capped per address and in total, and an
 * upload the client abandons is logged as one info line, not an error with a stack.
 */
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { expect, it } from "vitest";
import { type ListenOptions, listen } from "../../server/http/listen";
import type { LogFields } from "../../server/log";
import { describeEachStore, makeEntry, startTestServer } from "./helpers";

/** A test server listening on a loopback port with the given limits; `lines` collects its log. */
async function listening(limits: Partial<ListenOptions> = {}) {
  const lines: LogFields[] = [];
  const log = (f: LogFields) => {
    lines.push(f);
  };
  const s = await startTestServer({ log });
  const { server, port } = await listen(s.app, {
    port: 0,
    host: "127.0.0.1",
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 300_000,
    maxConnections: 100,
    maxConnectionsPerAddress: 0,
    log,
    ...limits,
  });
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await s.close();
  };
  return { s, server, port, lines, close };
}

/** Open a raw socket; resolves once connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** What the server did with the socket: what it sent and when it closed it (ms after the call), or "open" after `ms`. */
function outcome(socket: Socket, ms: number): Promise<{ closedAfter: number | "open"; received: string }> {
  const started = performance.now();
  let received = "";
  socket.on("data", (d) => {
    received += d.toString("latin1");
  });
  socket.on("error", () => {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ closedAfter: "open", received }), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ closedAfter: performance.now() - started, received });
    });
  });
}

/** GET /healthz over a fresh connection. */
function health(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describeEachStore("production: slow clients and connection caps", () => {
  it("closes a connection whose headers do not arrive within the headers timeout", async () => {
    const t = await listening({ headersTimeoutMs: 400 });
    try {
      const socket = await open(t.port);
      socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
      const o = await outcome(socket, 5000);
      expect(o.closedAfter).not.toBe("open");
      expect(o.closedAfter as number).toBeLessThan(3000);
      expect(await health(t.port)).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("answers 408 and closes a request whose body trickles past the request timeout", async () => {
    const t = await listening({ headersTimeoutMs: 300, requestTimeoutMs: 800 });
    try {
      const socket = await open(t.port);
      socket.write(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
      );
      const drip = setInterval(() => socket.writable && socket.write(" "), 100);
      const o = await outcome(socket, 6000);
      clearInterval(drip);
      expect(o.closedAfter).not.toBe("open");
      expect(o.closedAfter as number).toBeLessThan(4000);
      expect(o.received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await t.close();
    }
  });

  it("caps connections from one address, and frees the place when one closes", async () => {
    const t = await listening({ maxConnectionsPerAddress: 3, capLoopback: true });
    try {
      const held = await Promise.all([open(t.port), open(t.port), open(t.port)]);
      const extra = await open(t.port);
      const o = await outcome(extra, 2000);
      expect(o.closedAfter).not.toBe("open");
      expect(t.lines.some((l) => l.msg === "connection refused: too many from one address")).toBe(true);
      held[0]?.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(await health(t.port)).toBe(200);
      for (const h of held) h.destroy();
    } finally {
      await t.close();
    }
  });

  it("does not cap loopback peers per address by default (the proxy, benchmarks)", async () => {
    const t = await listening({ maxConnectionsPerAddress: 2 });
    try {
      const held = await Promise.all([open(t.port), open(t.port), open(t.port)]);
      expect(await health(t.port)).toBe(200);
      for (const h of held) h.destroy();
    } finally {
      await t.close();
    }
  });

  it.each([1, 4])("caps connections in total, with %i handle(s) accepting", async (acceptors) => {
    const t = await listening({ maxConnections: 3, acceptors });
    try {
      const held = await Promise.all([open(t.port), open(t.port), open(t.port)]);
      const o = await outcome(await open(t.port), 2000);
      expect(o.closedAfter).not.toBe("open");
      for (const h of held) h.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(await health(t.port)).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("accepts a burst of waiting connections several per turn of the event loop, not one", async () => {
    /** How many of 8 connections, all waiting in the kernel's queue, one turn of the loop accepts. */
    const acceptedInOneTurn = async (acceptors: number) => {
      const t = await listening({ acceptors });
      const sockets: Socket[] = [];
      try {
        let accepted = 0;
        t.server.on("connection", () => {
          accepted++;
        });
        const counted = await new Promise<number>((resolve) => {
          // The connects go out right after this callback (net defers them a tick)…
          setTimeout(() => {
            for (let i = 0; i < 8; i++) sockets.push(connect(t.port, "127.0.0.1").on("error", () => {}));
          }, 0);
          // …and complete in the kernel while the loop is held here; the next poll phase accepts,
          // and the check phase right after it counts what that one turn accepted.
          setTimeout(() => {
            const until = performance.now() + 150;
            while (performance.now() < until) {}
            setImmediate(() => resolve(accepted));
          }, 0);
        });
        return counted;
      } finally {
        for (const socket of sockets) socket.destroy();
        await t.close();
      }
    };
    const one = await acceptedInOneTurn(1);
    const eight = await acceptedInOneTurn(8);
    expect(eight).toBeGreaterThanOrEqual(4);
    expect(eight).toBeGreaterThan(one);
  });

  it("stops accepting on every handle once closed, and serves through each until then", async () => {
    const t = await listening({ acceptors: 4 });
    for (let i = 0; i < 12; i++) expect(await health(t.port)).toBe(200);
    await t.close();
    await expect(health(t.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("still serves, with Node's own handle and a warning, when the acceptors' helper cannot start", async () => {
    const t = await listening({ acceptors: 4, node: "/nonexistent/node" });
    try {
      expect(t.lines.some((l) => l.msg === "accepting one connection per turn" && l.level === "warn")).toBe(true);
      for (let i = 0; i < 3; i++) expect(await health(t.port)).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("logs an upload the client abandons as one info line, with no error and no stack", async () => {
    const t = await listening();
    try {
      const cookie = await t.s.login("tamduong");
      const body = JSON.stringify({ clientId: "abandoning", entries: [makeEntry(), makeEntry()] });
      const socket = await open(t.port);
      socket.write(
        `POST /api/v1/sync/push HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 50)}`,
      );
      await new Promise((r) => setTimeout(r, 200));
      socket.destroy();
      await new Promise((r) => setTimeout(r, 300));
      const about = t.lines.filter((l) => l.path === "/api/v1/sync/push" || l.msg === "unhandled error");
      expect(about).toHaveLength(1);
      expect(about[0]).toMatchObject({ msg: "upload aborted", path: "/api/v1/sync/push" });
      expect(about[0]?.level ?? "info").toBe("info");
      expect(about[0]).not.toHaveProperty("stack");
      expect(t.lines.some((l) => l.level === "error")).toBe(false);
    } finally {
      await t.close();
    }
  });
});
