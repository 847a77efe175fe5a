/**
 * `npm run bench` on a few thousand rows, so that the benchmark cannot rot: the table
 * comes out with every figure and the reports agree; without Python, pandas + scipy is
 * skipped with a reason instead of failing the run. dist/ is built by the global setup.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const NUMBER = /^\d[\d,]*(\.\d+)?$/;

interface Row {
  workload: string;
  tool: string;
  cells: string[];
}

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bench/run.mjs', '--runs', '1', ...args], { cwd: root, encoding: 'utf8' });
}

/** The table's body rows; a row with an empty workload cell belongs to the workload above. */
function tableRows(stdout: string): Row[] {
  let workload = '';
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| workload'))
    .map((line) => {
      const [first, tool, ...cells] = line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim());
      workload = first || workload;
      return { workload, tool, cells };
    });
}

/** Wall, peak RSS, rows/s and MB/s are numbers (RSS "n/a" only where GNU time is missing). */
function expectFigures(row: Row): void {
  const [wall, rss, rowsPerSecond, megabytesPerSecond] = row.cells;
  expect(wall, `${row.tool} wall`).toMatch(NUMBER);
  expect(rss, `${row.tool} RSS`).toMatch(/^(\d+|n\/a)$/);
  expect(rowsPerSecond, `${row.tool} rows/s`).toMatch(NUMBER);
  expect(megabytesPerSecond, `${row.tool} MB/s`).toMatch(NUMBER);
}

describe('the benchmark at a few thousand rows', () => {
  it('prints one table with every tool on the generated pair and on flights-3m, the reports agreeing', () => {
    // At 5,000 rows the merchant column's chi-square has ~8,000 degrees of freedom: the p-value must agree there too.
    const run = bench('--sizes', '5000', '--real-rows', '5000', '--tools', 'drift-monitor,scipy,duckdb');
    expect(run.status, run.stderr).toBe(0);
    const rows = tableRows(run.stdout);
    expect(new Set(rows.map((r) => r.workload)).size).toBe(2);
    expect(rows.map((r) => r.tool)).toEqual([
      'drift-monitor',
      'pandas + scipy',
      'DuckDB',
      'drift-monitor',
      'pandas + scipy',
      'DuckDB',
    ]);
    for (const row of rows.filter((r) => r.tool !== 'pandas + scipy' || r.cells[0] !== 'not run')) expectFigures(row);
    for (const duckdb of rows.filter((r) => r.tool === 'DuckDB')) {
      expect(duckdb.cells[4]).toMatch(/^\d+\.\d\d×$/);
      expect(duckdb.cells[6]).toMatch(/\d+ figures = drift-monitor/);
    }
    // On a machine without Python the scipy rows say why instead.
    const scipyRan = rows.some((r) => r.tool === 'pandas + scipy' && r.cells[0] !== 'not run');
    expect(run.stdout).toMatch(scipyRan ? /\d+ figures = pandas \+ scipy/ : /pandas \+ scipy not run on/);
  });

  it('skips pandas + scipy with the reason when there is no such Python, and still prints the table', () => {
    const run = bench(
      '--sizes',
      '2000',
      '--real',
      'none',
      '--tools',
      'drift-monitor,scipy',
      '--python',
      '/nonexistent/python3',
    );
    expect(run.status, run.stderr).toBe(0);
    const [dm, scipy] = tableRows(run.stdout);
    expectFigures(dm);
    expect(scipy.cells[0]).toBe('not run');
    expect(run.stdout).toContain(
      'pandas + scipy not run on the generated pair at 2,000 rows: /nonexistent/python3 not found',
    );
  });
});

describe('the streaming benchmark at a few thousand rows', () => {
  it('prints streamed and whole runs side by side, the verdicts the same', () => {
    // At this size a process's memory is Node's own, so the RSS check cannot fail here; the script's run at millions of rows is the proof.
    const run = spawnSync(
      process.execPath,
      ['bench/stream.mjs', '--sizes', '2000,20000', '--exact-rows', '500', '--rss-growth', '2'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => /^\| [\d,]+ \|/.test(line));
    expect(rows.map((line) => line.split('|')[3].trim())).toEqual([
      'streamed, exact rows 500',
      'every file read whole',
      'streamed, exact rows 500',
      'every file read whole',
    ]);
    // 2,000 values fit in a sketch without compacting it: exact; 20,000 do not.
    expect(rows[0]).toMatch(/\| exact \|$/);
    expect(rows[2]).toMatch(/\| ±\d+\.\d\d% \|$/);
    expect(rows[3]).toMatch(/\| exact \|$/);
    expect(run.stdout).toMatch(/^Streamed peak RSS ×\d+\.\d\d while rows grew ×10 \(allowed ×2\)\.$/m);
  });
});
