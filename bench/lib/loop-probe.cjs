// Preloaded into the server by the load bench (`node --require bench/lib/loop-probe.cjs …`): how
// long the server's event loop was held, which is how long a connection waiting to be accepted,
// or an answer ready to be written, waits (Node accepts one connection per turn of the loop:
// bench/README.md, "Load"). Every 250 ms one JSON line on stdout, beside the server's own log:
// the delay of a 1 ms timer (perf_hooks), p50 / p99 / max in ms, and how many turns were held
// more than 10 ms. Not part of the server: the bench adds it to both builds it compares.
const { monitorEventLoopDelay } = require("node:perf_hooks");

const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
const ms = (ns) => Math.round(ns / 1e4) / 100;
setInterval(() => {
  if (h.count === 0) return;
  const line = {
    level: "info",
    msg: "event loop",
    p50: ms(h.percentile(50)),
    p99: ms(h.percentile(99)),
    max: ms(h.max),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  h.reset();
}, 250).unref();
