/**
 * The CLI on gzip CSV: a gzip pair analyzed as the plain pair is, and each bad gzip file
 * (truncated, not gzip, corrupt) a message naming the file on stderr with exit code 2,
 * never a stack trace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
const w = mkdtempSync(join(tmpdir(), 'drift-cli-gzip-'));
afterAll(() => rmSync(w, { recursive: true, force: true }));

const reference = gzipSync(readFileSync(join(demo, 'reference.csv')));
const current = gzipSync(readFileSync(join(demo, 'current.csv')));
writeFileSync(join(w, 'reference.csv.gz'), reference);
writeFileSync(join(w, 'current.csv.gz'), current);

function analyzeWith(currentName: string, bytes: Buffer | string, extra = '') {
  writeFileSync(join(w, currentName), bytes);
  const config = join(w, `${currentName}.drift.yaml`);
  writeFileSync(config, `reference: reference.csv.gz\ncurrent: ${currentName}\n${extra}`);
  return runCli(['analyze', config, '--no-history', '--quiet'], { cwd: w });
}

describe('drift-monitor analyze on gzip files', () => {
  it('gives the text summary of the plain pair', async () => {
    const plain = await runCli(['analyze', join(demo, 'drift.yaml'), '--no-history'], { cwd: demo });
    writeFileSync(join(w, 'drift.yaml'), readFileSync(join(demo, 'drift.yaml'), 'utf8').replaceAll('.csv', '.csv.gz'));
    const gz = await runCli(['analyze', join(w, 'drift.yaml'), '--no-history'], { cwd: w });
    expect(gz.code).toBe(plain.code);
    expect(gz.stdout.replaceAll('.csv.gz', '.csv').replace(w, demo.slice(0, -1))).toBe(plain.stdout);
  });

  it.each([
    [
      'truncated',
      'cut.csv.gz',
      current.subarray(0, current.length / 2),
      /^drift-monitor: cut\.csv\.gz is truncated \(its gzip data ends unfinished\) after line [\d,]+\. Copy or download it again\.\n$/,
    ],
    [
      'not gzip',
      'plain.csv.gz',
      readFileSync(join(demo, 'current.csv')),
      /^drift-monitor: plain\.csv\.gz is not gzip-compressed \(it does not start with the bytes 1f 8b\)\. If it is plain text, set `format: csv` for it\.\n$/,
    ],
    [
      'a corrupt stream',
      'bad.csv.gz',
      Buffer.concat([current.subarray(0, 10), Buffer.alloc(64, 0xff), current.subarray(74)]),
      /^drift-monitor: bad\.csv\.gz holds corrupt gzip data \([a-z ]+\)( after line [\d,]+)?\. Compress it again\.\n$/,
    ],
  ])('exits 2 on %s, naming the file', async (_case, name, bytes, message) => {
    const run = await analyzeWith(name, bytes);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads the misnamed plain file given format: csv', async () => {
    const run = await analyzeWith(
      'plain.csv.gz',
      readFileSync(join(demo, 'current.csv')),
      'format: { current: csv }\n',
    );
    expect(run.code).not.toBe(2);
    expect(run.stderr).toBe('');
  });
});
