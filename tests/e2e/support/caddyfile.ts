/**
 * deploy/Caddyfile as shipped, changed only where a run on loopback must: no admin endpoint, the
 * server's port, and either HTTPS for `localhost` with Caddy's internal CA and a log file of the
 * run's own (the deployment test), or plain HTTP without a log (the load bench through the proxy).
 * Everything else (timeouts, body limit, `buffer_requests`, `lb_try_duration`) is the shipped
 * file's, so both measure the recipe a federation deploys. The caller reads the file.
 */

/** Where Caddy listens on loopback. */
export type LoopbackSite =
  | { kind: "https"; httpPort: number; httpsPort: number; logFile: string }
  | { kind: "http"; port: number };

/** `shipped` (deploy/Caddyfile's text) for loopback; throws when its shape no longer allows it. */
export function loopbackCaddyfile(shipped: string, serverPort: number, site: LoopbackSite): string {
  const https = site.kind === "https";
  const global = https
    ? `\thttp_port ${site.httpPort}\n\thttps_port ${site.httpsPort}\n\tskip_install_trust\n`
    : "\tauto_https off\n";
  const address = https
    ? `localhost:${site.httpsPort} {\n\tbind 127.0.0.1\n\ttls internal`
    : `http://127.0.0.1:${site.port} {\n\tbind 127.0.0.1`;
  const changed = shipped
    .replace(/^\{\n/m, `{\n\tadmin off\n${global}`)
    .replace("thidua.example.vn {", address)
    .replace("127.0.0.1:8080", `127.0.0.1:${serverPort}`);
  const logged = https
    ? changed.replace("/var/log/caddy/so-thi-dua.log", site.logFile)
    : changed.replace(/\n\tlog \{[^}]*\}\n/, "\n");
  const expected = [`127.0.0.1:${serverPort}`, "buffer_requests", address, https ? site.logFile : "admin off"];
  const missing = expected.filter((part) => !logged.includes(part));
  if (missing.length > 0 || (!https && logged.includes("/var/log/"))) {
    throw new Error(`deploy/Caddyfile changed shape: cannot adapt it for loopback (missing ${missing.join(", ")})`);
  }
  return logged;
}
