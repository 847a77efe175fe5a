/**
 * The bundle on Parquet files, in a child process: hyparquet and its codecs (snappy's is
 * WebAssembly) bundled into the read worker, a pair read on worker threads as the CLI reads
 * it, and a bad file's exit code. What the reader does is tested in this process
 * (cli/parquet.test.ts, engine/data/parquet/).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli, stderrBesidesProgress } from './runCli';

const fixtures = new URL('../../../test-fixtures/parquet/', import.meta.url).pathname;

function config(reference: string, current: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'drift-cli-parquet-bin-')), 'drift.yaml');
  writeFileSync(path, `reference: ${join(fixtures, reference)}\ncurrent: ${join(fixtures, current)}\n`);
  return path;
}

describe('dist/cli.js on Parquet', () => {
  it.each(['snappy', 'zstd', 'gzip', 'brotli', 'lz4'])(
    'analyzes the %s pair on its worker threads as it does the same CSVs',
    (codec) => {
      const folder = mkdtempSync(join(tmpdir(), 'drift-cli-parquet-bin-'));
      const reports = [
        [`${codec}/reference.parquet`, `${codec}/current.parquet`],
        ['reference.csv', 'current.csv'],
      ].map(([reference, current], i) => {
        const json = join(folder, `${i}.json`);
        const { code, stderr } = spawnCli([
          'analyze',
          config(reference, current),
          '--json',
          json,
          '--no-history',
          '--quiet',
        ]);
        expect(stderrBesidesProgress(stderr)).toEqual([]);
        expect(code).toBe(0);
        return JSON.parse(readFileSync(json, 'utf8'));
      });
      const [parquet, csv] = reports;
      expect(parquet.reference).toEqual({ ...csv.reference, path: join(fixtures, codec, 'reference.parquet') });
      expect(parquet.features).toEqual(csv.features);
    },
  );

  it('exits 2 on a file that is not Parquet, naming it', () => {
    const { code, stderr } = spawnCli([
      'analyze',
      config('not-parquet.parquet', 'zstd/current.parquet'),
      '--no-history',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('not-parquet.parquet is not a Parquet file');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
