/**
 * The client's network address, for the per-address sign-in locks and connection caps. An IPv6
 * client usually holds a whole /64 (a phone or a home router gets one and picks addresses in it
 * at will), so IPv6 addresses are counted by their /64; IPv4-mapped IPv6 is plain IPv4.
 */
import { isIPv6 } from "node:net";
import type { Context } from "hono";

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * The socket's remote address; behind a trusted proxy, the last X-Forwarded-For hop (the one
 * that proxy appended; earlier hops are whatever the client claimed). Bind the server to
 * loopback (HOST=127.0.0.1) when trusting a proxy, or anyone reaching the port directly could
 * claim any address.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = c.req
      .header("x-forwarded-for")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const last = hops?.at(-1);
    if (last) return addressKey(last);
  }
  const env = c.env as NodeBindings | undefined;
  return addressKey(env?.incoming?.socket?.remoteAddress ?? "unknown");
}

/** The key an address is counted under: IPv4 as is, IPv6 as its /64 ("2001:db8:1:2::/64"). */
export function addressKey(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIPv6(bare)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  const groups = expandIPv6(bare);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight hextets of a valid IPv6 address, lower case without leading zeros. */
function expandIPv6(address: string): string[] {
  // A trailing dotted IPv4 part stands for the last two hextets.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((h) => Number.parseInt(h, 16).toString(16));
}
