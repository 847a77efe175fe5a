/**
 * The language server's event loop during a large analysis: the work runs on worker threads
 * (analysis/analyze.ts, data/readInWorker.ts), so the server's own thread stays free to answer
 * requests and to report progress. The server runs as shipped (dist/server.js) with
 * eventLoopProbe.cjs preloaded to measure.
 *
 * No limit in milliseconds: a busy machine stretches every duration. The server is compared
 * with a baseline taken in the same run, the same analysis on this test's own thread, and
 * with the run itself. The goals in milliseconds (stalls under 100 ms, progress every second)
 * are measured by measureEventLoop.mjs and `npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { generate } from '../../../bench/generate.mjs';
import { type Report } from '../../src/protocol/report';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { analyzeHere } from '../../src/engine/analysis/analyze';
import { loadConfig } from '../../src/engine/config/load';

const ROWS = 300_000;
const serverPath = new URL('../../../dist/server.js', import.meta.url).pathname;
const probePath = new URL('./eventLoopProbe.cjs', import.meta.url).pathname;

interface ProbeResult {
  histogramMaxMs: number;
  stalls: { endedAt: number; ms: number }[];
  /** The event loop's active time so far, sampled every 100 ms. */
  active: { at: number; ms: number }[];
}

let folder: string;
let server: ChildProcess;
let connection: MessageConnection;
let report: Report;
let started = 0;
let finished = 0;
const progressTimes: number[] = [];
const answeredAt: number[] = [];
/** The same analysis on this thread: its event loop's active time, and the progress it reported. */
const inline = { activeMs: 0, progress: 0 };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-event-loop-'));
  await generate(folder, ROWS);
  const probeFile = join(folder, 'probe.json');
  server = spawn(process.execPath, ['--require', probePath, serverPath, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, DRIFT_EVENT_LOOP_PROBE: probeFile },
  });
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (params: { token: unknown }) => {
    if (params.token === 'big') progressTimes.push(Date.now());
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL(join(folder, 'drift.yaml')).toString();
  started = Date.now();
  const running = connection.sendRequest(RUN_ANALYSIS, { uri, workDoneToken: 'big' });
  // Meanwhile, a request every 50 ms: how long the server takes to answer each.
  let done = false;
  const pinging = (async () => {
    while (!done) {
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).catch(() => undefined);
      answeredAt.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  report = await running;
  finished = Date.now();
  done = true;
  await pinging;
  // Two rewrites of the probe's file after the run.
  await new Promise((resolve) => setTimeout(resolve, 250));
  probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeResult;

  // The baseline, once the server is done: the sources run unbundled, so the whole analysis,
  // reading included, stays on this thread.
  const config = await loadConfig(join(folder, 'drift.yaml'));
  const before = performance.eventLoopUtilization();
  await analyzeHere(config, { onProgress: () => inline.progress++ });
  inline.activeMs = performance.eventLoopUtilization(performance.eventLoopUtilization(), before).active;
}, 300_000);

let probe: ProbeResult;

afterAll(async () => {
  if (connection) {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
  }
  server?.kill();
  if (folder && existsSync(folder)) rmSync(folder, { recursive: true, force: true });
});

describe(`language server event loop during a ${ROWS.toLocaleString('en-US')}-row analysis`, () => {
  it('analyzes every row', () => {
    expect(report.reference.rows).toBe(ROWS);
    expect(report.current.rows).toBe(ROWS);
    expect(report.features.length).toBe(10);
  });

  // Active time, not stalls: a stall also counts the time a loaded machine keeps the process
  // waiting for a core (606–640 ms seen on 2 busy cores), which the active time of an idle
  // loop does not. The server's thread is busy some 0.1–0.3 × the inline run (answering the
  // requests, passing progress and the report on); the analysis back on it would make it 1 ×.
  it('keeps its thread for less than half the work that the analysis is on a thread of its own', () => {
    const before = probe.active.filter((a) => a.at <= started).at(-1)!;
    const after = probe.active.find((a) => a.at >= finished)!;
    const serverActiveMs = after.ms - before.ms;
    const stalls = probe.stalls.filter((s) => s.endedAt >= started && s.endedAt <= finished + 100);
    expect(
      serverActiveMs,
      `server active ${Math.round(serverActiveMs)} ms, inline ${Math.round(inline.activeMs)} ms; stalls: ${JSON.stringify(stalls)}`,
    ).toBeLessThan(inline.activeMs / 2);
  });

  it('keeps answering requests while the analysis runs', () => {
    expect(answeredAt.filter((at) => at < finished).length).toBeGreaterThan(2);
  });

  // Every step the analysis reports reaches the client, and the worker path repeats the step
  // under way, with the time it has taken, while a step runs long.
  it('reports every step of the analysis, and progress all through the run', () => {
    expect(progressTimes.length).toBeGreaterThanOrEqual(inline.progress);
    const times = [started, ...progressTimes, finished];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...gaps), `gaps: ${JSON.stringify(gaps)}; run: ${finished - started} ms`).toBeLessThan(
      (finished - started) / 2,
    );
  });
});
