/**
 * Analyses through the language server: the custom requests, work-done progress, drift
 * diagnostics on the CSV header cells, code actions on them, staleness and cancellation.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { generate } from '../../../bench/generate.mjs';
import { type Report } from '../../src/protocol/report';
import { LspClient } from './lspClient';
import { ANALYSIS_FINISHED, GET_REPORT, RUN_ANALYSIS } from '../../src/protocol/messages';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
let client: LspClient;
let folder: string;
let configUri: string;
let currentUri: string;
let report: Report;
const progress: { token: unknown; value: { kind: string; percentage?: number; message?: string } }[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-lsp-run-'));
  for (const file of ['reference.csv', 'current.csv', 'drift.yaml']) copyFileSync(join(demo, file), join(folder, file));
  configUri = pathToFileURL(join(folder, 'drift.yaml')).toString();
  currentUri = pathToFileURL(join(folder, 'current.csv')).toString();
  client = await LspClient.start();
  client.connection.onNotification('$/progress', (params: (typeof progress)[number]) => {
    progress.push(params);
  });
  await client.open(configUri, readFileSync(join(folder, 'drift.yaml'), 'utf8'));
  const onCsv = client.diagnostics(currentUri, (d) => d.length > 0);
  report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri, workDoneToken: 'run-1' });
  await onCsv;
}, 60_000);
afterAll(() => client.stop());

describe('driftMonitor/runAnalysis', () => {
  it('returns the Report and reports work-done progress from begin to end', () => {
    expect(report.features.length).toBe(11);
    const mine = progress.filter((p) => p.token === 'run-1').map((p) => p.value);
    expect(mine[0]).toMatchObject({ kind: 'begin' });
    expect(mine.at(-1)).toMatchObject({ kind: 'end' });
    const reports = mine.filter((v) => v.kind === 'report');
    expect(reports.some((v) => v.message?.startsWith('Testing income'))).toBe(true);
    const percentages = reports.map((v) => v.percentage!);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
  });

  it('notifies driftMonitor/analysisFinished with a summary, and driftMonitor/getReport returns the Report', async () => {
    const finished = client.notifications.find((n) => n.method === ANALYSIS_FINISHED.method);
    expect(finished?.params).toMatchObject({
      uri: configUri,
      features: report.dataset.features,
      driftedFeatures: report.dataset.driftedFeatures,
      datasetDrift: report.dataset.drifted,
    });
    const again = await client.connection.sendRequest(GET_REPORT, { uri: configUri });
    expect(again?.generatedAt).toBe(report.generatedAt);
  });

  it('puts one diagnostic per drifted column on its header cell in the current CSV', () => {
    const diagnostics = client.published.filter((p) => p.uri === currentUri).at(-1)!.diagnostics;
    const header = readFileSync(join(folder, 'current.csv'), 'utf8').split('\n')[0];
    const drifted = report.features.filter((f) => f.drifted).map((f) => f.name);
    expect(diagnostics.map((d) => header.slice(d.range.start.character, d.range.end.character))).toEqual(drifted);
    const income = diagnostics.find((d) => d.message.startsWith("Feature 'income'"))!;
    expect(income.message).toMatch(
      /^Feature 'income' drifted: normed Wasserstein 0\.523 ≥ 0\.1 \(mean [\d.]+ → [\d.]+\)$/,
    );
    expect(income).toMatchObject({
      severity: 1,
      source: 'drift-monitor',
      code: 'wasserstein',
      range: { start: { line: 0 } },
    });
    expect(income.relatedInformation![0].location.uri).toBe(configUri);
    const employment = diagnostics.find((d) => d.message.startsWith("Feature 'employment_type'"))!;
    // Jensen–Shannon 0.1254 against 0.1: a low drift, shown as Information.
    expect(employment.severity).toBe(3);
  });

  it('puts the drifted features on the config too, at their entry', () => {
    const config = client.published.filter((p) => p.uri === configUri).at(-1)!.diagnostics;
    expect(config.filter((d) => d.code === 'wasserstein' || d.code === 'jensenshannon').length).toBe(
      report.features.filter((f) => f.drifted).length,
    );
  });

  it('offers "open the report" and "raise the threshold" on a drift diagnostic', async () => {
    const diagnostics = client.published.filter((p) => p.uri === currentUri).at(-1)!.diagnostics;
    const income = diagnostics.find((d) => d.message.startsWith("Feature 'income'"))!;
    const actions = await client.connection.sendRequest<
      {
        title: string;
        command?: { command: string; arguments: unknown[] };
        edit?: { changes: Record<string, { newText: string }[]> };
      }[]
    >('textDocument/codeAction', {
      textDocument: { uri: currentUri },
      range: income.range,
      context: { diagnostics: [income] },
    });
    expect(actions.map((a) => a.title)).toEqual([
      "Open the report at 'income'",
      "Raise the normed Wasserstein threshold of 'income' to 0.53",
    ]);
    expect(actions[0].command).toEqual({
      title: 'Open Report',
      command: 'driftMonitor.openReport',
      arguments: [configUri, 'income'],
    });
    expect(JSON.stringify(actions[1].edit!.changes[configUri])).toContain('0.53');
  });

  it('clears the drift diagnostics once the config changes, instead of leaving them wrong', async () => {
    const cleared = client.diagnostics(currentUri, (d) => d.length === 0);
    await client.change(
      configUri,
      readFileSync(join(folder, 'drift.yaml'), 'utf8').replace('share: 0.5', 'share: 0.4'),
    );
    expect(await cleared).toEqual([]);
  });

  it('clears them too when a CSV the run read changes on disk', async () => {
    const shown = client.diagnostics(currentUri, (d) => d.length > 0);
    await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri });
    await shown;
    const cleared = client.diagnostics(currentUri, (d) => d.length === 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: currentUri, type: 2 }],
    });
    expect(await cleared).toEqual([]);
  });
});

describe('a long analysis', () => {
  let bigConfig: string;

  beforeAll(async () => {
    await generate(join(folder, 'big'), 1_000_000);
    bigConfig = pathToFileURL(join(folder, 'big', 'unopened.drift.yaml')).toString();
    // First a quick run on the small pair: its results must survive the cancelled big run.
    writeFileSync(
      new URL(bigConfig),
      `reference: ${join(folder, 'reference.csv')}\ncurrent: ${join(folder, 'current.csv')}\n`,
    );
    await client.connection.sendRequest(RUN_ANALYSIS, { uri: bigConfig });
    writeFileSync(new URL(bigConfig), 'reference: reference.csv\ncurrent: current.csv\n');
  }, 60_000);

  it('keeps answering while it runs, stops while still reading when cancelled, and keeps the previous results', async () => {
    const previous = await client.connection.sendRequest(GET_REPORT, { uri: bigConfig });
    const source = new CancellationTokenSource();
    const started = progress.length;
    let finished = false;
    const run = client.connection
      .sendRequest(RUN_ANALYSIS, { uri: bigConfig, workDoneToken: 'big' }, source.token)
      .finally(() => (finished = true));
    while (!progress.slice(started).some((p) => p.token === 'big' && p.value.kind === 'report'))
      await new Promise((resolve) => setTimeout(resolve, 20));

    const symbols = await client.connection.sendRequest<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: configUri },
    });
    expect(symbols.length).toBeGreaterThan(0);
    expect(finished).toBe(false);

    const publishedBefore = client.published.length;
    source.cancel();
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<unknown>).code).toBe(-32800);
    // No limit in milliseconds: the run ended long before the uncancelled one would, while it
    // was still reading the files (the first half of the run), before testing any column. A
    // later answer comes after everything the server sent before it.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: configUri } });
    const steps = progress.slice(started).filter((p) => p.token === 'big' && p.value.kind === 'report');
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((p) => !p.value.message?.startsWith('Reading '))).toEqual([]);
    const kept = await client.connection.sendRequest(GET_REPORT, { uri: bigConfig });
    expect(kept?.generatedAt).toBe(previous?.generatedAt);
    expect(client.published.slice(publishedBefore).filter((p) => p.uri === currentUri)).toEqual([]);
  }, 60_000);
});

describe('driftMonitor/runAnalysis with maxRows', () => {
  it('analyzes a sample of maxRows rows of each larger file, and states it in the Report', async () => {
    const sampled = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri, maxRows: 1_000 });
    expect(sampled.reference).toEqual({ path: 'reference.csv', rows: 1_000, sampledFrom: 5_000, columns: 11 });
    expect(sampled.current).toEqual({ path: 'current.csv', rows: 1_000, sampledFrom: 3_000, columns: 11 });
    expect(sampled.notes[0]).toMatch(
      /^Sampled: 1,000 of 5,000 reference rows and 1,000 of 3,000 current rows \(uniform random sample, seed 1;/,
    );
    const whole = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri, maxRows: 0 });
    expect(whole.reference).toEqual({ path: 'reference.csv', rows: 5_000, columns: 11 });
  });

  it('rejects a maxRows that is not a whole number of rows with InvalidParams, and keeps serving', async () => {
    for (const maxRows of [-1, 1.5, '1000', null]) {
      const error = await client.connection.sendRequest(RUN_ANALYSIS.method, { uri: configUri, maxRows }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(maxRows)).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).code).toBe(-32602);
      expect((error as ResponseError<unknown>).message).toBe(
        `maxRows must be a whole number of rows, or 0 for no limit, not ${JSON.stringify(maxRows)}.`,
      );
    }
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri });
    expect(report.reference.rows).toBe(5_000);
  });
});
