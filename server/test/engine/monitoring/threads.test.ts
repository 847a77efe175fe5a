/**
 * The report does not depend on which thread made what: dist/cli.js reads the current file
 * on a worker, the reference on the analysis worker, tests columns there and on a feature
 * worker, and meanwhile takes the timestamps, the quality scans and the windows' reference
 * on the analysis worker between the columns it tests; the sources in this process do it all
 * on one thread, one thing after the other. Both reports must be the same, byte for byte
 * apart from when they were made.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeHere } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { spawnCli } from '../../cli/runCli';

const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-threads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Enough rows that the columns are tested on a worker too (500,000 values): timestamps over
 * 13 weeks, in time order but for a few late rows, some missing; a delay of few distinct
 * values, a continuous amount with a missing value now and then, and two text columns.
 */
function writePair(rows: number): string {
  const write = (name: string, seed: number, start: number, shift: number) => {
    const next = mulberry32(seed);
    const lines = ['time,delay,amount,origin,channel'];
    for (let row = 0; row < rows; row++) {
      const late = next() < 0.01 ? -3 * 86_400_000 : 0;
      const time = next() < 0.002 ? '' : new Date(start + row * 60_000 + late).toISOString();
      const delay = Math.round(-5 + 30 * next() * next()) + shift;
      const amount = next() < 0.01 ? '' : (100 * Math.exp(next() + shift / 10)).toFixed(2);
      const origin = `A${Math.floor(200 * next() * next())}`;
      const channel = ['web', 'app', 'store'][Math.floor(3 * next())];
      lines.push(`${time},${delay},${amount},${origin},${channel}`);
    }
    writeFileSync(join(scratch, name), lines.join('\n') + '\n');
  };
  write('reference.csv', 1, Date.parse('2026-01-05T00:00:00Z'), 0);
  write('current.csv', 2, Date.parse('2026-04-06T00:00:00Z'), 1);
  const config = join(scratch, 'drift.yaml');
  writeFileSync(
    config,
    'reference: reference.csv\ncurrent: current.csv\ncolumns:\n  timestamp: time\nwindows:\n  every: 1w\n  reference: true\nhistory:\n  enabled: false\n',
  );
  return config;
}

const withoutTime = (report: string) => report.replace(/"generatedAt": "[^"]*"/, '');

describe('which thread computes what', () => {
  it('gives the same report on the worker threads of dist/cli.js as on this thread alone', async () => {
    const config = writePair(130_000);
    const json = join(scratch, 'report.json');
    const { code, stderr } = spawnCli(['analyze', config, '--json', json, '--no-history', '--quiet']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const here = await analyzeHere(await loadConfig(config), { configShown: config });
    const bundled = readFileSync(json, 'utf8');
    expect(JSON.parse(bundled).windows.current.length).toBe(14);
    expect(withoutTime(bundled)).toBe(withoutTime(JSON.stringify(here, null, 2) + '\n'));
  });
});
