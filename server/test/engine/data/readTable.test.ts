import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixedKind } from '../../../src/engine/data/columnBuilder';
import { readTable } from '../../../src/engine/data/readTable';
import type { Table } from '../../../src/engine/data/table';
import { InputError } from '../../../src/engine/inputError';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

const fixtures = new URL('../../../../test-fixtures/csv/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-read-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Options {
  kinds?: Record<string, FixedKind>;
  requiredColumns?: string[];
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/** Reads a fixture, named in messages by its file name. */
function read(name: string, options: Options = {}, path = join(fixtures, name)): Promise<Table> {
  return readTable(path, {
    displayPath: name,
    kinds: new Map(Object.entries(options.kinds ?? {})),
    requiredColumns: options.requiredColumns ?? [],
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

async function expectInputError(
  reading: Promise<unknown>,
  message: string,
  location: InputError['location'],
): Promise<void> {
  const error = await reading.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toBe(message);
  expect((error as InputError).location).toEqual(location);
}

function numerical(table: Table, name: string): NumericalColumn {
  const column = table.columns.get(name);
  expect(column?.kind).toBe('numerical');
  return column as NumericalColumn;
}

function categorical(table: Table, name: string): CategoricalColumn {
  const column = table.columns.get(name);
  expect(column?.kind).toBe('categorical');
  return column as CategoricalColumn;
}

/** The cells of a categorical column as text, null for missing. */
function texts(column: CategoricalColumn): (string | null)[] {
  return [...column.codes].map((code) => (code < 0 ? null : column.categories[code]));
}

const declaredNumerical: FixedKind = { kind: 'numerical', declared: true };

describe('readTable: reading', () => {
  it('reads the header and one typed column per header name; the table is named by displayPath', async () => {
    const table = await read('basic.csv');
    expect(table.path).toBe('basic.csv');
    expect(table.rows).toBe(3);
    expect(table.header).toEqual(['id', 'age', 'plan']);
    expect([...table.columns.keys()]).toEqual(['id', 'age', 'plan']);
    expect(numerical(table, 'age').values).toEqual(new Float64Array([34, 51.5, 27]));
    const plan = categorical(table, 'plan');
    expect(plan.codes).toEqual(new Int32Array([0, 1, 0]));
    expect(plan.categories).toEqual(['basic', 'pro']);
    expect(plan).toMatchObject({ missing: 0, nonNumeric: 3, nonNumericLines: [2, 3, 4] });
  });

  it('drops a UTF-8 byte order mark', async () => {
    const table = await read('bom.csv');
    expect(table.header).toEqual(['id', 'name']);
    expect(numerical(table, 'id').values).toEqual(new Float64Array([1, 2]));
  });

  it('reads CRLF line endings and counts a CRLF inside a quoted field as one line', async () => {
    const table = await read('crlf.csv');
    expect(texts(categorical(table, 'note'))).toEqual(['two\r\nlines', 'plain', 'x']);
    // Lines: 1 header, 2–3 first row, 4 second, 5 third.
    expect(categorical(table, 'score').nonNumericLines).toEqual([5]);
  });

  it('reads quoted fields holding the delimiter, doubled quotes and line breaks; a quoted empty field is missing', async () => {
    const comment = categorical(await read('quoted.csv'), 'comment');
    expect(texts(comment)).toEqual(['hello, world', 'she said "hi"', 'line one\nline two\nline three', 'plain', null]);
    expect(comment.missing).toBe(1);
  });

  it('counts the lines inside a multi-line quoted field for the rows after it', async () => {
    // Lines: 1 header, 2, 3, 4–6 the three-line comment, 7 the row with 'n/a?'.
    expect(categorical(await read('quoted.csv'), 'score').nonNumericLines).toEqual([7]);
    await expectInputError(
      read('quoted.csv', { kinds: { score: declaredNumerical } }),
      "quoted.csv line 7, column 'score': 'n/a?' is not a number, but the column is declared numerical.",
      {
        file: 'quoted.csv',
        line: 7,
        column: 'score',
      },
    );
  });

  it('counts the lines of a multi-line header name', async () => {
    const table = await read('multiline-header.csv');
    expect(table.header).toEqual(['id', 'long\nname', 'score']);
    expect(categorical(table, 'score').nonNumericLines).toEqual([4]);
  });

  it('detects a semicolon delimiter', async () => {
    const table = await read('semicolon.csv');
    expect(table.header).toEqual(['id', 'price', 'city']);
    expect(numerical(table, 'price').values).toEqual(new Float64Array([2.5, 3]));
    expect(texts(categorical(table, 'city'))).toEqual(['Paris; France', 'Lyon']);
  });

  it('detects decimal commas in a semicolon file and says so; `decimal: "."` reads them as text', async () => {
    const table = await read('decimal-comma.csv');
    expect(numerical(table, 'radius').values).toEqual(new Float64Array([15.46, 13.2, -5]));
    expect(texts(categorical(table, 'city'))).toEqual(['Paris', 'Lyon; Rhône', 'Nice']);
    expect(table.notes).toEqual([
      'decimal-comma.csv: numbers are read with a decimal comma (\'15,46\' on line 2 is 15.46), as its cells write them; set `decimal: "."` in the config to read such cells as text.',
    ]);
    const asText = await readTable(join(fixtures, 'decimal-comma.csv'), {
      displayPath: 'decimal-comma.csv',
      kinds: new Map(),
      requiredColumns: [],
      decimal: '.',
    });
    expect(texts(categorical(asText, 'radius'))).toEqual(['15,46', '13,2', '-0,5e1']);
    expect(asText.notes).toBeUndefined();
  });

  it('keeps the decimal point, and says why, when a file has cells of both kinds', async () => {
    const path = join(scratch, 'both.csv');
    writeFileSync(path, 'a;b\n1,5;2\n3;4.25\n');
    const table = await read('both.csv', {}, path);
    expect(texts(categorical(table, 'a'))).toEqual(['1,5', '3']);
    expect(numerical(table, 'b').values).toEqual(new Float64Array([2, 4.25]));
    expect(table.notes?.[0]).toBe(
      "both.csv: some cells look like numbers with a decimal comma ('1,5', line 2) and others like numbers with a decimal point ('4.25', line 3); the point was kept, so cells like '1,5' are text. Set `decimal: \",\"` in the config if the file writes its numbers with a comma.",
    );
  });

  it('detects a tab delimiter', async () => {
    const table = await read('tab.tsv');
    expect(table.header).toEqual(['id', 'price', 'city']);
    expect(texts(categorical(table, 'city'))).toEqual(['Paris, France', 'Lyon']);
  });

  it('reads every missing-value token, with surrounding spaces too, as missing', async () => {
    const table = await read('missing-tokens.csv');
    const value = numerical(table, 'value');
    expect([...value.values.slice(0, 9)].every(Number.isNaN)).toBe(true);
    expect(value.values[9]).toBe(7);
    expect(value).toMatchObject({ missing: 9, nonNumeric: 0 });
  });

  it('infers a numeric column holding a text value as categorical, keeping every cell', async () => {
    const age = categorical(await read('text-in-numerical.csv'), 'age');
    expect(texts(age)).toEqual(['34', '41', 'unknown', '29']);
    expect(age).toMatchObject({ missing: 0, nonNumeric: 1, nonNumericLines: [4] });
  });

  it('labels the numbers of an inferred categorical column by their first spelling, one category per value', async () => {
    const rating = categorical(await read('number-labels.csv'), 'rating');
    // 1.50 then 1.5; 2 then 2.0 (after the column turned categorical); ' 3 ' without spaces.
    expect(rating.categories).toEqual(['1.50', '2', 'high', '3']);
    expect(rating.codes).toEqual(new Int32Array([0, 1, 0, 2, 1, 3]));
  });

  it('keeps every distinct text apart in a column declared categorical', async () => {
    const table = await read('declared-categorical.csv', { kinds: { zip: { kind: 'categorical', declared: true } } });
    const zip = categorical(table, 'zip');
    expect(zip.categories).toEqual(['007', '7', '7.0', 'x']);
    expect(zip).toMatchObject({ nonNumeric: 1, nonNumericLines: [5] });
  });

  it('skips blank and whitespace-only lines, still counting them', async () => {
    const table = await read('blank-lines.csv');
    expect(table.rows).toBe(3);
    expect(table.header).toEqual(['id', 'value']);
    expect(numerical(table, 'id').values).toEqual(new Float64Array([1, 2, 3]));
    // Lines: 1–2 blank, 3 header, 4 '1,a', 5–6 blank, 7 '2,b', 8 '3,'.
    expect(categorical(table, 'value')).toMatchObject({ missing: 1, nonNumericLines: [4, 7] });
  });

  it('skips a lone LF line at the end of a CRLF file, as an editor may leave it', async () => {
    const file = join(scratch, 'crlf-with-lf.csv');
    writeFileSync(file, 'id,value\r\n1,a\r\n2,b\r\n3,c\r\n\n');
    const table = await read('crlf-with-lf.csv', {}, file);
    expect(numerical(table, 'id').values).toEqual(new Float64Array([1, 2, 3]));
    expect(categorical(table, 'value').categories).toEqual(['a', 'b', 'c']);
  });

  it('skips blank lines in a single-column file', async () => {
    const value = numerical(await read('single-column.csv'), 'value');
    expect(value.values).toEqual(new Float64Array([1, 2, NaN]));
    expect(value.missing).toBe(1);
  });

  it('reads a last row without a final line break', async () => {
    expect(numerical(await read('no-final-newline.csv'), 'value').values).toEqual(new Float64Array([10, 20]));
  });

  it("names an empty header cell 'Unnamed: i' with i its 0-based position, as pandas does", async () => {
    const table = await read('unnamed-header.csv');
    expect(table.header).toEqual(['id', 'Unnamed: 1', 'score', 'Unnamed: 3']);
    expect(numerical(table, 'Unnamed: 3').missing).toBe(2);
  });

  it('accepts a file that has every required column', async () => {
    expect((await read('basic.csv', { requiredColumns: ['plan', 'age'] })).rows).toBe(3);
  });

  it('reads across chunks: characters and quoted fields split between chunks, more rows than first estimated', async () => {
    const file = chunkyFile();
    const table = await read('chunky.csv', {}, file.path);
    expect(table.rows).toBe(file.rows);
    expect(numerical(table, 'id').values[file.rows - 1]).toBe(file.rows);
    const note = categorical(table, 'note');
    expect(note.categories).toContain(file.splitCharacterNote);
    expect(note.categories).toContain(file.splitQuotedNote);
    expect(categorical(table, 'flag').nonNumericLines).toEqual([file.lastLine]);
  });

  it('reports progress in bytes up to the file size', async () => {
    const file = chunkyFile();
    const calls: [number, number][] = [];
    await read('chunky.csv', { onProgress: (done, total) => calls.push([done, total]) }, file.path);
    const size = statSync(file.path).size;
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(([, total]) => total === size)).toBe(true);
    expect(calls.every(([done], i) => i === 0 || done >= calls[i - 1][0])).toBe(true);
    expect(calls[calls.length - 1]).toEqual([size, size]);
  });

  it('throws the abort reason when aborted before reading', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(read('basic.csv', { signal: controller.signal })).rejects.toBe(reason);
  });

  it('throws the abort reason when aborted while reading', async () => {
    const file = chunkyFile();
    const controller = new AbortController();
    const reason = new Error('cancelled');
    let calls = 0;
    const onProgress = () => {
      calls++;
      controller.abort(reason);
    };
    const reading = read('chunky.csv', { signal: controller.signal, onProgress }, file.path);
    await expect(reading).rejects.toBe(reason);
    expect(calls).toBe(1);
  });
});

describe('readTable: bad input', () => {
  it('a file that does not exist', async () => {
    await expectInputError(read('nope.csv'), 'nope.csv: file not found.', { file: 'nope.csv' });
  });

  it('a directory', async () => {
    await expectInputError(read('csv', {}, fixtures), 'csv is a directory, not a CSV file.', { file: 'csv' });
  });

  it('an empty file', async () => {
    await expectInputError(read('empty.csv'), 'empty.csv is empty: a CSV needs a header line and data rows.', {
      file: 'empty.csv',
    });
  });

  it('a file of blank lines', async () => {
    await expectInputError(
      read('blank-only.csv'),
      'blank-only.csv is empty: a CSV needs a header line and data rows.',
      { file: 'blank-only.csv' },
    );
  });

  it('a header without data rows', async () => {
    await expectInputError(read('header-only.csv'), 'header-only.csv has a header (line 1) but no data rows.', {
      file: 'header-only.csv',
      line: 1,
    });
  });

  it('a row with fewer fields than the header', async () => {
    await expectInputError(
      read('ragged-short.csv'),
      "ragged-short.csv line 3 has 2 fields, but the header has 3: no value for column 'plan'.",
      {
        file: 'ragged-short.csv',
        line: 3,
        column: 'plan',
      },
    );
  });

  it('a row with more fields than the header', async () => {
    await expectInputError(
      read('ragged-long.csv'),
      "ragged-long.csv line 3 has 4 fields, but the header has 3; a value holding the delimiter ',' must be quoted.",
      {
        file: 'ragged-long.csv',
        line: 3,
      },
    );
  });

  it('a quote never closed, at the line where it opens', async () => {
    await expectInputError(
      read('unterminated-quote.csv'),
      "unterminated-quote.csv line 4, column 'note': the quote that opens this field is never closed.",
      {
        file: 'unterminated-quote.csv',
        line: 4,
        column: 'note',
      },
    );
  });

  it('a quote never closed in a large file, without reading to its end', async () => {
    const path = join(scratch, 'runaway.csv');
    writeFileSync(path, `id,note\n1,"${'x'.repeat(17 << 20)}\n`);
    await expectInputError(
      read('runaway.csv', {}, path),
      'runaway.csv line 2: the row starting here runs on for more than 16 MiB; a quote in it is probably never closed.',
      {
        file: 'runaway.csv',
        line: 2,
      },
    );
  });

  it('text after a closing quote', async () => {
    await expectInputError(
      read('malformed-quote.csv'),
      'malformed-quote.csv line 3: a quoted field has text after its closing quote; inside a quoted field, write a quote as "".',
      {
        file: 'malformed-quote.csv',
        line: 3,
      },
    );
  });

  it('a column name used more than once', async () => {
    await expectInputError(
      read('duplicate-header.csv'),
      "duplicate-header.csv line 1: the column name 'age' appears 3 times (columns 2, 4 and 6); column names must be unique.",
      {
        file: 'duplicate-header.csv',
        line: 1,
        column: 'age',
      },
    );
  });

  it('a required column missing, with a did-you-mean', async () => {
    await expectInputError(
      read('basic.csv', { requiredColumns: ['id', 'Plan', 'agee'] }),
      "basic.csv has no column 'Plan' (did you mean 'plan'?) and 'agee' (did you mean 'age'?), which the config names.",
      {
        file: 'basic.csv',
        line: 1,
        column: 'Plan',
      },
    );
  });

  it('a required column missing with nothing close: the columns are listed', async () => {
    await expectInputError(
      read('basic.csv', { requiredColumns: ['target'] }),
      "basic.csv has no column 'target', which the config names. Its columns are 'id', 'age' and 'plan'.",
      {
        file: 'basic.csv',
        line: 1,
        column: 'target',
      },
    );
  });

  it('text in a column declared numerical', async () => {
    await expectInputError(
      read('text-in-numerical.csv', { kinds: { age: declaredNumerical } }),
      "text-in-numerical.csv line 4, column 'age': 'unknown' is not a number, but the column is declared numerical.",
      {
        file: 'text-in-numerical.csv',
        line: 4,
        column: 'age',
      },
    );
  });
});

interface ChunkyFile {
  path: string;
  rows: number;
  /** The line of the last row, whose `flag` is text. */
  lastLine: number;
  /** A note whose '€' (3 bytes) straddles the first 1 MiB chunk boundary. */
  splitCharacterNote: string;
  /** A quoted note of many lines straddling the second chunk boundary. */
  splitQuotedNote: string;
}

let chunky: ChunkyFile | undefined;

/**
 * A 3 MiB file read in several chunks: long rows first (so the row estimate from the first
 * chunk is far too low), a multi-byte character across the first chunk boundary, a quoted
 * multi-line field across the second, then many short rows and a text flag on the last.
 */
function chunkyFile(): ChunkyFile {
  if (chunky) return chunky;
  const MiB = 1 << 20;
  const parts: string[] = ['id,note,flag\n'];
  let bytes = parts[0].length;
  let id = 0;
  let line = 2;
  const add = (note: string, flag = '0') => {
    id++;
    const row = `${id},${note},${flag}\n`;
    parts.push(row);
    bytes += Buffer.byteLength(row);
    line += 1 + (note.match(/\n/g)?.length ?? 0);
  };
  while (bytes < MiB - 1000) add('a'.repeat(300));
  // Pad so that the next row's note starts one byte before the boundary.
  const padding = MiB - 1 - bytes - `${id + 1},,0\n${id + 2},`.length;
  add('p'.repeat(padding));
  const splitCharacterNote = '€uro';
  add(splitCharacterNote);
  while (bytes < 2 * MiB - 2000) add('b');
  const splitQuotedNote = Array.from({ length: 100 }, (_, i) => `line ${i} of a long note`).join('\n');
  add(`"${splitQuotedNote}"`);
  while (bytes < 3 * MiB) add('c');
  add('c', 'oops');
  mkdirSync(scratch, { recursive: true });
  const path = join(scratch, 'chunky.csv');
  writeFileSync(path, parts.join(''));
  chunky = { path, rows: id, lastLine: line - 1, splitCharacterNote, splitQuotedNote };
  return chunky;
}
