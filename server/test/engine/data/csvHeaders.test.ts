import { mkdtempSync, promises, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CsvHeaderCache, HEADER_CHUNK_BYTES, type CsvHeader } from '../../../src/engine/data/csvHeaders';

const fixtures = new URL('../../../../test-fixtures/lsp/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-headers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function header(file: string, cache = new CsvHeaderCache()): Promise<CsvHeader> {
  const result = await cache.get(file);
  if (!result.ok) throw new Error(result.error);
  return result.header;
}

/** The text each range covers, in the file's text after any byte order mark. */
function rangeTexts(file: string, { ranges }: CsvHeader): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return ranges.map(([start, end]) => text.slice(start, end));
}

describe('CsvHeaderCache.get', () => {
  it('reads the header, the ranges of its names and a guess at each column kind from the sampled rows', async () => {
    const file = join(fixtures, 'reference.csv');
    const found = await header(file);
    const columns = [
      'id',
      'age',
      'income',
      'city',
      'flag',
      'plan',
      'rating',
      'ts',
      'default',
      'predicted',
      'probability',
    ];
    expect(found.path).toBe(file);
    expect(found.columns).toEqual(columns);
    expect(rangeTexts(file, found)).toEqual(columns);
    expect(found.ranges.slice(0, 3)).toEqual([
      [0, 2],
      [3, 6],
      [7, 13],
    ]);
    expect(found.delimiter).toBe(',');
    expect(found.sampledRows).toBe(7);
    expect(found.bytesRead).toBe(readFileSync(file).length);
    expect(Object.fromEntries(found.kinds)).toEqual({
      id: 'numerical',
      age: 'numerical',
      income: 'numerical',
      city: 'categorical',
      flag: 'numerical',
      plan: 'categorical',
      rating: 'categorical',
      ts: 'categorical',
      default: 'numerical',
      predicted: 'numerical',
      probability: 'numerical',
    });
    // Missing values (NA, empty) are not counted; `2` and `2.0` would be one value.
    expect(found.distinct.get('income')).toBe(6);
    expect(found.distinct.get('flag')).toBe(2);
    expect(found.distinct.get('rating')).toBe(5);
    expect(Object.fromEntries(found.firstText)).toEqual({
      city: { text: 'Paris', line: 2 },
      plan: { text: 'basic', line: 2 },
      rating: { text: 'high', line: 4 },
      ts: { text: '2024-01-01', line: 2 },
    });
  });

  it('reads quoted names with the delimiter or quotes in them, a semicolon delimiter, CRLF and an unnamed last column', async () => {
    const file = join(fixtures, 'quoted-semicolon.csv');
    const found = await header(file);
    expect(found.delimiter).toBe(';');
    expect(found.columns).toEqual(['first name', 'net; income', 'say "hi"', 'plain', 'Unnamed: 4']);
    // Inside the quotes, the quotes of a name as written; an empty cell has an empty range.
    expect(rangeTexts(file, found)).toEqual(['first name', 'net; income', 'say ""hi""', 'plain', '']);
    expect(found.ranges[4]).toEqual([46, 46]);
    expect(found.sampledRows).toBe(2);
    // Decimal commas in a ';' file are numbers, as the analysis reads them (data/decimalSeparator.ts).
    expect(Object.fromEntries(found.kinds)).toEqual({
      'first name': 'categorical',
      'net; income': 'numerical',
      'say "hi"': 'categorical',
      plain: 'numerical',
      'Unnamed: 4': 'unknown',
    });
  });

  it('strips a byte order mark: names and ranges are those of the text after it', async () => {
    const file = join(fixtures, 'bom.csv');
    const found = await header(file);
    expect(found.columns).toEqual(['id', 'name']);
    expect(found.ranges).toEqual([
      [0, 2],
      [3, 7],
    ]);
    expect(rangeTexts(file, found)).toEqual(['id', 'name']);
  });

  it('skips blank lines before the header and counts quoted line breaks in the lines of later rows', async () => {
    const file = join(scratch, 'blank-lines.csv');
    writeFileSync(file, '\n  \nname,"note\nlong"\nx,"a\nb"\n\ny,text\n');
    const found = await header(file);
    expect(found.columns).toEqual(['name', 'note\nlong']);
    expect(rangeTexts(file, found)).toEqual(['name', 'note\nlong']);
    expect(found.sampledRows).toBe(2);
    expect(found.firstText.get('name')).toEqual({ text: 'x', line: 5 });
  });

  it('says why there is no header: no file, a directory, an empty file, only blank lines', async () => {
    const cache = new CsvHeaderCache();
    const blank = join(scratch, 'blank.csv');
    writeFileSync(blank, '\n \n');
    expect(await cache.get(join(fixtures, 'nowhere.csv'))).toEqual({ ok: false, error: 'file not found' });
    expect(await cache.get(join(fixtures, 'reference.csv', 'below'))).toEqual({ ok: false, error: 'file not found' });
    expect(await cache.get(fixtures)).toEqual({ ok: false, error: 'is a directory' });
    expect(await cache.get(join(fixtures, 'empty.csv'))).toEqual({ ok: false, error: 'is an empty file' });
    expect(await cache.get(blank)).toEqual({ ok: false, error: 'is an empty file' });
  });

  it('reads only the first chunk of a large file, and samples only its complete rows', async () => {
    const file = join(scratch, 'large.csv');
    const row = '123456,some text,0.25\n';
    writeFileSync(file, 'id,text,value\n' + row.repeat(Math.ceil(20e6 / row.length)));
    const reads = vi.spyOn(promises, 'open');
    const found = await header(file);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(found.bytesRead).toBe(HEADER_CHUNK_BYTES);
    expect(found.bytesRead).toBeLessThanOrEqual(65_536);
    expect(found.sampledRows).toBe(Math.floor((HEADER_CHUNK_BYTES - 'id,text,value\n'.length) / row.length));
    expect(Object.fromEntries(found.kinds)).toEqual({ id: 'numerical', text: 'categorical', value: 'numerical' });
  });

  it('says so when the header does not end within the first chunk', async () => {
    const file = join(scratch, 'wide.csv');
    writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `column_${i}`).join(',') + '\n1\n');
    expect(await new CsvHeaderCache().get(file)).toEqual({
      ok: false,
      error: 'has no header line within its first 64 KiB',
    });
  });
});

describe('CsvHeaderCache', () => {
  it('reuses the header while the file is unchanged (one stat per call), and reads it again once it changes', async () => {
    const file = join(scratch, 'changing.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const cache = new CsvHeaderCache();
    const stats = vi.spyOn(promises, 'stat');
    const opens = vi.spyOn(promises, 'open');
    const first = await header(file, cache);
    expect(await header(file, cache)).toBe(first);
    expect(stats).toHaveBeenCalledTimes(2);
    expect(opens).toHaveBeenCalledTimes(1);

    writeFileSync(file, 'a,b,c\n1,2,3\n');
    expect((await header(file, cache)).columns).toEqual(['a', 'b', 'c']);
    expect(opens).toHaveBeenCalledTimes(2);
  });

  it('shares one read between calls made while it runs', async () => {
    const file = join(scratch, 'shared.csv');
    writeFileSync(file, 'a\n1\n');
    const cache = new CsvHeaderCache();
    const opens = vi.spyOn(promises, 'open');
    const [one, two] = await Promise.all([cache.get(file), cache.get(file)]);
    expect(one).toBe(two);
    expect(opens).toHaveBeenCalledTimes(1);
  });

  it('reads the file again after invalidate and clear', async () => {
    const file = join(scratch, 'invalidated.csv');
    writeFileSync(file, 'a\n1\n');
    const cache = new CsvHeaderCache();
    const opens = vi.spyOn(promises, 'open');
    const first = await header(file, cache);
    cache.invalidate(file);
    const second = await header(file, cache);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    cache.clear();
    await header(file, cache);
    expect(opens).toHaveBeenCalledTimes(3);
  });

  it('keys entries by absolute path', async () => {
    const cache = new CsvHeaderCache();
    const opens = vi.spyOn(promises, 'open');
    const relative = join('test-fixtures', 'lsp', 'bom.csv');
    const found = await header(relative, cache);
    expect(found.path).toBe(join(process.cwd(), relative));
    expect(await header(join(process.cwd(), relative), cache)).toBe(found);
    expect(opens).toHaveBeenCalledTimes(1);
  });
});
