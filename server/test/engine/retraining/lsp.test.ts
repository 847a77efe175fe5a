/**
 * The editor's half of the retraining hook, through the language server spoken to over
 * JSON-RPC (dist/server.js --stdio): the cwd diagnostic, the command the client runs as a
 * task, and the audit entry it sends back when the task ends.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc/node';
import { readAudit } from '../../../src/engine/history/audit';
import { readRuns } from '../../../src/engine/history/readRuns';
import { type Report } from '../../../src/protocol/report';
import { reasonsLine } from '../../../src/engine/retraining/command';
import { LspClient } from '../../lsp/lspClient';
import {
  GET_RETRAINING_COMMAND,
  RECORD_RETRAINING,
  RUN_ANALYSIS,
  type RecordRetrainingParams,
} from '../../../src/protocol/messages';

const demoModel = new URL('../../../../test-fixtures/demo-model/', import.meta.url).pathname;
let client: LspClient;
let dir: string;
let configPath: string;
let configUri: string;
let yaml: string;
let report: Report;

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'drift-retrain-lsp-')));
  configPath = join(dir, 'drift.yaml');
  configUri = pathToFileURL(configPath).toString();
  yaml = readFileSync(join(demoModel, 'drift.yaml'), 'utf8')
    .replace('reference: reference.csv', `reference: ${join(demoModel, 'reference.csv')}`)
    .replace('current: current.csv', `current: ${join(demoModel, 'current.csv')}`)
    .replace('test: test.csv', `test: ${join(demoModel, 'test.csv')}`)
    .replace(
      '  min_rows: 1000\n',
      '  min_rows: 1000\n  command: python train.py\n  cwd: model\n  env: { EPOCHS: 5 }\n  auto: true\n',
    );
  writeFileSync(configPath, yaml);
  client = await LspClient.start();
}, 60_000);
afterAll(() => client.stop());

describe('the retraining hook through the language server', () => {
  it('reports a retraining.cwd that does not exist on its value, and drops it once the folder is there', async () => {
    const withProblem = client.diagnostics(configUri, (d) => d.some((x) => x.code === 'retraining-cwd-not-found'));
    await client.open(configUri, yaml);
    const [problem] = (await withProblem).filter((d) => d.code === 'retraining-cwd-not-found');
    expect(problem.message).toBe(`\`retraining.cwd\` folder not found: model (looked in ${dir})`);
    expect(problem.severity).toBe(1);
    const line = yaml.split('\n').findIndex((text) => text === '  cwd: model');
    expect(problem.range).toEqual({ start: { line, character: 7 }, end: { line, character: 12 } });

    mkdirSync(join(dir, 'model'));
    const fixed = client.diagnostics(configUri, (d) => !d.some((x) => x.code === 'retraining-cwd-not-found'));
    await client.change(configUri, yaml + '\n');
    await fixed;
  });

  it('has no command for a config not analyzed yet', async () => {
    expect(await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri: configUri })).toBeNull();
  });

  it('gives the command of the analysis that recommended retraining, resolved', async () => {
    report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri });
    expect(report.retraining.state).toBe('recommended');
    const command = await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri: configUri });
    expect(command).toMatchObject({
      command: 'python train.py',
      cwd: join(dir, 'model'),
      auto: true,
      reason: reasonsLine(report.retraining.reasons),
    });
    expect(command?.env).toMatchObject({
      EPOCHS: '5',
      DRIFT_MONITOR_CONFIG: configPath,
      DRIFT_MONITOR_PRIORITY: report.retraining.priority,
    });
  });

  it("records the client's audit entry in the config's run history, linked to the recorded analysis that recommended it", async () => {
    const history = join(dir, '.drift-monitor', 'history.sqlite');
    const entry = {
      startedAt: '2026-05-01T10:00:00.000Z',
      reason: 'dataset drift',
      command: 'python train.py',
      cwd: join(dir, 'model'),
      exitCode: 1,
      durationMs: 2500,
      trigger: 'auto' as const,
    };
    const params: RecordRetrainingParams = { uri: configUri, entry, reportGeneratedAt: report.generatedAt };
    expect(await client.connection.sendRequest(RECORD_RETRAINING, params)).toBe(true);
    const [run] = await readRuns(history, configPath);
    expect(run.startedAt).toBe(report.generatedAt);
    expect(await readAudit(history)).toEqual([{ ...entry, runId: run.id }]);
  });

  it('records nothing, and says so, when the history is off', async () => {
    const off = join(dir, 'off.drift.yaml');
    writeFileSync(
      off,
      `reference: ${join(demoModel, 'reference.csv')}\ncurrent: ${join(demoModel, 'current.csv')}\nhistory:\n  enabled: false\n  path: off.sqlite\n`,
    );
    const entry = {
      startedAt: '2026-05-01T10:00:00.000Z',
      reason: 'r',
      command: 'c',
      cwd: dir,
      exitCode: 0,
      durationMs: 1,
      trigger: 'editor' as const,
    };
    const params: RecordRetrainingParams = {
      uri: pathToFileURL(off).toString(),
      entry,
      reportGeneratedAt: report.generatedAt,
    };
    expect(await client.connection.sendRequest(RECORD_RETRAINING, params)).toBe(false);
    expect(existsSync(join(dir, 'off.sqlite'))).toBe(false);
  });

  it('fails the request, naming the file, when the history cannot be written', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the history folder should be');
    const other = join(dir, 'other.drift.yaml');
    writeFileSync(
      other,
      `reference: ${join(demoModel, 'reference.csv')}\ncurrent: ${join(demoModel, 'current.csv')}\nhistory:\n  path: blocked/history.sqlite\n`,
    );
    const entry = {
      startedAt: '2026-05-01T10:00:00.000Z',
      reason: 'r',
      command: 'c',
      cwd: dir,
      exitCode: 0,
      durationMs: 1,
      trigger: 'editor' as const,
    };
    const params: RecordRetrainingParams = {
      uri: pathToFileURL(other).toString(),
      entry,
      reportGeneratedAt: report.generatedAt,
    };
    const failure = await client.connection.sendRequest(RECORD_RETRAINING, params).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as ResponseError<unknown>).message).toContain(join(dir, 'blocked', 'history.sqlite'));
  });

  it('has no command, even with auto, for a recommendation blocked by too few labels', async () => {
    const fixture = new URL('../../../../test-fixtures/retraining-blocked/', import.meta.url).pathname;
    const tooFew = join(dir, 'too-few.drift.yaml');
    writeFileSync(
      tooFew,
      readFileSync(join(fixture, 'drift.yaml'), 'utf8')
        .replace('reference: reference.csv', `reference: ${join(fixture, 'reference.csv')}`)
        .replace('current: current.csv', `current: ${join(fixture, 'current.csv')}`) +
        'retraining:\n  command: python train.py\n  auto: true\nhistory:\n  enabled: false\n',
    );
    const uri = pathToFileURL(tooFew).toString();
    const blocked: Report = await client.connection.sendRequest(RUN_ANALYSIS, { uri });
    expect(blocked.retraining).toMatchObject({ state: 'blocked', labelsNeeded: 196 });
    expect(await client.connection.sendRequest(GET_RETRAINING_COMMAND, { uri })).toBeNull();
  });
});
