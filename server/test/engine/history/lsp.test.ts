/** The language server records each analysis it runs and answers driftMonitor/history (dist/server.js over stdio). */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc/node';
import { metricValues } from '../../../src/engine/monitoring/modelPerformance';
import { type Report } from '../../../src/protocol/report';
import { LspClient } from '../../lsp/lspClient';
import { scratchFolder, writeSqlite } from './scratch';
import { GET_HISTORY, RUN_ANALYSIS } from '../../../src/protocol/messages';

const demo = new URL('../../../../test-fixtures/demo/', import.meta.url).pathname;
const root = scratchFolder('lsp');
let client: LspClient;
const shownMessages: { type: number; message: string }[] = [];

/** A copy of the demo in a new folder, with `extra` appended to its config, opened in the server; the config's URI. */
async function openDemoCopy(name: string, extra = ''): Promise<string> {
  const folder = path.join(root, name);
  mkdirSync(folder);
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(path.join(demo, file), path.join(folder, file));
  const text = readFileSync(path.join(demo, 'drift.yaml'), 'utf8') + extra;
  writeFileSync(path.join(folder, 'drift.yaml'), text);
  const uri = pathToFileURL(path.join(folder, 'drift.yaml')).toString();
  await client.open(uri, text);
  return uri;
}

const history = (uri: string) => client.connection.sendRequest(GET_HISTORY, { uri });
const analyze = (uri: string) => client.connection.sendRequest(RUN_ANALYSIS, { uri });

beforeAll(async () => {
  client = await LspClient.start();
  client.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
    shownMessages.push(params);
    return null;
  });
});
afterAll(() => client.stop());

const count = (report: Report, severity: Report['alerts'][number]['severity']) =>
  report.alerts.filter((a) => a.severity === severity).length;

describe('analyses in the editor', () => {
  it('are recorded, and driftMonitor/history returns them as plain data, oldest first', async () => {
    const uri = await openDemoCopy('recorded');
    expect(await history(uri)).toEqual([]);
    const first = await analyze(uri);
    const second = await analyze(uri);
    const runs = await history(uri);
    expect(runs.map((r) => [r.id, r.startedAt, r.trigger])).toEqual([
      [1, first.generatedAt, 'editor'],
      [2, second.generatedAt, 'editor'],
    ]);
    expect(runs[1]).toEqual({
      id: 2,
      startedAt: second.generatedAt,
      trigger: 'editor',
      driftShare: second.dataset.share,
      datasetDrift: second.dataset.drifted,
      riskScore: second.risk.score,
      retraining: { state: second.retraining.state, priority: second.retraining.priority },
      metrics: [{ model: 'model', metric: 'f1', value: metricValues(second.performance!.models[0].current).f1 }],
      features: second.features.map(({ name, method, statistic, threshold, drifted }) => ({
        name,
        method,
        statistic,
        threshold,
        drifted,
      })),
      alerts: { high: count(second, 'high'), moderate: count(second, 'moderate'), low: count(second, 'low') },
    });
    expect(second.alerts.length).toBeGreaterThan(0);
  });

  it('still return their report when the run cannot be recorded, and the editor is warned once', async () => {
    const uri = await openDemoCopy('foreign', 'history:\n  path: notes.sqlite\n');
    const historyFile = path.join(root, 'foreign', 'notes.sqlite');
    await writeSqlite(historyFile, 'CREATE TABLE notes (text TEXT)');
    const before = readFileSync(historyFile);
    const logged = () =>
      client.notifications.filter(
        (n) => n.method === 'window/logMessage' && (n.params as { message: string }).message.includes(historyFile),
      );
    for (let i = 1; i <= 2; i++) {
      const report = await analyze(uri);
      expect(report.features.length).toBe(11);
      await waitFor(() => logged().length === i);
    }
    const warning = `Drift Monitor: the run was not recorded in the run history: ${historyFile} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`;
    expect(logged().map((n) => n.params)).toEqual([
      { type: 2, message: warning },
      { type: 2, message: warning },
    ]);
    expect(shownMessages.filter((m) => m.message === warning).map(({ type, message }) => ({ type, message }))).toEqual([
      { type: 2, message: warning },
    ]);
    expect(readFileSync(historyFile).equals(before)).toBe(true);

    const error = await history(uri).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<unknown>).message).toBe(
      `${historyFile} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`,
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
