/**
 * A TCP proxy on loopback that counts the bytes crossing it each way and can hold them to a
 * link's speed: a shared downlink and uplink (bits per second) and a round-trip time, as a 2G
 * phone sees them. It sits in front of the server rather than in the page (DESIGN §7: Chromium's
 * page-level network emulation does not slow the service worker's fetches), so every byte the
 * browser receives, the service worker's precache included, is counted and slowed. Counts are
 * bytes on the TCP stream: HTTP headers included, bodies as the server sent them (compressed).
 */

import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";

/** A link's speed; omit for an unthrottled, counting-only proxy. */
export type Link = { downBitsPerSecond: number; upBitsPerSecond: number; rttMs: number };

/** 2G/EDGE as DESIGN §5 states it: 250 kbit/s down, 50 kbit/s up, 300 ms round trip. */
export const TWO_G: Link = { downBitsPerSecond: 250_000, upBitsPerSecond: 50_000, rttMs: 300 };

/** One direction of the link: serialises pieces at its rate, delivers each half an RTT later. */
class Pipe {
  private busyUntil = 0;
  bytes = 0;
  constructor(
    private readonly bitsPerSecond: number | undefined,
    private readonly oneWayMs: number,
  ) {}

  /** Send `chunk` to `to`, after the link has carried it. */
  carry(chunk: Buffer, to: Socket): void {
    this.bytes += chunk.length;
    if (this.bitsPerSecond === undefined) {
      to.write(chunk);
      return;
    }
    for (let at = 0; at < chunk.length; at += 1460) {
      const piece = chunk.subarray(at, at + 1460);
      const now = performance.now();
      this.busyUntil = Math.max(now, this.busyUntil) + (piece.length * 8 * 1000) / this.bitsPerSecond;
      const deliverIn = this.busyUntil + this.oneWayMs - now;
      setTimeout(() => {
        if (!to.destroyed) to.write(piece);
      }, deliverIn);
    }
  }

  /** When the last byte given to the link arrives (ms, performance.now clock). */
  get drainedAt(): number {
    return this.bitsPerSecond === undefined ? 0 : this.busyUntil + this.oneWayMs;
  }
}

/** The proxy: `listen()` answers its URL; `down`/`up` count bytes since the start or `reset()`. */
export class WireProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private down: Pipe;
  private up: Pipe;

  constructor(
    private readonly upstreamPort: number,
    private readonly link?: Link,
  ) {
    this.down = new Pipe(link?.downBitsPerSecond, (link?.rttMs ?? 0) / 2);
    this.up = new Pipe(link?.upBitsPerSecond, (link?.rttMs ?? 0) / 2);
  }

  /** Bytes server → browser and browser → server so far. */
  get bytes(): { down: number; up: number } {
    return { down: this.down.bytes, up: this.up.bytes };
  }

  /** Start counting again from zero. */
  reset(): void {
    this.down.bytes = 0;
    this.up.bytes = 0;
  }

  async listen(): Promise<string> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      const server = connect(this.upstreamPort, "127.0.0.1");
      this.sockets.add(server);
      const closeBoth = () => {
        // Let bytes still on the link arrive before the far side sees the close.
        const wait = Math.max(0, Math.max(this.down.drainedAt, this.up.drainedAt) - performance.now());
        setTimeout(() => {
          client.destroy();
          server.destroy();
          this.sockets.delete(client);
          this.sockets.delete(server);
        }, wait);
      };
      // The TCP handshake costs a round trip before the first byte.
      const rtt = this.link?.rttMs ?? 0;
      client.pause();
      server.once("connect", () => setTimeout(() => client.resume(), rtt));
      client.on("data", (d: Buffer) => this.up.carry(d, server));
      server.on("data", (d: Buffer) => this.down.carry(d, client));
      client.on("close", closeBoth).on("error", closeBoth);
      server.on("close", closeBoth).on("error", closeBoth);
    });
    const server = this.server;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
