/**
 * bench/conceptAlarms.mjs on a few small cells, so that the false-alarm simulation cannot rot:
 * every table comes out with its figures.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

function bench(...args: string[]) {
  return spawnSync(process.execPath, ['bench/conceptAlarms.mjs', '--workers', '1', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

/** The body rows of the markdown table under the line starting with `title`. */
function table(stdout: string, title: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  expect(start, title).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('| ')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('the concept-drift false-alarm bench at a small size', () => {
  it('prints the alarm rates, the delays and the regression alarms', () => {
    const run = bench(
      ...['--streams', '40', '--delay-streams', '10', '--regression-streams', '10', '--adwin-streams', '5'],
      ...['--rates', '0.01,0.5', '--lengths', '1000,10000'],
    );
    expect(run.status, run.stderr).toBe(0);
    const alarms = table(run.stdout, 'Concept drift, classification: false alarms');
    expect(alarms.map((r) => r.slice(0, 2))).toEqual([
      ['1%', '1,000'],
      ['1%', '10,000'],
      ['50%', '1,000'],
      ['50%', '10,000'],
    ]);
    for (const row of alarms) {
      expect(row[2]).toMatch(/^\d+ \(\d+\.\d%\)$/);
      expect(row[3]).toMatch(/^\d+\.\d%$/);
      expect(row[7]).toMatch(/^\d+ of 5$/);
    }
    const delays = table(run.stdout, 'Concept drift, classification: real rises');
    expect(delays.map((r) => r[2])).toEqual([
      '1% → 2%',
      '1% → 6%',
      '1% → 2%',
      '1% → 6%',
      '50% → 75%',
      '50% → 55%',
      '50% → 75%',
      '50% → 55%',
    ]);
    for (const row of delays)
      expect(row.slice(5)).toEqual(row.slice(5).map((c) => (c === '—' ? c : expect.stringMatching(/^[\d,]+$/))));
    // A doubling of 50% errors over 5,000 rows is seen by the detectors.
    expect(delays[6][4]).toBe('100.0%');
    const regression = table(run.stdout, 'Concept drift, regression');
    expect(regression.map((r) => r.slice(0, 3))).toEqual([
      ['normal', '1,000', '10'],
      ['normal', '10,000', '10'],
      ['laplace', '1,000', '10'],
      ['laplace', '10,000', '10'],
    ]);
  });
});
