/**
 * More than one connection accepted per turn of the event loop.
 *
 * libuv (1.45 on, so Node 20) accepts one connection per turn of the loop for each listening
 * handle (libuv/libuv#3696). On report day a hundred phones connect in the same instant, and
 * each turn of a busy server reads and plans the pushes of the phones already connected (~10 ms):
 * the last phones waited one turn per phone ahead of them, ~1 s, for their first answer, while
 * the pushes of phones already connected took ≤ 140 ms (bench/README.md, "Where the tail came
 * from"). Node 20 has no `reusePort`, but one listening socket may be watched by several
 * handles, each accepting one connection per turn: a short-lived child process hands the
 * listening handle back over its IPC channel, which gives this process another descriptor of
 * the same socket (SCM_RIGHTS), as the cluster module does for its workers. The child never
 * listens itself: it receives the raw handle, sends it back and closes its copy.
 */
import { spawn } from "node:child_process";
import type { Server } from "node:http";
import { createServer, type Server as NetServer } from "node:net";

/** The child: send every handle back as it came, then close its own copy. */
const ECHO = `process.on("message", (m, h) => process.send(m, h, () => h.close()));
process.on("disconnect", () => process.exit(0));`;

/** Another descriptor of each listening handle, `count` times, from a child that echoes them back. */
async function duplicates(handle: object, count: number, node: string): Promise<object[]> {
  const child = spawn(node, ["-e", ECHO], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  // A helper that could not start also reports its closed channel later: nothing more to do then.
  child.on("error", () => {});
  const out: object[] = [];
  try {
    for (let i = 0; i < count; i++) {
      out.push(
        await new Promise<object>((resolve, reject) => {
          const fail = (err?: unknown) => {
            child.off("exit", fail);
            child.off("error", fail);
            reject(err instanceof Error ? err : new Error("the accept helper exited before answering"));
          };
          child.once("exit", fail);
          child.once("error", fail);
          child.once("message", (_m, h) => {
            child.off("exit", fail);
            child.off("error", fail);
            if (h) resolve(h);
            else reject(new Error("the accept helper sent no handle back"));
          });
          // A raw handle ("net.Native"): the child does not listen on it, it only holds it.
          child.send("listener", handle as never, (err) => {
            if (err) fail(err);
          });
        }),
      );
    }
    return out;
  } catch (err) {
    // Descriptors already received would hold the listening socket open after a stop.
    for (const h of out) (h as { close?: () => void }).close?.();
    throw err;
  } finally {
    if (child.connected) child.disconnect();
    else child.kill();
  }
}

/**
 * Watch `server`'s listening socket with `extra` more handles; each passes what it accepts to
 * `server` as if `server` had accepted it (its 'connection' listeners: the caps and timeouts of
 * ./listen.ts). `server.close()` closes them too.
 */
export async function addAcceptors(server: Server, extra: number, node: string = process.execPath): Promise<void> {
  const own = (server as unknown as { _handle?: object })._handle;
  if (extra <= 0 || !own) return;
  const handles = await duplicates(own, extra, node);
  const acceptors: NetServer[] = [];
  const closeOwn = server.close.bind(server);
  server.close = ((done?: (err?: Error) => void) => {
    for (const a of acceptors) a.close();
    return closeOwn(done);
  }) as Server["close"];
  for (const [i, handle] of handles.entries()) {
    // The same socket options as the HTTP server's own handle gives its connections.
    const acceptor = createServer({ noDelay: true }, (socket) => server.emit("connection", socket));
    try {
      await new Promise<void>((resolve, reject) => {
        acceptor.once("error", reject);
        acceptor.listen(handle, () => resolve());
      });
    } catch (err) {
      for (const rest of handles.slice(i)) (rest as { close?: () => void }).close?.();
      throw err;
    }
    acceptors.push(acceptor);
  }
}
