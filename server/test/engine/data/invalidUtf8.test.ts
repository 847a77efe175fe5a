/**
 * Invalid UTF-8 was replaced with U+FFFD silently: two header names that differ only in an
 * invalid byte became one name, and Latin-1 cells changed without a word. The header must be
 * UTF-8 (an error naming line and column); invalid bytes in cells are read on, with a note
 * naming the first place. Names that differ only in case, spaces or normalization get a note.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { firstInvalidUtf8 } from '../../../src/engine/data/invalidUtf8';
import { readTable } from '../../../src/engine/data/readTable';

const scratch = mkdtempSync(join(tmpdir(), 'drift-utf8-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, ...parts: (string | Buffer)[]): string {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
  return path;
}
const read = (path: string) => readTable(path, { displayPath: 'data.csv', kinds: new Map(), requiredColumns: [] });
const rows = Array.from({ length: 20 }, (_, i) => `${i},${i * 2}\n`).join('');

describe('invalid UTF-8', () => {
  it('in the header: an error with its line and column, not one column of two', async () => {
    const path = file('header.csv', 're', Buffer.from([0xff]), 'gion,re', Buffer.from([0xfe]), 'gion\n', rows);
    await expect(read(path)).rejects.toThrow(
      'data.csv line 1, column 3: the header is not valid UTF-8 (byte 0xff); save the file as UTF-8.',
    );
  });

  it('in the header after blank lines, of a file that papaparse reads (quotes)', async () => {
    const path = file('quoted.csv', '\n  \n"a",', Buffer.from([0xe9]), 't\xe9\n', '"1",2\n3,4\n');
    await expect(read(path)).rejects.toThrow('data.csv line 3, column 5: the header is not valid UTF-8 (byte 0xe9)');
  });

  it('in data cells: read on, with a note naming the first place', async () => {
    const path = file(
      'cells.csv',
      'city,n\nParis,1\nZ',
      Buffer.from([0xfc]),
      'rich,2\nM',
      Buffer.from([0xfc]),
      'nchen,3\n',
    );
    const table = await read(path);
    expect(table.rows).toBe(3);
    expect(table.notes).toEqual([
      'data.csv is not valid UTF-8 from line 3, column 2 (byte 0xfc): invalid bytes there and after are read as U+FFFD; save the file as UTF-8.',
    ]);
  });

  it('is not claimed for a U+FFFD written in the file, nor for a character cut by a chunk boundary', async () => {
    expect((await read(file('fffd.csv', 'a,b\n\ufffd,1\nx,2\n'))).notes).toBeUndefined();
    // 'é' (two bytes) across the reader's 1 MiB chunk boundary.
    const long = 'a,b\n' + 'x'.repeat((1 << 20) - 6) + ',';
    const path = file('boundary.csv', long, 'é\ny,2\n');
    expect(Buffer.byteLength(long)).toBe((1 << 20) - 1);
    expect(await firstInvalidUtf8(path)).toBeUndefined();
    expect((await read(path)).notes).toBeUndefined();
  });

  it('is found past the first chunk, at the right line', async () => {
    const path = file('late.csv', 'a,b\n', 'x,1\n'.repeat(300_000), 'caf', Buffer.from([0xe9]), ',2\n');
    expect(await firstInvalidUtf8(path)).toEqual({ line: 300_002, column: 4, byte: 0xe9, inHeader: false });
  });

  it('is found when the file ends inside a character', async () => {
    const path = file('cut.csv', 'a,b\n1,', Buffer.from([0xe2, 0x82]));
    expect(await firstInvalidUtf8(path)).toEqual({ line: 2, column: 3, byte: 0xe2, inHeader: false });
  });
});

describe('column names that look alike', () => {
  it('get a note naming both, for letter case, surrounding spaces and Unicode normalization', async () => {
    const header = 'Region,region,city, city,caf\u00e9,cafe\u0301';
    const table = await read(file('alike.csv', `${header}\n1,2,3,4,5,6\n`));
    expect(table.header).toHaveLength(6);
    expect(table.notes).toEqual([
      "data.csv has columns 'Region' and 'region', which differ only in letter case: they are two columns.",
      "data.csv has columns 'city' and ' city', which differ only in surrounding spaces: they are two columns.",
      "data.csv has columns 'caf\u00e9' and 'cafe\u0301', which differ only in Unicode normalization (NFC): they are two columns.",
    ]);
  });
});

describe('the header the editor reads', () => {
  it('is refused when it is not valid UTF-8, with its line and column', async () => {
    const path = file('editor.csv', 're', Buffer.from([0xff]), 'gion,re', Buffer.from([0xfe]), 'gion\n', rows);
    expect(await new CsvHeaderCache().get(path)).toEqual({
      ok: false,
      error: 'has a header that is not valid UTF-8 (line 1, column 3, byte 0xff)',
    });
  });

  it('is read when its U+FFFD is written in the file', async () => {
    const result = await new CsvHeaderCache().get(file('editor-fffd.csv', 'a\ufffd,b\n1,2\n'));
    expect(result.ok && result.header.columns).toEqual(['a\ufffd', 'b']);
  });
});
