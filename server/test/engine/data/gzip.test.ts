/**
 * gzip-compressed CSV: read as the same file uncompressed is read (the report on a gzip pair
 * equals the report on the plain pair, streamed or not, TSV with a byte order mark and CRLF
 * included), found by its first bytes whatever its name, and a bad stream (truncated, not
 * gzip, corrupt) an InputError naming the file and the last line read whole before the fault.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/generate.mjs';
import { analyze } from '../../../src/engine/analysis/analyze';
import { sizeInMemory } from '../../../src/engine/analysis/streaming';
import { loadConfig } from '../../../src/engine/config/load';
import { CsvHeaderCache, HEADER_CHUNK_BYTES } from '../../../src/engine/data/csvHeaders';
import { gzipFacts } from '../../../src/engine/data/gzip';
import { readDataFile } from '../../../src/engine/data/readData';
import { readTable } from '../../../src/engine/data/readTable';
import { InputError } from '../../../src/engine/inputError';
import { simulateDrift } from '../../../src/engine/simulate/simulate';
import type { Report } from '../../../src/protocol/report';

const fixtures = new URL('../../../../test-fixtures/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-gzip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder of the scratch one holding `files` (name → bytes). */
function folderWith(name: string, files: Record<string, Buffer | string>): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(folder, file), bytes, { flag: 'w' });
  return folder;
}

/** The report as JSON, without what names the run (when, which config) and with the gzip names as the plain ones. */
function comparable(report: Report): string {
  const { generatedAt: _when, config: _config, ...rest } = report as Report & { generatedAt?: string; config?: string };
  return JSON.stringify(rest).replace(/\.(csv|tsv)\.gz/g, '.$1');
}

const read = (path: string, displayPath: string, options: { gzip?: boolean } = {}) =>
  readTable(path, { displayPath, kinds: new Map(), requiredColumns: [], ...options });

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('a gzip pair gives the report of the plain pair', () => {
  it('on the model demo: two models, a dataset, time windows', async () => {
    const plain = join(fixtures, 'demo-model');
    const files = ['reference.csv', 'current.csv', 'test.csv'];
    const yaml = readFileSync(join(plain, 'drift.yaml'), 'utf8');
    const gz = folderWith('demo-model', {
      'drift.yaml': files.reduce((text, file) => text.replace(file, `${file}.gz`), yaml),
      ...Object.fromEntries(files.map((file) => [`${file}.gz`, gzipSync(readFileSync(join(plain, file)))])),
    });
    const expected = await analyze(await loadConfig(join(plain, 'drift.yaml')));
    const config = await loadConfig(join(gz, 'drift.yaml'));
    expect(config.datasets[0].format).toBe('csv.gz');
    expect(comparable(await analyze(config))).toBe(comparable(expected));
  });

  it('on a TSV with a byte order mark and CRLF line breaks (.tsv.gz)', async () => {
    const tsv = (file: string) =>
      Buffer.from(
        '\ufeff' +
          readFileSync(join(fixtures, 'demo', file), 'utf8')
            .replaceAll(',', '\t')
            .replaceAll('\n', '\r\n'),
      );
    const yaml = readFileSync(join(fixtures, 'demo', 'drift.yaml'), 'utf8');
    const plain = folderWith('tsv', {
      'drift.yaml': yaml.replace('reference.csv', 'reference.tsv').replace('current.csv', 'current.tsv'),
      'reference.tsv': tsv('reference.csv'),
      'current.tsv': tsv('current.csv'),
    });
    const gz = folderWith('tsv-gz', {
      'drift.yaml': yaml.replace('reference.csv', 'reference.tsv.gz').replace('current.csv', 'current.tsv.gz'),
      'reference.tsv.gz': gzipSync(tsv('reference.csv')),
      'current.tsv.gz': gzipSync(tsv('current.csv')),
    });
    const expected = await analyze(await loadConfig(join(plain, 'drift.yaml')));
    expect(expected.features.length).toBeGreaterThan(0);
    expect(comparable(await analyze(await loadConfig(join(gz, 'drift.yaml'))))).toBe(comparable(expected));
  });

  describe('streamed: files of several 1 MiB chunks, sampled', () => {
    const plain = join(scratch, 'generated');
    const gz = join(scratch, 'generated-gz');
    beforeAll(async () => {
      await generate(plain, 40_000);
      const yaml = readFileSync(join(plain, 'drift.yaml'), 'utf8');
      folderWith('generated-gz', {
        'drift.yaml': yaml.replace('reference.csv', 'reference.csv.gz').replace('current.csv', 'current.csv.gz'),
        'reference.csv.gz': gzipSync(readFileSync(join(plain, 'reference.csv'))),
        'current.csv.gz': gzipSync(readFileSync(join(plain, 'current.csv'))),
      });
    });

    it('holds files larger than a chunk', () => {
      expect(readFileSync(join(plain, 'reference.csv')).length).toBeGreaterThan(2 * 2 ** 20);
    });

    it('streamed with a sample of 5,000 rows', async () => {
      const streaming = { mode: 'on' as const, exactRows: 5_000 };
      const expected = await analyze(await loadConfig(join(plain, 'drift.yaml')), { streaming });
      expect(expected.reference.sampledFrom).toBe(40_000);
      const report = await analyze(await loadConfig(join(gz, 'drift.yaml')), { streaming });
      expect(comparable(report)).toBe(comparable(expected));
    });

    it('read whole, the progress in the compressed bytes of the file', async () => {
      const file = join(gz, 'reference.csv.gz');
      const progress: [number, number][] = [];
      const table = await readTable(file, {
        displayPath: 'reference.csv.gz',
        kinds: new Map(),
        requiredColumns: [],
        gzip: true,
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(table.rows).toBe(40_000);
      const size = readFileSync(file).length;
      expect(progress.at(-1)).toEqual([size, size]);
      expect(progress.every(([done, total]) => done <= total && total === size)).toBe(true);
    });
  });
});

describe('which files are gzip', () => {
  const csv = 'a,b\n1,x\n2,y\n3,z\n';

  it('reads a gzip file whatever its name (a plain CSV never starts as gzip does)', async () => {
    const folder = folderWith('misnamed', { 'data.csv': gzipSync(csv), 'plain.csv': csv });
    const gz = await read(join(folder, 'data.csv'), 'data.csv');
    const plain = await read(join(folder, 'plain.csv'), 'plain.csv');
    expect({ ...gz, path: '' }).toEqual({ ...plain, path: '' });
  });

  it('reads a file of several gzip members (files compressed apart, then joined) as their texts joined', async () => {
    const folder = folderWith('members', {
      'joined.csv.gz': Buffer.concat([gzipSync('a,b\n1,x\n'), gzipSync('2,y\n3,z\n')]),
      'joined.csv': csv,
    });
    const gz = await read(join(folder, 'joined.csv.gz'), 'joined.csv', { gzip: true });
    expect(gz).toEqual(await read(join(folder, 'joined.csv'), 'joined.csv'));
  });

  it('refuses a file the config says is gzip when it is not (named .csv.gz, or format: csv.gz)', async () => {
    const folder = folderWith('not-gzip', { 'data.csv.gz': csv, 'empty.csv.gz': '' });
    const error = await failure(
      readDataFile(join(folder, 'data.csv.gz'), { displayPath: 'data.csv.gz', kinds: new Map(), requiredColumns: [] }),
    );
    expect(error.message).toBe(
      'data.csv.gz is not gzip-compressed (it does not start with the bytes 1f 8b). If it is plain text, set `format: csv` for it.',
    );
    expect(error.location.file).toBe('data.csv.gz');
    await failure(read(join(folder, 'empty.csv.gz'), 'empty.csv.gz', { gzip: true }));
    // Given as plain text, it is read as such.
    const table = await readDataFile(join(folder, 'data.csv.gz'), {
      displayPath: 'data.csv.gz',
      format: 'csv',
      kinds: new Map(),
      requiredColumns: [],
    });
    expect(table.rows).toBe(3);
  });

  it('takes the decompressed size from the gzip trailer, and counts it for the auto streaming decision', async () => {
    const text = Buffer.from('value\n' + Array.from({ length: 20_000 }, (_, i) => `${i % 7}\n`).join(''));
    const folder = folderWith('sizes', { 'a.csv.gz': gzipSync(text), 'a.csv': text });
    const compressed = readFileSync(join(folder, 'a.csv.gz')).length;
    expect(await gzipFacts(join(folder, 'a.csv.gz'), compressed)).toEqual({ gzip: true, decodedBytes: text.length });
    expect(await gzipFacts(join(folder, 'a.csv'), text.length)).toEqual({ gzip: false, decodedBytes: text.length });
    expect(await sizeInMemory(join(folder, 'a.csv.gz'))).toEqual({ bytes: text.length, gzip: true });
    expect(await sizeInMemory(join(folder, 'a.csv'))).toEqual({ bytes: text.length, gzip: false });
  });
});

describe('bad gzip input', () => {
  /** Large enough that the fault comes after some lines: several chunks of text. */
  const text = Buffer.from(
    'id,value,label\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${(i * 7919) % 1000},l${i % 13}\n`).join(''),
  );
  const compressed = gzipSync(text);

  it('a truncated file: the last line decompressed whole before its end', async () => {
    const folder = folderWith('truncated', { 'cut.csv.gz': compressed.subarray(0, compressed.length / 2) });
    const error = await failure(read(join(folder, 'cut.csv.gz'), 'cut.csv.gz', { gzip: true }));
    expect(error.message).toMatch(
      /^cut\.csv\.gz is truncated \(its gzip data ends unfinished\) after line [\d,]+\. Copy or download it again\.$/,
    );
    const line = error.location.line!;
    // The fault lies after the line named: the lines before it decompress whole from the half kept.
    expect(line).toBeGreaterThan(1_000);
    expect(line).toBeLessThanOrEqual(text.toString().split('\n').length);
  });

  it('a file cut in its header or trailer, and a small file: no line to name', async () => {
    const small = gzipSync('a,b\n1,2\n');
    const folder = folderWith('cut-small', {
      'header.csv.gz': compressed.subarray(0, 5),
      'trailer.csv.gz': small.subarray(0, small.length - 3),
    });
    for (const name of ['header.csv.gz', 'trailer.csv.gz']) {
      const error = await failure(read(join(folder, name), name, { gzip: true }));
      expect(error.message).toMatch(
        new RegExp(`^${name.replace('.', '\\.')} is truncated \\(its gzip data ends unfinished\\)`),
      );
    }
  });

  it('a corrupt stream', async () => {
    const corrupt = Buffer.from(compressed);
    for (let i = compressed.length / 2; i < compressed.length / 2 + 64; i++) corrupt[i] ^= 0x5a;
    const folder = folderWith('corrupt', { 'bad.csv.gz': corrupt });
    const error = await failure(read(join(folder, 'bad.csv.gz'), 'bad.csv.gz', { gzip: true }));
    expect(error.message).toMatch(
      /^bad\.csv\.gz holds corrupt gzip data \([^)]+\)( after line [\d,]+)?\. Compress it again\.$/,
    );
    expect(error.location.file).toBe('bad.csv.gz');
  });

  it('a damaged checksum, found at the end', async () => {
    const damaged = Buffer.from(compressed);
    damaged[damaged.length - 8] ^= 0xff;
    const folder = folderWith('checksum', { 'sum.csv.gz': damaged });
    const error = await failure(read(join(folder, 'sum.csv.gz'), 'sum.csv.gz', { gzip: true }));
    expect(error.message).toBe('sum.csv.gz holds corrupt gzip data (incorrect data check). Compress it again.');
  });

  it('invalid UTF-8 in a gzip file is placed as in the plain file', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,x\n2,'), Buffer.from([0xff]), Buffer.from('y\n')]);
    const folder = folderWith('utf8', { 'bad.csv.gz': gzipSync(bytes), 'bad.csv': bytes });
    const gz = await read(join(folder, 'bad.csv.gz'), 'bad.csv');
    const plain = await read(join(folder, 'bad.csv'), 'bad.csv');
    expect(gz.notes).toEqual(plain.notes);
    expect(plain.notes?.[0]).toMatch(/line 3, column 3 \(byte 0xff\)/);
    const header = Buffer.concat([Buffer.from('a,'), Buffer.from([0xfe]), Buffer.from('\n1,2\n')]);
    writeFileSync(join(folder, 'header.csv.gz'), gzipSync(header));
    expect((await failure(read(join(folder, 'header.csv.gz'), 'header.csv.gz'))).message).toBe(
      'header.csv.gz line 1, column 3: the header is not valid UTF-8 (byte 0xfe); save the file as UTF-8.',
    );
  });
});

describe("the editor's header of a gzip file", () => {
  const text = 'id,income,city\n' + Array.from({ length: 30_000 }, (_, i) => `${i},${i * 3.5},c${i % 9}\n`).join('');

  it('is the plain file header, from the first 64 KiB decompressed only', async () => {
    const folder = folderWith('headers', { 'big.csv': text, 'big.csv.gz': gzipSync(text) });
    const cache = new CsvHeaderCache();
    const [plain, gz] = await Promise.all([
      cache.get(join(folder, 'big.csv')),
      cache.get(join(folder, 'big.csv.gz'), 'csv.gz'),
    ]);
    if (!plain.ok || !gz.ok) throw new Error('unread');
    expect({ ...gz.header, path: '' }).toEqual({ ...plain.header, path: '' });
    expect(gz.header.bytesRead).toBe(HEADER_CHUNK_BYTES);
    expect(gz.header.columns).toEqual(['id', 'income', 'city']);
  });

  it('names a bad stream and a file that is not gzip', async () => {
    const small = gzipSync('a,b\n1,2\n');
    const folder = folderWith('header-faults', {
      'cut.csv.gz': small.subarray(0, small.length - 6),
      'plain.csv.gz': 'a,b\n1,2\n',
    });
    const cache = new CsvHeaderCache();
    expect(await cache.get(join(folder, 'cut.csv.gz'))).toEqual({
      ok: false,
      error: 'is truncated (its gzip data ends unfinished)',
    });
    expect(await cache.get(join(folder, 'plain.csv.gz'), 'csv.gz')).toEqual({
      ok: false,
      error: 'is not gzip-compressed (it does not start with the bytes 1f 8b)',
    });
    // Without the config's format (hover, completion), the plain text is read.
    expect((await cache.get(join(folder, 'plain.csv.gz'))).ok).toBe(true);
  });
});

describe('the simulator on a gzip file', () => {
  it('writes a gzip copy whose text is the copy of the plain file', async () => {
    const source = join(fixtures, 'demo', 'current.csv');
    const folder = folderWith('simulate', { 'in.csv.gz': gzipSync(readFileSync(source)) });
    const perturbations = [{ kind: 'shift' as const, column: 'income', amount: 5_000 }];
    await simulateDrift({ input: source, output: join(folder, 'out.csv'), perturbations, seed: 3 });
    await simulateDrift({
      input: join(folder, 'in.csv.gz'),
      output: join(folder, 'out.csv.gz'),
      perturbations,
      seed: 3,
    });
    const copy = readFileSync(join(folder, 'out.csv.gz'));
    expect(copy.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(copy).equals(readFileSync(join(folder, 'out.csv')))).toBe(true);
    // Without a perturbation, the text is the input's, byte for byte.
    await simulateDrift({
      input: join(folder, 'in.csv.gz'),
      output: join(folder, 'same.csv.gz'),
      perturbations: [],
      seed: 1,
    });
    expect(gunzipSync(readFileSync(join(folder, 'same.csv.gz'))).equals(readFileSync(source))).toBe(true);
  });

  it('refuses a Parquet file by its name', async () => {
    const folder = folderWith('simulate-parquet', { 'in.parquet': 'PAR1' });
    const error = await failure(
      simulateDrift({
        input: join(folder, 'in.parquet'),
        output: join(folder, 'out.parquet'),
        perturbations: [],
        seed: 1,
        inputShown: 'in.parquet',
      }),
    );
    expect(error.message).toBe(
      'in.parquet is a parquet file by its name: the simulator copies CSV files, plain or gzip-compressed.',
    );
  });
});
