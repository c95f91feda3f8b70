/**
 * The fault proxy: an HTTP proxy on loopback between the simulated devices and the real server.
 * Each request draws a fault from the seeded generator (DESIGN §2's failure modes): the request
 * is dropped before it reaches the server, stalled, answered 500/503/429 by the proxy, or
 * forwarded and then spoiled after the server has committed it (the connection cut, a 502 in
 * place of the answer, or the answer truncated). The last three are the cases that make a
 * device retry entries the server already holds: the exactly-once promise rests on them.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Rng } from "../lib/rng";

/** What can happen to one request. */
export type FaultKind =
  | "pass"
  | "drop"
  | "stall"
  | "http-500"
  | "http-503"
  | "http-429"
  | "cut-after-commit"
  | "502-after-commit"
  | "truncated";

/** Relative weights of the faults for push requests and for the other routes. */
export type FaultWeights = Readonly<Record<FaultKind, number>>;

export const PUSH_FAULTS: FaultWeights = {
  pass: 52,
  drop: 6,
  stall: 6,
  "http-500": 5,
  "http-503": 5,
  "http-429": 4,
  "cut-after-commit": 9,
  "502-after-commit": 7,
  truncated: 6,
};

export const OTHER_FAULTS: FaultWeights = {
  pass: 80,
  drop: 5,
  stall: 3,
  "http-500": 3,
  "http-503": 3,
  "http-429": 2,
  "cut-after-commit": 2,
  "502-after-commit": 1,
  truncated: 1,
};

/** The proxy with its counters. */
export class FaultProxy {
  private server: Server | undefined;
  /** Faults injected, by kind ("pass" excluded), plus requests that met a dead server. */
  readonly injected = new Map<string, number>();
  requests = 0;
  enabled = true;
  /** Called when a push has been handed to the server and its answer is not back yet. */
  onPushForwarded: (() => void) | undefined;

  constructor(
    private readonly upstreamPort: number,
    private readonly rng: Rng,
    private readonly stallMs: readonly [number, number] = [300, 2500],
  ) {}

  /** Listen on a free loopback port; answers its URL. */
  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private count(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const body = await readAll(req);
    const isPush = req.url?.startsWith("/api/v1/sync/push") ?? false;
    const fault: FaultKind = this.enabled ? this.rng.weighted(isPush ? PUSH_FAULTS : OTHER_FAULTS) : "pass";
    if (fault !== "pass") this.count(fault);

    switch (fault) {
      case "drop":
        return void req.socket.destroy();
      case "http-500":
      case "http-503":
        return void sendJson(res, fault === "http-500" ? 500 : 503, { error: { code: "proxy", message: fault } });
      case "http-429":
        res.setHeader("Retry-After", "1");
        return void sendJson(res, 429, { error: { code: "throttled", message: "proxy says slow down" } });
      case "stall":
        await sleep(this.rng.int(this.stallMs[0], this.stallMs[1]));
        break;
    }

    let answer: Upstream;
    try {
      answer = await this.forward(req, body, isPush);
    } catch {
      // The server is down (killed, restarting): the device sees a dead connection.
      this.count("server-down");
      return void req.socket.destroy();
    }
    if (fault === "cut-after-commit") return void req.socket.destroy();
    if (fault === "502-after-commit") {
      return void sendJson(res, 502, { error: { code: "bad-gateway", message: "proxy lost the answer" } });
    }
    res.writeHead(answer.status, answer.headers);
    if (fault === "truncated" && answer.body.length > 1) {
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      // Give the half a moment to leave, then kill the connection mid-body.
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    res.end(answer.body);
  }

  private forward(req: IncomingMessage, body: Buffer, isPush: boolean): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${this.upstreamPort}` };
      delete headers.connection;
      const up = request(
        { host: "127.0.0.1", port: this.upstreamPort, method: req.method, path: req.url, headers, agent: false },
        (r) => {
          readAll(r).then((b) => {
            const out: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(r.headers)) {
              if (v !== undefined && k !== "connection" && k !== "transfer-encoding" && k !== "keep-alive") out[k] = v;
            }
            out["content-length"] = String(b.length);
            resolve({ status: r.statusCode ?? 502, headers: out, body: b });
          }, reject);
        },
      );
      up.on("error", reject);
      up.end(body, () => {
        if (isPush) this.onPushForwarded?.();
      });
    });
  }
}

type Upstream = { status: number; headers: Record<string, string | string[]>; body: Buffer };

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
