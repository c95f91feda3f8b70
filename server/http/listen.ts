/**
 * Serving the app on a port, hardened against slow and greedy clients. Node keeps a socket open
 * for as long as a client trickles bytes, so without limits a body sent a byte every 5 s held a
 * connection 321 s and ~1,100 such sockets used up the process's 1,024 file descriptors:
 * - the request's headers must arrive within `headersTimeoutMs` (~10 s);
 * - a whole request may take `requestTimeoutMs` (~300 s: a 1 MiB push must pass at 50 kbit/s,
 *   DESIGN §7), after which Node answers 408 and closes;
 * - at most `maxConnections` sockets in all and `maxConnectionsPerAddress` from one address
 *   (an IPv6 /64 counts as one); a socket over a cap is closed at once. Behind a reverse proxy
 *   every socket comes from the proxy, so the per-address cap is left to it (TRUST_PROXY), and
 *   loopback peers (the proxy, the benchmarks, the admin's own curl) are never capped per address;
 * - the listening socket is watched by `acceptors` handles, so a burst of connections (report
 *   day) is accepted that many per turn of the event loop instead of one (./acceptors.ts).
 */
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import type { Logger } from "../log";
import { addAcceptors } from "./acceptors";
import { addressKey } from "./client-address";

/** Where and how to listen. */
export type ListenOptions = {
  port: number;
  /** Bind address: 0.0.0.0 (default) or 127.0.0.1 behind a reverse proxy on the same machine. */
  host: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  /** 0: no per-address cap (behind a proxy). */
  maxConnectionsPerAddress: number;
  /** Handles accepting on the listening socket (1: Node's own alone). */
  acceptors?: number;
  /** The Node binary that runs the acceptors' helper (tests: one that cannot start). */
  node?: string;
  /** Cap loopback peers per address too (tests only; default: they are not capped). */
  capLoopback?: boolean;
  log: Logger;
};

/** The production limits. */
export const defaultListenLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  maxConnections: 800,
  maxConnectionsPerAddress: 32,
  // 96 phones connecting at once: first answers p99 ~1 s with 1, ≤ ~300 ms with 32 (bench/README.md).
  acceptors: 32,
} as const;

/** Serve `app` with the limits above; resolves once listening, with the server and its port. */
export async function listen(app: Hono<AppEnv>, options: ListenOptions): Promise<{ server: Server; port: number }> {
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: options.host,
    serverOptions: {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default, too coarse for 10 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, options.headersTimeoutMs / 4)),
    },
  }) as Server;
  // Counted here rather than by `server.maxConnections`, which sees only its own handle's sockets.
  capTotal(server, options.maxConnections);
  if (options.maxConnectionsPerAddress > 0) {
    capPerAddress(server, options.maxConnectionsPerAddress, options.capLoopback ?? false, options.log);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  // Only faster accepting is lost if the helper cannot run (no process may be started here).
  await addAcceptors(server, (options.acceptors ?? 1) - 1, options.node).catch((err: unknown) => {
    options.log({ msg: "accepting one connection per turn", level: "warn", error: String(err) });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Close any socket beyond `max` open in all, whichever handle accepted it. */
function capTotal(server: Server, max: number): void {
  let open = 0;
  server.on("connection", (socket: Socket) => {
    if (open >= max) {
      socket.destroy();
      return;
    }
    open++;
    socket.once("close", () => {
      open--;
    });
  });
}

/** Close any socket beyond `max` open from one address (logged once per address and minute). */
function capPerAddress(server: Server, max: number, capLoopback: boolean, log: Logger): void {
  const open = new Map<string, number>();
  const warned = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (!capLoopback && isLoopback(address)) return;
    const key = addressKey(address);
    const n = (open.get(key) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      const now = Date.now();
      if ((warned.get(key) ?? 0) < now - 60_000) {
        if (warned.size > 10_000) warned.clear();
        warned.set(key, now);
        log({ msg: "connection refused: too many from one address", level: "warn", address: key, max });
      }
      return;
    }
    open.set(key, n);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}

/** 127.0.0.0/8 and ::1, also written IPv4-mapped. */
function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./i.test(address);
}
