/**
 * readTable cuts chunks without quotes or carriage returns into cells itself and hands the
 * rest of a file to papaparse from the first chunk holding either (data/readTable.ts): the
 * table, the sample and the line numbers in messages must not depend on where that happens.
 * Each file here is compared with the same rows under a quoted header, which sends the
 * whole file through papaparse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../../src/engine/data/readTable';
import type { RowSample } from '../../../src/engine/data/rowSample';
import type { Table } from '../../../src/engine/data/table';
import { InputError } from '../../../src/engine/inputError';

const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-chunks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Some 4 MiB of rows: numbers, missing cells, text, blank lines. */
function rows(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 5000 === 4999
      ? ''
      : `${i},${(i * 0.37).toFixed(3)},${i % 7 === 0 ? 'NA' : `cat_${i % 13}`},${i % 11 === 0 ? ' 12 ' : i % 3}`,
  );
}

async function outcome(
  path: string,
  sample?: RowSample,
  stream?: boolean,
): Promise<{ table?: Omit<Table, 'path'>; error?: { message: string; location: InputError['location'] } }> {
  try {
    const { path: _, ...table } = await readTable(path, {
      displayPath: 'file.csv',
      kinds: new Map(),
      requiredColumns: [],
      sample,
      stream,
    });
    return { table };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: { message: error.message, location: error.location } };
  }
}

/** The file with an unquoted header, and with the header's first name quoted. */
async function bothWays(name: string, body: string[], sample?: RowSample, stream?: boolean) {
  const plain = join(scratch, `${name}.csv`);
  const quoted = join(scratch, `${name}-quoted.csv`);
  writeFileSync(plain, ['a,b,c,d', ...body].join('\n'));
  writeFileSync(quoted, ['"a",b,c,d', ...body].join('\n'));
  return [await outcome(plain, sample, stream), await outcome(quoted, sample, stream)];
}

describe('readTable: chunks cut here and chunks cut by papaparse', () => {
  const body = rows(150_000);

  it('read the same table when no chunk has a quote', async () => {
    const [plain, quoted] = await bothWays('plain', body);
    expect(plain.table?.rows).toBe(150_000 - 30);
    expect(plain).toEqual(quoted);
  });

  it('read the same sample', async () => {
    const [plain, quoted] = await bothWays('sampled', body, { maxRows: 10_000, seed: 3 });
    expect(plain.table?.sampledFrom).toBe(150_000 - 30);
    expect(plain).toEqual(quoted);
  });

  it('read the same streamed summaries of every row', async () => {
    const [plain, quoted] = await bothWays('streamed', body, { maxRows: 10_000, seed: 3 }, true);
    expect(plain.table?.streams?.get('c')?.categories?.get('cat_1')).toBeGreaterThan(0);
    expect(plain).toEqual(quoted);
  });

  it('read the same table when a quoted field with a line break comes after the first chunk', async () => {
    const withQuote = [...body];
    withQuote[120_000] = '1,2,"two\nlines, and a comma",4';
    const [plain, quoted] = await bothWays('late-quote', withQuote);
    expect(plain.table?.columns.get('c')?.kind).toBe('categorical');
    expect(plain).toEqual(quoted);
  });

  it('count lines the same way before a late error: a quoted line break, then a short row', async () => {
    const broken = [...body];
    broken[100_000] = '1,2,"two\nlines",4';
    broken[130_000] = '1,2';
    const [plain, quoted] = await bothWays('late-error', broken);
    expect(plain.error?.location).toEqual({ file: 'file.csv', line: 130_003, column: 'c' });
    expect(plain).toEqual(quoted);
  });

  it('report a short row in a chunk cut here with its line', async () => {
    const broken = [...body];
    broken[50_000] = '1,2,3,4,5';
    const [plain, quoted] = await bothWays('early-error', broken);
    expect(plain.error?.location).toEqual({ file: 'file.csv', line: 50_002 });
    expect(plain).toEqual(quoted);
  });

  it('read the same table when carriage returns appear after the first chunk', async () => {
    const withCr = [...body];
    for (let i = 100_000; i < 100_010; i++) withCr[i] += '\r';
    const [plain, quoted] = await bothWays('late-cr', withCr);
    expect(plain).toEqual(quoted);
  });

  it('read the same table from a file ending without a line feed, or with a blank line', async () => {
    for (const end of ['', '\n', '\n\n']) {
      const [plain, quoted] = await bothWays(`end-${end.length}`, [...body.slice(0, 1000), `7,8,x,9${end}`]);
      expect(plain.table?.rows).toBe(1001);
      expect(plain).toEqual(quoted);
    }
  });
});

describe('parseNumberIn', () => {
  it('reads only its range of the text', async () => {
    const { parseNumberIn, parseNumber } = await import('../../../src/engine/data/numberParsing');
    const text = '1e,-5|2.5e-3,x| inf |1e+';
    const cells = text.split(/[,|]/);
    let at = 0;
    for (const cell of cells) {
      expect(Object.is(parseNumberIn(text, at, at + cell.length), parseNumber(cell)), cell).toBe(true);
      at += cell.length + 1;
    }
    expect(parseNumberIn('1e-5', 0, 2)).toBeNaN();
  });
});
