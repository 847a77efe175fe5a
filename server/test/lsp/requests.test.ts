/**
 * The requests and the notification the extension relies on for whatever needs a config or a
 * data file, over JSON-RPC to dist/server.js: CSV headers, the config template, report exports,
 * alert fingerprints, the retraining task and its end, the drift simulation, and which configs
 * read a changed data file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc/node';
import { parseConfig } from '../../src/engine/config/parse';
import { alertFingerprint, dataIdentity } from '../../src/engine/notify/fingerprint';
import { reportFiles } from '../../src/lsp/alertFingerprints';
import {
  CHECK_PERTURBATIONS,
  DATA_CHANGED,
  EXPORT_REPORT,
  GET_ALERT_FINGERPRINTS,
  GET_CONFIG_TEMPLATE,
  GET_CSV_HEADER,
  GET_RETRAINING_COMMAND,
  GET_SIMULATION_INPUT,
  RETRAINING_ENDED,
  RUN_ANALYSIS,
  SIMULATE_DRIFT,
  type CsvColumn,
  type DataChangedParams,
  type SimulateDriftParams,
} from '../../src/protocol/messages';
import type { Report } from '../../src/protocol/report';
import { LspClient } from './lspClient';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = join(root, 'test-fixtures');
let client: LspClient;
let w: string;
const uri = (file: string) => pathToFileURL(file).toString();

beforeAll(async () => {
  w = realpathSync(mkdtempSync(join(tmpdir(), 'drift-lsp-requests-')));
  for (const file of ['reference.csv', 'current.csv', 'drift.yaml'])
    copyFileSync(join(fixtures, 'demo', file), join(w, file));
  mkdirSync(join(w, 'model'));
  for (const file of ['reference.csv', 'current.csv', 'test.csv'])
    copyFileSync(join(fixtures, 'demo-model', file), join(w, 'model', file));
  writeFileSync(
    join(w, 'model', 'drift.yaml'),
    readFileSync(join(fixtures, 'demo-model', 'drift.yaml'), 'utf8').replace(
      '  min_rows: 1000\n',
      '  min_rows: 1000\n  command: make retrain\n',
    ),
  );
  client = await LspClient.start(undefined, w);
}, 60_000);
afterAll(() => client.stop());

/** The next notification `method` after now that satisfies `accept`. */
function nextNotification<T>(method: string, accept: (params: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const seen = client.notifications.length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = client.notifications.slice(seen).find((n) => n.method === method && accept(n.params as T));
      if (match) {
        clearInterval(poll);
        resolve(match.params as T);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }
    }, 5);
  });
}

describe('driftMonitor/csvHeader', () => {
  it("lists a CSV's columns in order with their sampled kinds and header cells", async () => {
    const result = await client.connection.sendRequest(GET_CSV_HEADER, { file: uri(join(w, 'reference.csv')) });
    expect('columns' in result).toBe(true);
    const columns = (result as { columns: CsvColumn[] }).columns;
    const header = readFileSync(join(w, 'reference.csv'), 'utf8').split(/\r?\n/)[0]!;
    expect(columns.map((c) => c.name)).toEqual(header.split(','));
    expect(columns.map((c) => header.slice(c.start, c.end))).toEqual(header.split(','));
    expect(columns.find((c) => c.name === 'income')?.kind).toBe('numerical');
    expect(columns.find((c) => c.name === 'region')?.kind).toBe('categorical');
  });

  it('says why a header cannot be read', async () => {
    expect(await client.connection.sendRequest(GET_CSV_HEADER, { file: uri(join(w, 'missing.csv')) })).toEqual({
      problem: 'file not found',
    });
  });
});

describe('driftMonitor/configTemplate', () => {
  it('writes a config the server validates without errors, the special columns guessed', async () => {
    const header = await client.connection.sendRequest(GET_CSV_HEADER, { file: uri(join(w, 'reference.csv')) });
    const columns = (header as { columns: CsvColumn[] }).columns.map(({ name, kind }) => ({ name, kind }));
    const text = await client.connection.sendRequest(GET_CONFIG_TEMPLATE, {
      reference: 'reference.csv',
      current: 'current.csv',
      columns,
    });
    expect(text).toMatch(/^# drift-monitor\n/);
    expect(text).toMatch(/target: default\s+#/);
    expect(text).toMatch(/prediction: predicted_default\s+#/);
    const parsed = parseConfig(text, join(w, 'new.drift.yaml'));
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parsed.config?.reference.path).toBe(join(w, 'reference.csv'));
  });
});

describe('after an analysis', () => {
  let report: Report;
  const configUri = () => uri(join(w, 'drift.yaml'));
  beforeAll(async () => {
    report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri() });
  }, 60_000);

  it('driftMonitor/exportReport refuses a config never analyzed', async () => {
    const failure = await client.connection
      .sendRequest(EXPORT_REPORT, { uri: uri(join(w, 'never.drift.yaml')), format: 'json' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as Error).message).toBe('This config has not been analyzed yet.');
  });

  it('driftMonitor/exportReport writes the Report itself as JSON, and one CSV row per tested column', async () => {
    expect(
      JSON.parse(await client.connection.sendRequest(EXPORT_REPORT, { uri: configUri(), format: 'json' })),
    ).toEqual(report);
    const csv = await client.connection.sendRequest(EXPORT_REPORT, { uri: configUri(), format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.feature)).toEqual(report.features.map((f) => f.name));
  });

  it('driftMonitor/exportReport writes the report page with the bundled script inlined under a nonce and the data as JSON', async () => {
    const html = await client.connection.sendRequest(EXPORT_REPORT, { uri: configUri(), format: 'html' });
    expect(html).toMatch(/Content-Security-Policy[^>]*script-src 'nonce-/);
    expect(html).toMatch(/<style nonce="[^"]+">/);
    const data = html.match(/<script type="application\/json" id="report-data" nonce="[^"]+">(.*?)<\/script>/s)?.[1];
    expect(JSON.parse(data!)).toEqual(report);
    const script = readFileSync(join(root, 'dist', 'webview.js'), 'utf8').replace(
      /\n\/\/# sourceMappingURL=\S*\s*$/,
      '\n',
    );
    expect(html).toContain(script.slice(0, 200));
  });

  it("driftMonitor/alertFingerprints gives each alert the channels' fingerprint on the report's files", async () => {
    const params = {
      uri: configUri(),
      reference: report.reference.path,
      current: report.current.path,
      alerts: report.alerts,
    };
    const fingerprints = await client.connection.sendRequest(GET_ALERT_FINGERPRINTS, params);
    const data = await dataIdentity(join(w, 'reference.csv'), join(w, 'current.csv'));
    expect(fingerprints).toEqual(report.alerts.map((alert) => alertFingerprint(alert, data)));
    expect(new Set(fingerprints).size).toBe(report.alerts.length);
    // An unsaved config has no folder: the files are unknown, and the fingerprints differ.
    const unsaved = await client.connection.sendRequest(GET_ALERT_FINGERPRINTS, {
      ...params,
      uri: 'untitled:Untitled-1',
    });
    expect(unsaved).toEqual(report.alerts.map((alert) => alertFingerprint(alert, { reference: null, current: null })));
  });

  it("finds the report's files next to the config; an unsaved config has none", () => {
    expect(reportFiles(configUri(), { reference: report.reference.path, current: report.current.path })).toEqual({
      reference: join(w, 'reference.csv'),
      current: join(w, 'current.csv'),
    });
    expect(
      reportFiles('untitled:Untitled-1', { reference: report.reference.path, current: report.current.path }),
    ).toBeUndefined();
  });
});

describe('the retraining task', () => {
  const modelUri = () => uri(join(w, 'model', 'drift.yaml'));
  let report: Report;
  beforeAll(async () => {
    report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: modelUri() });
  }, 60_000);

  it("driftMonitor/getRetrainingCommand adds the CLI's shell and the reasons a notification shows", async () => {
    expect(report.retraining.retrain).toBe(true);
    const command = await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri: modelUri() });
    expect(command).toMatchObject({
      command: 'make retrain',
      cwd: join(w, 'model'),
      shell: { executable: '/bin/sh', args: ['-c'] },
    });
    expect(command!.reasonsShown).toMatch(new RegExp(`, priority ${report.retraining.priority}$`));
    expect(command!.reasonsShown.startsWith(report.retraining.reasons[0]!.replace(/\.$/, ''))).toBe(true);
  });

  it('driftMonitor/retrainingEnded records the run in the audit log and words its outcome, also when it cannot record', async () => {
    const command = (await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri: modelUri() }))!;
    const ended = {
      command,
      startedAt: '2026-05-01T10:00:00.000Z',
      exitCode: 0,
      durationMs: 12_345,
      trigger: 'editor' as const,
      reportGeneratedAt: report.generatedAt,
    };
    expect(await client.connection.sendRequest(RETRAINING_ENDED, { uri: modelUri(), ...ended })).toEqual({
      recorded: true,
      outcome: 'exit code 0 after 12 s',
    });
    const missing = await client.connection.sendRequest(RETRAINING_ENDED, {
      uri: uri(join(w, 'gone', 'drift.yaml')),
      ...ended,
      exitCode: null,
      durationMs: 400,
    });
    expect(missing).toMatchObject({
      recorded: false,
      outcome: 'no exit code (it did not start, or was stopped) after 0.4 s',
    });
    expect(missing.problem).toContain('config file not found');
  });
});

describe('the drift simulation', () => {
  const file = () => uri(join(w, 'reference.csv'));
  const fileShown = 'reference.csv';

  it('driftMonitor/simulationInput offers each perturbation with the columns it fits', async () => {
    const input = await client.connection.sendRequest(GET_SIMULATION_INPUT, { file: file(), fileShown });
    const lines = readFileSync(join(w, 'reference.csv'), 'utf8').trim().split(/\r?\n/);
    expect(input.rows).toBe(lines.length - 1);
    expect(input.defaultSeed).toBe(1);
    expect(input.perturbations.map((p) => p.kind)).toEqual([
      'shift',
      'scale',
      'noise',
      'swap',
      'new-category',
      'mix',
      'missing',
      'flip-labels',
      'shift-probability',
    ]);
    const shift = input.perturbations.find((p) => p.kind === 'shift')!;
    expect(shift.columns).toContain('income');
    expect(shift.columns).not.toContain('region');
    const probabilities = input.perturbations.find((p) => p.kind === 'shift-probability')!.columns;
    expect(probabilities).toContain('default_probability');
    expect(probabilities).not.toContain('income');
    expect(input.categories.region).toEqual(expect.arrayContaining(['north', 'east']));
  });

  it('driftMonitor/checkPerturbations describes the perturbations that fit, and gives the command line message for one that does not', async () => {
    const check = (perturbations: { kind: string; text: string }[]) =>
      client.connection.sendRequest(CHECK_PERTURBATIONS, { file: file(), fileShown, perturbations });
    expect(
      await check([
        { kind: 'shift', text: 'income=5000' },
        { kind: 'swap', text: 'region=north:east' },
      ]),
    ).toEqual({ described: ['--shift income=5000', '--swap region=north:east'] });
    expect(await check([{ kind: 'shift', text: 'region=5' }])).toEqual({
      problem: expect.stringMatching(
        /^reference\.csv, column 'region': --shift changes numbers, but the column holds text/,
      ),
    });
    expect(await check([{ kind: 'shift', text: 'income' }])).toEqual({
      problem: expect.stringContaining('--shift takes column=amount'),
    });
    expect(
      await check([
        { kind: 'new-category', text: 'region=kiosk:0.1' },
        { kind: 'mix', text: 'region=kiosk:0.2' },
      ]),
    ).toMatchObject({ described: expect.any(Array) });
  });

  it('driftMonitor/simulateDrift writes the copy the command line writes, and says what changed', async () => {
    const output = join(w, 'reference.simulated.csv');
    const params: SimulateDriftParams = {
      file: file(),
      fileShown,
      output: uri(output),
      outputShown: 'reference.simulated.csv',
      perturbations: [
        { kind: 'shift', text: 'income=5000' },
        { kind: 'missing', text: 'age=0.1' },
      ],
      seed: 7,
      fromRow: 3,
    };
    const lines = await client.connection.sendRequest(SIMULATE_DRIFT, params);
    expect(lines).toEqual([
      expect.stringMatching(/^--shift income=5000 {2}[\d,]+ cells changed$/),
      expect.stringMatching(/^--missing age=0\.1 {4}[\d,]+ cells changed$/),
    ]);
    const cliOutput = join(w, 'cli.csv');
    const cli = spawnSync(
      process.execPath,
      [
        join(root, 'dist/cli.js'),
        'simulate',
        join(w, 'reference.csv'),
        '--out',
        cliOutput,
        '--shift',
        'income=5000',
        '--missing',
        'age=0.1',
        '--seed',
        '7',
        '--from-row',
        '3',
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(readFileSync(output)).toEqual(readFileSync(cliOutput));
  });

  it('driftMonitor/simulateDrift fails with the command line message when the copy would overwrite its input', async () => {
    const params: SimulateDriftParams = {
      file: file(),
      fileShown,
      output: file(),
      outputShown: fileShown,
      perturbations: [],
      seed: 1,
      fromRow: 1,
    };
    const failure = await client.connection.sendRequest(SIMULATE_DRIFT, params).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as Error).message).toBe(
      'reference.csv is the input file itself; write the simulated copy to another file.',
    );
  });
});

describe('driftMonitor/dataChanged', () => {
  it('names the configs of the workspace that read a data file rewritten on disk, open or not', async () => {
    const changed = nextNotification<DataChangedParams>(DATA_CHANGED.method, (p) => p.file.endsWith('/model/test.csv'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri(join(w, 'model', 'test.csv')), type: 2 }],
    });
    expect(await changed).toEqual({
      file: uri(join(w, 'model', 'test.csv')),
      configs: [uri(join(w, 'model', 'drift.yaml'))],
    });
  });

  it('names them for a data file saved in the editor too, reading an open config as edited', async () => {
    const configUri = uri(join(w, 'drift.yaml'));
    await client.open(
      configUri,
      readFileSync(join(w, 'drift.yaml'), 'utf8').replace('current: current.csv', 'current: model/current.csv'),
    );
    const currentUri = uri(join(w, 'model', 'current.csv'));
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: currentUri,
        languageId: 'csv',
        version: 1,
        text: readFileSync(join(w, 'model', 'current.csv'), 'utf8'),
      },
    });
    const changed = nextNotification<DataChangedParams>(DATA_CHANGED.method, (p) => p.file === currentUri);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: currentUri } });
    expect((await changed).configs.sort()).toEqual([configUri, uri(join(w, 'model', 'drift.yaml'))].sort());
  });

  it('looks in the workspace folders added since the start', async () => {
    const added = realpathSync(mkdtempSync(join(tmpdir(), 'drift-lsp-added-')));
    writeFileSync(
      join(added, 'churn.drift.yml'),
      `reference: ${join(w, 'reference.csv')}\ncurrent: ${join(w, 'model', 'reference.csv')}\n`,
    );
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: uri(added), name: 'added' }], removed: [] },
    });
    const modelReference = uri(join(w, 'model', 'reference.csv'));
    const changed = nextNotification<DataChangedParams>(DATA_CHANGED.method, (p) => p.file === modelReference);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: modelReference, type: 2 }],
    });
    expect((await changed).configs.sort()).toEqual(
      [uri(join(w, 'model', 'drift.yaml')), uri(join(added, 'churn.drift.yml'))].sort(),
    );
  });

  it('says nothing of a data file no config reads', async () => {
    const other = uri(join(w, 'unread.csv'));
    writeFileSync(join(w, 'unread.csv'), 'a\n1\n');
    const seen = client.notifications.length;
    const read = uri(join(w, 'model', 'test.csv'));
    const after = nextNotification<DataChangedParams>(DATA_CHANGED.method, (p) => p.file === read);
    // The unread file first, then one a config reads: by the second's answer the first was handled alike.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: other, type: 1 }] });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: read, type: 2 }] });
    await after;
    expect(
      client.notifications
        .slice(seen)
        .filter((n) => n.method === DATA_CHANGED.method)
        .map((n) => (n.params as DataChangedParams).file),
    ).toEqual([read]);
  });
});
