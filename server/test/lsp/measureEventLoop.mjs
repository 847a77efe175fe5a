/**
 * The language server's event loop during one analysis of a config, measured as
 * eventLoop.test.ts does but on any pair (a 1M- or 3M-row one from bench/generate.mjs):
 *
 *   node esbuild.mjs && node server/test/lsp/measureEventLoop.mjs /tmp/b3m/drift.yaml [maxRows]
 *
 * Prints the run's wall time, the longest stall of the server's event loop during the
 * run and the one as the report arrived (its last 300 ms), the maximum of
 * perf_hooks.monitorEventLoopDelay over the server's life (startup included), the slowest
 * answer to a request sent every 50 ms, and the longest gap between two progress
 * notifications, and the time the server's event loop was active during the run (what
 * eventLoop.test.ts compares with the same analysis on one thread). VERBOSE=1 lists every stall. SERVER_NODE_ARGS are given to the server's
 * node: SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles it (each worker
 * thread to a file of its own).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const [configArg, maxRowsArg] = process.argv.slice(2);
if (!configArg) {
  console.error('usage: node server/test/lsp/measureEventLoop.mjs <drift.yaml> [maxRows]');
  process.exit(2);
}
const serverPath = new URL('../../../dist/server.js', import.meta.url).pathname;
const probePath = new URL('./eventLoopProbe.cjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-event-loop-'));
const probeFile = join(scratch, 'probe.json');
const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const server = spawn(process.execPath, [...nodeArgs, '--require', probePath, serverPath, '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, DRIFT_EVENT_LOOP_PROBE: probeFile },
});
const connection = createMessageConnection(
  new StreamMessageReader(server.stdout),
  new StreamMessageWriter(server.stdin),
);
const progress = [];
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onNotification('$/progress', (params) =>
  progress.push({ at: Date.now(), message: params.value?.message ?? `(${params.value?.kind})` }),
);
connection.listen();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: null,
  capabilities: { window: { workDoneProgress: true } },
});
await connection.sendNotification('initialized', {});
const uri = pathToFileURL(resolve(configArg)).toString();
const started = Date.now();
const running = connection.sendRequest('driftMonitor/runAnalysis', {
  uri,
  workDoneToken: 'run',
  ...(maxRowsArg !== undefined && { maxRows: Number(maxRowsArg) }),
});
let done = false;
const answers = [];
const pinging = (async () => {
  while (!done) {
    const sent = Date.now();
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).catch(() => undefined);
    answers.push(Date.now() - sent);
    await new Promise((r) => setTimeout(r, 50));
  }
})();
const report = await running;
const finished = Date.now();
done = true;
await pinging;
await new Promise((r) => setTimeout(r, 250));
const probe = JSON.parse(readFileSync(probeFile, 'utf8'));
await connection.sendRequest('shutdown').catch(() => undefined);
await connection.sendNotification('exit').catch(() => undefined);
connection.dispose();
// Let the server exit by itself (so that --cpu-prof writes its profile), killed if it does not.
if (server.exitCode === null && server.signalCode === null) {
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    server.once('exit', () => resolve(clearTimeout(timer)));
  });
}
server.kill();
rmSync(scratch, { recursive: true, force: true });

const during = probe.stalls.filter((s) => s.endedAt >= started && s.endedAt <= finished + 100);
const times = [started, ...progress.map((p) => p.at), finished];
const gaps = times.slice(1).map((t, i) => ({ ms: t - times[i], after: i === 0 ? '(start)' : progress[i - 1].message }));
const widest = gaps.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(`rows: ${report.reference.rows.toLocaleString('en-US')} + ${report.current.rows.toLocaleString('en-US')}`);
console.log(`analysis wall time: ${((finished - started) / 1000).toFixed(2)} s`);
console.log(
  `longest event-loop stall during the run: ${Math.max(0, ...during.map((s) => s.ms))} ms (${during.length} stalls over 20 ms)`,
);
console.log(
  `longest stall as the report arrived: ${Math.max(0, ...during.filter((s) => s.endedAt >= finished - 300).map((s) => s.ms))} ms`,
);
console.log(`monitorEventLoopDelay max over the server's life: ${probe.histogramMaxMs.toFixed(1)} ms`);
const activeBefore = probe.active.filter((a) => a.at <= started).at(-1) ?? { ms: 0 };
const activeAfter = probe.active.find((a) => a.at >= finished) ?? probe.active.at(-1);
console.log(
  `event loop active during the run: ${Math.round(activeAfter.ms - activeBefore.ms)} ms of ${finished - started} ms`,
);
console.log(`slowest answer to a request during the run: ${Math.max(...answers)} ms (${answers.length} requests)`);
if (process.env.VERBOSE) {
  for (const stall of during) {
    const before = progress.filter((p) => p.at <= stall.endedAt).at(-1);
    console.log(
      `  stall ${stall.ms} ms ending at +${stall.endedAt - started} ms, after "${before?.message ?? '(start)'}"`,
    );
  }
}
console.log(`progress notifications: ${progress.length}; longest gap: ${widest.ms} ms (after "${widest.after}")`);
