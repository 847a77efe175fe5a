/**
 * `drift-monitor history` and the recording of `drift-monitor analyze`: the CLI run in this
 * process, and the bundled dist/cli.js in child processes where runs from separate processes
 * are the point.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../src/engine/history/audit';
import type { RecordedRun } from '../../../src/engine/history/readRuns';
import { scratchFolder, writeSqlite } from './scratch';
import { dist, runCli } from '../../cli/runCli';
import { retrainingHeadline } from '../../../src/protocol/text';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const demo = new URL('../../../../test-fixtures/demo/', import.meta.url).pathname;
const root = scratchFolder('cli');

const run = (...args: string[]) => runCli(args);

function runAsync(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dist, 'cli.js'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A copy of the demo in a new folder, with `extra` appended to its config; the config's path. */
function demoCopy(name: string, extra = ''): string {
  const folder = path.join(root, name);
  mkdirSync(folder);
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(path.join(demo, file), path.join(folder, file));
  writeFileSync(path.join(folder, 'drift.yaml'), readFileSync(path.join(demo, 'drift.yaml'), 'utf8') + extra);
  return path.join(folder, 'drift.yaml');
}

const runsOf = async (config: string) => JSON.parse((await run('history', config, '--json')).stdout) as RecordedRun[];

describe('drift-monitor analyze', () => {
  it('records each run in .drift-monitor/history.sqlite next to the config', async () => {
    const config = demoCopy('records');
    expect(await run('analyze', config, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run('analyze', config, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(path.dirname(config), '.drift-monitor', 'history.sqlite'))).toBe(true);
    const runs = await runsOf(config);
    expect(runs.map((r) => [r.id, r.trigger, r.files.map((f) => f.written)])).toEqual([
      [1, 'cli', ['reference.csv', 'current.csv']],
      [2, 'cli', ['reference.csv', 'current.csv']],
    ]);
    expect(runs[0].features.length).toBe(11);
  });

  it('records nothing with --no-history, or with history.enabled: false', async () => {
    const config = demoCopy('no-history');
    expect(await run('analyze', config, '--quiet', '--no-history')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(path.dirname(config), '.drift-monitor'))).toBe(false);
    const off = demoCopy('history-off', 'history:\n  enabled: false\n');
    expect((await run('analyze', off, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(path.dirname(off), '.drift-monitor'))).toBe(false);
  });

  it('records in history.path, relative to the config', async () => {
    const config = demoCopy('own-path', 'history:\n  path: ../shared-history/runs.sqlite\n');
    expect((await run('analyze', config, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(root, 'shared-history', 'runs.sqlite'))).toBe(true);
    expect((await runsOf(config)).map((r) => r.configPath)).toEqual(['../own-path/drift.yaml']);
  });

  it('still succeeds with the exit code of the analysis when the run cannot be recorded, with a warning on stderr', async () => {
    const config = demoCopy('broken-history', 'history:\n  path: foreign.sqlite\n');
    const history = path.join(path.dirname(config), 'foreign.sqlite');
    await writeSqlite(history, 'CREATE TABLE notes (text TEXT)');
    const before = readFileSync(history);
    const { code, stdout, stderr } = await run('analyze', config, '--quiet', '--fail-on', 'alert:low');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `drift-monitor: warning: the run was not recorded in the run history: ${history} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.\n`,
    );
    expect(readFileSync(history).equals(before)).toBe(true);
  });

  it('records both of two runs finishing at the same time, from separate processes', async () => {
    const config = demoCopy('concurrent');
    const results = await Promise.all([1, 2, 3].map(() => runAsync('analyze', config, '--quiet')));
    expect(results).toEqual([1, 2, 3].map(() => ({ code: 0, stderr: '' })));
    expect((await runsOf(config)).map((r) => r.id).sort()).toEqual([1, 2, 3]);
    expect(existsSync(path.join(path.dirname(config), '.drift-monitor', 'history.sqlite.lock'))).toBe(false);
  });
});

describe('drift-monitor history', () => {
  it('lists the runs: time, files with their hashes, drifted share, risk and retraining decision', async () => {
    const config = demoCopy('list');
    expect(await run('history', config)).toEqual({
      code: 0,
      stdout: `No runs of ${config} recorded in ${path.join(path.dirname(config), '.drift-monitor', 'history.sqlite')} yet.\n`,
      stderr: '',
    });
    await run('analyze', config, '--quiet');
    const [recorded] = await runsOf(config);
    const { code, stdout, stderr } = await run('history', config);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^1 run of .*drift\.yaml in .*history\.sqlite$/);
    expect(lines[2]).toMatch(/^run +time \(UTC\) +by +files \(sha256\) +drifted features +risk +retraining$/);
    const time = recorded.startedAt.replace('T', ' ').replace(/\.\d+Z$/, '');
    const share = `${recorded.dataset.driftedFeatures} of ${recorded.dataset.features}`;
    const hash = (role: string) => recorded.files.find((f) => f.role === role)!.sha256.slice(0, 8);
    expect(lines[4]).toMatch(
      new RegExp(
        `^ +1 +${time} +cli +reference\\.csv \\(${hash('reference')}\\), current\\.csv \\(${hash('current')}\\) +${share} \\(\\d+(\\.\\d+)?%\\) +${recorded.risk.score} ${recorded.risk.level} +${escaped(retrainingHeadline(recorded.retraining))}`,
      ),
    );
  });

  it('prints the audit log with --audit (as JSON with --json) and writes it as CSV with --csv', async () => {
    const config = demoCopy('audit');
    const history = path.join(path.dirname(config), '.drift-monitor', 'history.sqlite');
    const entries = [
      {
        startedAt: '2026-01-31T09:30:00.000Z',
        reason: 'dataset drift',
        command: 'make retrain',
        cwd: '/srv/model',
        exitCode: 0,
        durationMs: 61_500,
        trigger: 'editor' as const,
        runId: 4,
      },
      {
        startedAt: '2026-02-01T10:00:00.000Z',
        reason: '=cmd|calc',
        command: 'python train.py --all',
        cwd: '/srv/model',
        exitCode: null,
        durationMs: 20,
        trigger: 'cli' as const,
      },
    ];
    for (const entry of entries) await recordAudit(history, entry);

    const text = await run('history', config, '--audit');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(2, 6)).toEqual([
      'time (UTC)           by      command                exit code  duration  run  reason',
      '-------------------  ------  ---------------------  ---------  --------  ---  -------------',
      '2026-01-31 09:30:00  editor  make retrain                   0      62 s    4  dataset drift',
      '2026-02-01 10:00:00  cli     python train.py --all       none     0.0 s       =cmd|calc',
    ]);
    expect(JSON.parse((await run('history', config, '--audit', '--json')).stdout)).toEqual(entries);

    const csvFile = path.join(root, 'audit.csv');
    expect(await run('history', config, '--csv', csvFile)).toEqual({ code: 0, stdout: '', stderr: '' });
    const csv = Papa.parse<string[]>(readFileSync(csvFile, 'utf8').trim()).data;
    expect(csv).toEqual([
      ['started_at', 'reason', 'command', 'cwd', 'exit_code', 'duration_ms', 'trigger', 'run_id'],
      ['2026-01-31T09:30:00.000Z', 'dataset drift', 'make retrain', '/srv/model', '0', '61500', 'editor', '4'],
      ['2026-02-01T10:00:00.000Z', "'=cmd|calc", 'python train.py --all', '/srv/model', '', '20', 'cli', ''],
    ]);
  });

  it('stops with exit 2 and a message naming the file when the history is not one', async () => {
    const config = demoCopy('corrupt', 'history:\n  path: history.sqlite\n');
    const history = path.join(path.dirname(config), 'history.sqlite');
    writeFileSync(history, 'not a database at all, but some text somebody saved here\n'.repeat(50));
    const { code, stdout, stderr } = await run('history', config);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(
      new RegExp(
        `^drift-monitor: ${history.replace(/[.]/g, '\\.')} is not a readable SQLite database \\(.+\\); it is left as it is`,
      ),
    );
  });

  it('explains its usage on a missing config, exit 2', async () => {
    const { code, stderr } = await run('history');
    expect(code).toBe(2);
    expect(stderr).toContain('drift-monitor history <config.yaml> [--json] [--audit] [--csv out.csv]');
  });
});
