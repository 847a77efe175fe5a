/**
 * Preloaded into a language server (`node --require eventLoopProbe.cjs dist/server.js`) by
 * eventLoop.test.ts and measureEventLoop.mjs: measures how long the server's event loop is
 * blocked, without any change to the server. Every stall of more than STALL_MS (the gap
 * between two ticks of a 10 ms timer, less the 10 ms) is written, with its end time
 * (Date.now()), to the JSON file named by DRIFT_EVENT_LOOP_PROBE, as is the maximum of
 * perf_hooks.monitorEventLoopDelay; the file is rewritten every 100 ms and at exit, each time
 * with a sample of the time the event loop has been active so far (eventLoopUtilization:
 * time spent running, not waiting; unlike a stall, a busy machine that keeps the process
 * waiting for a core does not add to it while the loop is idle).
 * Worker threads inherit --require: the probe watches the server's own thread only.
 */
const { renameSync, writeFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');

const out = process.env.DRIFT_EVENT_LOOP_PROBE;
if (out && isMainThread) {
  const STALL_MS = 20;
  const TICK_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  histogram.enable();
  const stalls = [];
  const active = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const stall = now - last - TICK_MS;
    if (stall > STALL_MS) stalls.push({ endedAt: Date.now(), ms: Math.round(stall) });
    last = now;
  }, TICK_MS).unref();
  // Written aside, then renamed: a reader never sees half a file.
  const write = () => {
    active.push({ at: Date.now(), ms: performance.eventLoopUtilization().active });
    writeFileSync(
      `${out}.tmp`,
      JSON.stringify({ pid: process.pid, writtenAt: Date.now(), histogramMaxMs: histogram.max / 1e6, stalls, active }),
    );
    renameSync(`${out}.tmp`, out);
  };
  // A first sample at once: a server that starts quickly may be asked to analyze within the first 100 ms.
  write();
  setInterval(write, 100).unref();
  process.on('exit', write);
}
