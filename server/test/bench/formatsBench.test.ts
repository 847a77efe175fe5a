/**
 * bench/parquet.mjs and bench/profile.mjs on a few thousand rows, so that the Parquet and
 * profile tables cannot rot: every tool's row comes out with its figures, the figures are the
 * ones measured (file sizes as on disk, rows/s from the rows and the wall time, medians inside
 * their ranges), the reports agree, and bad options stop with the usage. The whole flights
 * pair and the 1M × 10 and 100k × 1,000 cells run only in `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const WALL = /^(\d+\.\d\d) \((\d+\.\d\d)–(\d+\.\d\d)\)$/;
const RSS = /^(\d+|n\/a)$/;
/** CPU seconds of every thread, "n/a" only where GNU time is missing. */
const CPU = /^(\d+\.\d\d|n\/a)$/;

function bench(script: string, ...args: string[]) {
  return spawnSync(process.execPath, [`bench/${script}`, ...args], { cwd: root, encoding: 'utf8' });
}

interface Row {
  group: string;
  tool: string;
  cells: string[];
}

/** The table's body rows; a row with an empty first cell belongs to the group above. */
function tableRows(stdout: string, header: string): Row[] {
  let group = '';
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith(header))
    .map((line) => {
      const [first, tool, ...cells] = line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim());
      group = first || group;
      return { group, tool, cells };
    });
}

/** A median and its range, as measured: the median lies inside the range, and above zero. */
function wallSeconds(cell: string, what: string): number {
  const match = WALL.exec(cell);
  expect(match, `${what}: ${cell}`).not.toBeNull();
  const [median, low, high] = match!.slice(1).map(Number);
  expect(median, what).toBeGreaterThan(0);
  expect(low, what).toBeLessThanOrEqual(median);
  expect(median, what).toBeLessThanOrEqual(high);
  return median;
}

function number(text: string): number {
  return Number(text.replaceAll(',', ''));
}

describe('the Parquet bench on a slice of the flights pair', () => {
  it('prints drift-monitor and DuckDB on the CSV pair and on each Parquet pair, with the raw reads, all agreeing', () => {
    const run = bench('parquet.mjs', '--rows', '3000', '--codecs', 'snappy,uncompressed', '--runs', '2');
    expect(run.status, run.stderr).toBe(0);
    const rows = tableRows(run.stdout, '| input |');
    expect(rows.map((r) => [r.group, r.tool])).toEqual([
      [expect.stringMatching(/^CSV, \d+\.\d\d MB$/), 'drift-monitor analyze'],
      [expect.stringMatching(/^CSV, /), 'DuckDB, load and summaries'],
      ...['snappy', 'uncompressed'].flatMap((codec) =>
        [
          'drift-monitor analyze',
          'DuckDB, load and summaries',
          'hyparquet, read the 4 columns',
          'DuckDB, read the 4 columns',
        ].map((tool) => [expect.stringMatching(new RegExp(`^Parquet, ${codec}, \\d+\\.\\d\\d MB$`)), tool]),
      ),
    ]);
    // Each input's size is its two files' on disk.
    const dirs: Record<string, string> = {
      CSV: 'flights-3000',
      'Parquet, snappy': 'flights-parquet-snappy-3000',
      'Parquet, uncompressed': 'flights-parquet-uncompressed-3000',
    };
    for (const [label, dir] of Object.entries(dirs)) {
      const extension = label === 'CSV' ? 'csv' : 'parquet';
      const bytes = ['reference', 'current'].reduce(
        (total, side) => total + statSync(join(root, 'bench', 'data', dir, `${side}.${extension}`)).size,
        0,
      );
      expect(rows.find((r) => r.group.startsWith(`${label},`))!.group).toBe(`${label}, ${(bytes / 1e6).toFixed(2)} MB`);
    }
    const baseline = wallSeconds(rows[0].cells[0], 'drift-monitor on CSV');
    for (const row of rows) {
      const [wall, cpu, rss, rowsPerSecond, inProcess, ratio, cpuRatio, agreement] = row.cells;
      const what = `${row.group}, ${row.tool}`;
      const seconds = wallSeconds(wall, what);
      expect(cpu, what).toMatch(CPU);
      expect(rss, what).toMatch(RSS);
      // 3,000 rows of each half: rows/s is the 6,000 rows over this row's own median (printed to 10 ms).
      expect(Math.abs(6000 / number(rowsPerSecond) - seconds), what).toBeLessThanOrEqual(0.0051);
      if (row === rows[0]) expect([ratio, cpuRatio]).toEqual(['', '']);
      else {
        expect(number(ratio.replace('×', '')), what).toBeCloseTo(seconds / baseline, 1);
        expect(cpuRatio, what).toMatch(cpu === 'n/a' ? /^$/ : /^\d+\.\d\d×$/);
      }
      if (row.tool.includes('read the')) expect(Number(inProcess), what).toBeLessThanOrEqual(seconds);
      else expect(inProcess, what).toBe('');
      if (row.group.startsWith('Parquet') && row.tool === 'drift-monitor analyze')
        expect(agreement, what).toMatch(/^[\d,]+ figures identical to drift-monitor on CSV$/);
      if (row.tool === 'DuckDB, load and summaries')
        expect(agreement, what).toMatch(/^[\d,]+ figures = drift-monitor$/);
      // Two files, each its rows and 4 columns' values and nulls.
      if (row.tool === 'hyparquet, read the 4 columns') expect(agreement, what).toBe('18 figures = DuckDB read');
    }
    // The raw reads counted every row of both halves.
    const read = JSON.parse(
      readFileSync(join(root, 'bench', 'results', 'parquet', 'parquet-snappy-hyparquet.json'), 'utf8'),
    );
    expect(read.files.map((f: { rows: number }) => f.rows)).toEqual([3000, 3000]);
    expect(run.stdout).toMatch(
      /^- Parquet, snappy: hyparquet reads the 4 columns in \d+\.\d\d s, DuckDB in \d+\.\d\d s \(\d+\.\d×\); drift-monitor's analysis takes \d+\.\d\d s against \d+\.\d\d s on CSV \(\d+\.\d\d×(; CPU \d+\.\d\d×)?\), hyparquet's raw read of both files, one after the other, is \d+% of that\.$/m,
    );
  });

  it('stops with the usage on options it cannot read', () => {
    const cases: [string[], string][] = [
      [['--codecs', 'brotli9'], 'unknown codec brotli9'],
      [['--tools', 'pandas'], 'unknown tool pandas'],
      [['--rows', 'many'], '--rows takes a whole number'],
      [['--runs', '0'], '--runs takes a positive whole number, not 0'],
    ];
    for (const [args, message] of cases) {
      const run = bench('parquet.mjs', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('usage: node bench/parquet.mjs');
    }
  });
});

describe('the profile bench on small cells', () => {
  it('prints the profile, SUMMARIZE and both analyses per cell, with sizes as written and the same profile every run', () => {
    const run = bench('profile.mjs', '--cells', '2000x10,300x100', '--runs', '2');
    expect(run.status, run.stderr).toBe(0);
    const rows = tableRows(run.stdout, '| data |');
    const tools = [
      'drift-monitor profile',
      'DuckDB SUMMARIZE',
      'drift-monitor analyze, raw reference',
      'drift-monitor analyze, the profile as reference',
    ];
    expect(rows.map((r) => r.tool)).toEqual([...tools, ...tools]);
    const cells: [string, number, string][] = [
      ['2000x10', 10, '2,000 rows × 10 columns'],
      ['300x100', 100, '300 rows × 100 columns'],
    ];
    for (const [i, [cell, columns, label]] of cells.entries()) {
      const [profile, summarize, analyze, fromProfile] = rows.slice(4 * i, 4 * i + 4);
      const bytes = statSync(join(root, 'bench', 'data', `scaling-${cell}`, 'reference.csv')).size;
      expect(profile.group).toBe(`${label}, reference ${(bytes / 1e6).toFixed(2)} MB of CSV`);
      for (const row of [profile, summarize, analyze, fromProfile]) {
        wallSeconds(row.cells[0], `${cell} ${row.tool}`);
        expect(row.cells[1]).toMatch(CPU);
        expect(row.cells[2]).toMatch(RSS);
      }
      // The sizes are those of the files written: bytes, bytes per column, gzip-compressed bytes.
      for (const [row, file] of [
        [profile, `${cell}.profile.json`],
        [summarize, `${cell}-summarize.json`],
      ] as const) {
        const bytes = readFileSync(join(root, 'bench', 'results', 'profile', file));
        expect(row.cells.slice(3, 6).map(number), `${cell} ${row.tool}`).toEqual([
          bytes.length,
          Math.round(bytes.length / columns),
          gzipSync(bytes).length,
        ]);
      }
      expect(profile.cells[6]).toBe('the same bytes in all 2 runs');
      expect(fromProfile.cells[6]).toMatch(/^\d+ of \d+ decided verdicts as with the raw reference/);
    }
    expect(run.stdout).toMatch(
      /^- 2,000 × 10: the profile is [\d,]+ bytes \(\d+\.\d\d MB, \d+\.\d\d% of the CSV\), \d+\.\d× SUMMARIZE's output; built in \d+\.\d\d s, \d+\.\d\d s for SUMMARIZE \(\d+\.\d\d×(; CPU \d+\.\d\d×)?\); the analysis takes \d+\.\d\d s against the profile, \d+\.\d\d s against the raw reference \(\d+\.\d\d×(; CPU \d+\.\d\d×)?\)\.$/m,
    );
  });

  it('stops with the usage on options it cannot read', () => {
    const cases: [string[], string][] = [
      [['--cells', '1000'], '--cells takes rows x columns, such as 1000000x10, not 1000'],
      [['--tools', 'from-profile'], '--tools from-profile needs profile'],
      [['--tools', 'pandas'], 'unknown tool pandas'],
    ];
    for (const [args, message] of cases) {
      const run = bench('profile.mjs', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('usage: node bench/profile.mjs');
    }
  });
});
