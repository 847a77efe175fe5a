/**
 * readTable cuts the file's bytes into cells without decoding them (data/readTable.ts):
 * where the stream cuts its chunks must not matter, not even inside a character, a number,
 * a cell or a CRLF. Each file here is read in 1 MiB chunks and again in tiny ones; the
 * first MiB is taken whole either way (it decides the delimiter and the decimal
 * separator), so the files are a little longer and hold their cases after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CategoricalColumn } from '../../../src/engine/data/column';
import { readTable, type ReadTableOptions } from '../../../src/engine/data/readTable';
import type { Table } from '../../../src/engine/data/table';
import { InputError } from '../../../src/engine/inputError';

const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-bytes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MIB = 1 << 20;

function file(name: string, ...parts: (string | Buffer)[]): string {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
  return path;
}

/** Rows filling the file's first MiB: numbers, text, missing cells, a blank line now and then. */
function firstMiB(columns: number, delimiter = ','): string {
  const rows: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < MIB; i++) {
    const cells = Array.from({ length: columns }, (_, c) =>
      c === 0 ? String(i) : c === 1 ? `cat_${i % 17}` : i % 9 === 0 ? 'NA' : (i * 0.25).toFixed(2),
    );
    const row = i % 1000 === 999 ? ' \t' : cells.join(delimiter);
    rows.push(row);
    bytes += Buffer.byteLength(row) + 1;
  }
  return rows.join('\n') + '\n';
}

type Outcome = { table?: Omit<Table, 'path'>; error?: { message: string; location: InputError['location'] } };

async function outcome(path: string, options: Partial<ReadTableOptions> = {}): Promise<Outcome> {
  try {
    const { path: _, ...table } = await readTable(path, {
      displayPath: 'file.csv',
      kinds: new Map(),
      requiredColumns: [],
      ...options,
    });
    return { table };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: { message: error.message, location: error.location } };
  }
}

/** The file read in 1 MiB chunks, and the same in chunks of each of `sizes` bytes. */
async function expectSameInChunks(path: string, options: Partial<ReadTableOptions> = {}, sizes = [3, 4096]) {
  const whole = await outcome(path, options);
  for (const chunkBytes of sizes)
    expect(await outcome(path, { ...options, chunkBytes }), `${chunkBytes}`).toEqual(whole);
  return whole;
}

function texts(column: CategoricalColumn): (string | null)[] {
  return [...column.codes].map((code) => (code < 0 ? null : column.categories[code]));
}

describe('readTable: chunks of any size', () => {
  const start = firstMiB(4);
  // Characters of 2, 3 and 4 bytes, long numbers, decimal exponents, spaces, infinities.
  const late = [
    '1,café,2.5e-3, 12 ',
    '2,中文,-inf,1234567890123456789',
    '3,🙂x,+.5,0.1000000000000000055511151231257827',
    '4,café,Infinity,\t7\t',
    '',
    '5,NA,1e400,-0',
  ].join('\n');

  it('read the same table and notes in chunks of 1 MiB, 4096 and 1 bytes', async () => {
    const whole = await expectSameInChunks(file('late.csv', 'id,name,x,y\n', start, late, '\n'), {}, [1, 4096]);
    const table = whole.table!;
    const name = table.columns.get('name') as CategoricalColumn;
    expect(texts(name).slice(-5)).toEqual(['café', '中文', '🙂x', 'café', null]);
    const x = table.columns.get('x');
    expect(x?.kind === 'numerical' && [...x.values.slice(-5)]).toEqual([2.5e-3, -Infinity, 0.5, Infinity, Infinity]);
    const y = table.columns.get('y');
    expect(y?.kind === 'numerical' && [...y.values.slice(-5)]).toEqual([12, Number('1234567890123456789'), 0.1, 7, -0]);
  });

  it('read the same last row without a final line feed, and after a BOM', async () => {
    await expectSameInChunks(file('no-final.csv', 'id,name,x,y\n', start, late));
    await expectSameInChunks(file('bom.csv', '\ufeffid,name,x,y\n', start, late, '\n'));
  });

  it('read the same sample and the same streamed summaries', async () => {
    const path = file('streamed.csv', 'id,name,x,y\n', start, late, '\n');
    const whole = await expectSameInChunks(path, { sample: { maxRows: 500, seed: 5 }, stream: true });
    expect(whole.table?.rows).toBe(500);
    expect(whole.table?.streams?.get('name')?.categories?.get('café')).toBe(2);
  });

  it('read the same decimal commas from a semicolon file', async () => {
    const path = file('semicolon.csv', 'id;name;x;y\n', firstMiB(4, ';').replaceAll('.', ','), '9;a;1,5;-2,25\n');
    const whole = await expectSameInChunks(path);
    const x = whole.table?.columns.get('x');
    expect(x?.kind === 'numerical' && x.values[x.values.length - 1]).toBe(1.5);
    expect(whole.table?.notes?.[0]).toContain('decimal comma');
  });

  it('read the same invalid UTF-8, its note naming the first place', async () => {
    const path = file(
      'invalid.csv',
      'id,name,x,y\n',
      start,
      '7,Z',
      Buffer.from([0xfc]),
      'rich,1,2\n8,Z\ufffdrich,1,2\n',
    );
    const whole = await expectSameInChunks(path);
    // The invalid byte and the U+FFFD written in the file read as one text.
    const name = whole.table!.columns.get('name') as CategoricalColumn;
    expect(texts(name).slice(-2)).toEqual(['Z\ufffdrich', 'Z\ufffdrich']);
    expect(new Set(name.codes.slice(-2)).size).toBe(1);
    expect(whole.table?.notes?.[0]).toMatch(/^file\.csv is not valid UTF-8 from line \d+, column 4 \(byte 0xfc\)/);
  });

  it('read a note for a file ending inside a character, in chunks of 1 and 2 bytes', async () => {
    const cut = await expectSameInChunks(
      file('cut.csv', 'id,name,x,y\n', start, '9,a,1,caf', Buffer.from('é').subarray(0, 1)),
      {},
      [1, 2],
    );
    expect(cut.table?.notes?.[0]).toContain('is not valid UTF-8');
  });

  it('read the same file when its first chunk holds a quote, all of it handed to papaparse', async () => {
    const whole = await expectSameInChunks(file('quoted-first.csv', '"id",name,x,y\n', start, late, '\n'), {}, [3, 7]);
    expect(whole.table?.rows).toBeGreaterThan(30_000);
  });

  it('read the same carriage returns and quotes past the first chunk, handed to papaparse', async () => {
    await expectSameInChunks(
      file('crlf.csv', 'id,name,x,y\n', start, late.replaceAll('\n', '\r\n'), '\r\n'),
      {},
      [7, 4096],
    );
    await expectSameInChunks(file('quotes.csv', 'id,name,x,y\n', start, '9,"a, ""b""\nc",1,2\n', late), {}, [7, 4096]);
  });

  it('report the same errors with the same lines', async () => {
    const short = await expectSameInChunks(file('short.csv', 'id,name,x,y\n', start, late, '\n6,x,1\n'));
    expect(short.error?.message).toMatch(
      /^file\.csv line \d+ has 3 fields, but the header has 4: no value for column 'y'\.$/,
    );
    const declared = await expectSameInChunks(file('declared.csv', 'id,name,x,y\n', start, '9,a,1,two\n'), {
      kinds: new Map([['y', { kind: 'numerical', declared: true }]]),
    });
    expect(declared.error?.location?.column).toBe('y');
  });
});

describe('readTable: text cells looked up by their bytes', () => {
  it('keeps apart two texts whose bytes have the same hash', async () => {
    const table = (await outcome(file('collide.csv', 'k,n\nt7pfs,1\ntovja,2\nt7pfs,3\ntovja,4\n'))).table!;
    const k = table.columns.get('k') as CategoricalColumn;
    expect(k.categories).toEqual(['t7pfs', 'tovja']);
    expect([...k.codes]).toEqual([0, 1, 0, 1]);
  });

  it('merges the spellings of one number, labelled by the first, after the column turned categorical', async () => {
    const table = (await outcome(file('labels.csv', 'k,n\n1,1\n 1.0,2\nx,3\n1.00 ,4\n01,5\n'))).table!;
    const k = table.columns.get('k') as CategoricalColumn;
    expect(k.categories).toEqual(['1', 'x']);
    expect([...k.codes]).toEqual([0, 0, 1, 0, 0]);
  });

  it('keeps every spelling apart in a column declared categorical, and reads missing spellings as missing', async () => {
    const path = file('declared-categorical.csv', 'k,n\n007,1\n7,2\n NA ,3\n007,4\n,5\n');
    const table = (await outcome(path, { kinds: new Map([['k', { kind: 'categorical', declared: true }]]) })).table!;
    const k = table.columns.get('k') as CategoricalColumn;
    expect(texts(k)).toEqual(['007', '7', null, '007', null]);
    expect(k.missing).toBe(2);
  });
});
