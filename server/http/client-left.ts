/** Whether the client of a request has gone (closed the connection before its body was whole). */
import type { Context } from "hono";

type NodeIncoming = { destroyed?: boolean; complete?: boolean; aborted?: boolean };

/** True under @hono/node-server when the request stream was torn down before it ended. */
export function clientLeft(c: Context): boolean {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (incoming === undefined) return false;
  return incoming.aborted === true || (incoming.destroyed === true && incoming.complete !== true);
}
