/**
 * bench/scaling.mjs on a grid of a few thousand rows, so that the scaling table cannot rot:
 * every cell run has its figures, a cell over the limits says why instead of vanishing, and
 * bad options stop with the usage. The wide cells themselves run only in `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const FIGURES = /^\d[\d,]*\.\d+ s, (\d[\d,]*|n\/a) MiB$/;

function scaling(...args: string[]) {
  return spawnSync(process.execPath, ['bench/scaling.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

/** The table's body rows as cells, the separator line left out. */
function tableRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| rows per file'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe('the scaling bench on a small grid', () => {
  it('prints rows × columns with each tool beside the CSV size, and a cell over --max-cells with its reason', () => {
    const run = scaling(
      ...['--rows', '2000,5000', '--columns', '20,10', '--runs', '1'],
      ...['--streamed-columns', '20', '--max-cells', '50000'],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('| rows per file | tool | 10 columns | 20 columns |');
    const rows = tableRows(run.stdout);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['2,000', 'CSV pair'],
      ['', 'drift-monitor, in memory'],
      ['', 'drift-monitor, streamed'],
      ['', 'DuckDB'],
      ['5,000', 'CSV pair'],
      ['', 'drift-monitor, in memory'],
      ['', 'drift-monitor, streamed'],
      ['', 'DuckDB'],
    ]);
    const [sizes, memory, streamed, duckdb, bigSizes, bigMemory, bigStreamed, bigDuckdb] = rows.map((r) => r.slice(2));
    for (const size of [...sizes, bigSizes[0]]) expect(size).toMatch(/^\d+\.\d MB$/);
    for (const cell of [...memory, streamed[1], ...duckdb, bigMemory[0], bigDuckdb[0]]) expect(cell).toMatch(FIGURES);
    // Streamed only from --streamed-columns on; the cell over --max-cells runs no tool.
    expect([streamed[0], bigStreamed[0]]).toEqual(['', '']);
    expect(bigSizes[1]).toMatch(/^~\d+\.\d MB, not run \(1\)$/);
    expect([bigMemory[1], bigStreamed[1], bigDuckdb[1]]).toEqual(['', '', '']);
    expect(run.stdout).toMatch(
      /^\(1\) 5,000 × 20: not run: 100,000 cells per file, more than --max-cells 50,000 \(the bench's time\); about \d+ s for drift-monitor in memory at this run's rate \(\d+\.\d+ s at 5,000 × 10\)\.$/m,
    );
    expect(run.stdout).toMatch(
      /DuckDB's figures were compared with drift-monitor's after every run: [\d,]+ figures over 3 cells, all equal\./,
    );
    expect(run.stdout).toMatch(
      /^- fixed overhead: [\d,]+ MiB, the peak RSS of this run's smallest run \(2,000 × 10, in memory\)\.$/m,
    );
    expect(run.stdout).toContain('- 100,000 × 1,000: not measured in this run (not in its --rows × --columns).');
  });

  it('names the CSV size and what limits a cell that cannot run here, without generating it', () => {
    const run = scaling('--rows', '10000000', '--columns', '1000', '--tools', 'drift-monitor');
    expect(run.status, run.stderr).toBe(0);
    const note = run.stdout.split('\n').find((line) => line.startsWith('(1) 10,000,000 × 1,000: not run: '));
    expect(note, run.stdout).toBeDefined();
    const { bavail, bsize } = statfsSync(root);
    // 116 GB of CSV: over the disk's free space on most machines, over any test machine's memory.
    if (bavail * bsize < 121e9) expect(note).toContain('~116 GB of CSV, more than the disk');
    expect(totalmem()).toBeLessThan(288e9);
    expect(note).toContain('~269 GB of peak RSS read whole (2.1× the decoded columns)');
    expect(note).toContain('10,000,000,000 cells per file, more than --max-cells 300,000,000');
    expect(run.stdout).toContain('- 100,000 × 1,000: not measured in this run (not in its --rows × --columns).');
  });

  it('stops with the usage on options it cannot read', () => {
    const cases: [string[], string][] = [
      [['--rows', '1000,many'], '--rows takes positive whole numbers, not many'],
      [['--columns', '0'], '--columns takes positive whole numbers, not 0'],
      [['--tools', 'drift-monitor,pandas'], 'unknown tool pandas'],
      [['--tools', 'duckdb'], '--tools must include drift-monitor'],
      [['--sizes', '1000'], "Unknown option '--sizes'"],
    ];
    for (const [args, message] of cases) {
      const run = scaling(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('usage: node bench/scaling.mjs');
    }
  });
});
