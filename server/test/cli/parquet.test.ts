/** `drift-monitor analyze` on Parquet files: the CLI in this process (executable.test.ts runs the bundle). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrBesidesProgress } from './runCli';

const fixtures = new URL('../../../test-fixtures/parquet/', import.meta.url).pathname;

function config(reference: string, current: string, rest = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'drift-cli-parquet-'));
  const path = join(dir, 'drift.yaml');
  writeFileSync(path, `reference: ${join(fixtures, reference)}\ncurrent: ${join(fixtures, current)}\n${rest}`);
  return path;
}

describe('drift-monitor analyze on Parquet', () => {
  it('analyzes a Parquet pair as it does the same data as CSV: the same summary, and the skipped columns said', async () => {
    const parquet = await runCli([
      'analyze',
      config('snappy/reference.parquet', 'snappy/current.parquet'),
      '--no-history',
    ]);
    const csv = await runCli(['analyze', config('reference.csv', 'current.csv'), '--no-history']);
    expect(stderrBesidesProgress(parquet.stderr)).toEqual([]);
    expect(parquet.code).toBe(csv.code);
    const lines = (stdout: string) =>
      stdout.split('\n').filter((line) => !/reference\.|current\.|drift\.yaml/.test(line));
    expect(lines(parquet.stdout)).toEqual(lines(csv.stdout));
    expect(parquet.stdout).toContain(
      "columns 'tags' (a list column), 'place' (a struct column) and 'counts' (a map column) are skipped",
    );
  });

  it.each([
    ['not-parquet.parquet', 'not-parquet.parquet is not a Parquet file'],
    ['truncated.parquet', 'truncated.parquet is cut short'],
    ['lzo.parquet', "lzo.parquet row group 1 of 5, column 'event_time': compressed with LZO, which cannot be read"],
    ['empty.parquet', 'empty.parquet has columns but no rows.'],
  ])('exits 2 on %s, naming it, without a stack trace', async (bad, message) => {
    const { code, stderr } = await runCli(['analyze', config(bad, 'snappy/current.parquet'), '--no-history']);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when the config names a column of a type that cannot be read', async () => {
    const path = config('types.parquet', 'types.parquet', 'drift:\n  features:\n    wait: { method: psi }\n');
    const { code, stderr } = await runCli(['analyze', path, '--no-history']);
    expect(code).toBe(2);
    expect(stderr).toContain("column 'wait' is of type INTERVAL, which cannot be analyzed");
  });
});
