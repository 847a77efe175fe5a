/**
 * The language server's event loop during a large analysis: the work runs on worker threads
 * (analysis/analyze.ts, data/readInWorker.ts), so the server must never be blocked for more
 * than 100 ms, must keep answering requests, and must report progress at least every second.
 * The server runs as shipped (dist/server.js) with eventLoopProbe.cjs preloaded to measure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { generate } from '../../../bench/generate.mjs';
import { type Report } from '../../src/protocol/report';
import { RUN_ANALYSIS } from '../../src/protocol/messages';

const ROWS = 300_000;
const serverPath = new URL('../../../dist/server.js', import.meta.url).pathname;
const probePath = new URL('./eventLoopProbe.cjs', import.meta.url).pathname;

interface ProbeResult {
  histogramMaxMs: number;
  stalls: { endedAt: number; ms: number }[];
}

let folder: string;
let server: ChildProcess;
let connection: MessageConnection;
let report: Report;
let started = 0;
let finished = 0;
const progressTimes: number[] = [];
const answerTimes: number[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-event-loop-'));
  await generate(folder, ROWS);
  const probeFile = join(folder, 'probe.json');
  server = spawn(process.execPath, ['--require', probePath, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DRIFT_EVENT_LOOP_PROBE: probeFile } });
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (params: { token: unknown }) => {
    if (params.token === 'big') progressTimes.push(Date.now());
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { window: { workDoneProgress: true } } });
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL(join(folder, 'drift.yaml')).toString();
  started = Date.now();
  const running = connection.sendRequest(RUN_ANALYSIS, { uri, workDoneToken: 'big' });
  // Meanwhile, a request every 50 ms: how long the server takes to answer each.
  let done = false;
  const pinging = (async () => {
    while (!done) {
      const sent = Date.now();
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).catch(() => undefined);
      answerTimes.push(Date.now() - sent);
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
}, 180_000);

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

  // The goal is 100 ms, and on an idle machine the longest stall is some 30–50 ms (see
  // measureEventLoop.mjs); but a stall also counts time the server is not scheduled, which
  // on a loaded 2-core machine (the test suite's other files) can pass 100 ms by itself.
  // Analyzing on the server's own thread blocked it for seconds at this size.
  it('never blocks the event loop for long while the analysis runs', () => {
    const during = probe.stalls.filter((s) => s.endedAt >= started && s.endedAt <= finished + 100);
    const longest = Math.max(0, ...during.map((s) => s.ms));
    expect(longest, `stalls: ${JSON.stringify(during)}`).toBeLessThanOrEqual(250);
  });

  it('keeps answering requests', () => {
    expect(answerTimes.length).toBeGreaterThan(0);
    expect(Math.max(...answerTimes)).toBeLessThan(400);
  });

  it('reports progress at least every second', () => {
    const times = [started, ...progressTimes];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(progressTimes.length).toBeGreaterThan(2);
    expect(Math.max(...gaps), `gaps: ${JSON.stringify(gaps)}`).toBeLessThan(1000);
  });
});
