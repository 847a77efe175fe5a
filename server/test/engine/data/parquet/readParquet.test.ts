import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixedKind } from '../../../../src/engine/data/columnBuilder';
import type { Column } from '../../../../src/engine/data/column';
import { readDataFile, type ReadDataOptions } from '../../../../src/engine/data/readData';
import type { Table } from '../../../../src/engine/data/table';
import { InputError } from '../../../../src/engine/inputError';

const FIXTURES = 'test-fixtures/parquet';
const folder = mkdtempSync(join(tmpdir(), 'read-parquet-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function read(path: string, options: Partial<ReadDataOptions> = {}): Promise<Table> {
  return readDataFile(path, {
    displayPath: path.split('/').pop()!,
    kinds: new Map(),
    requiredColumns: [],
    ...options,
  });
}

/** What a column holds, comparable across files. */
function contents(column: Column): unknown {
  if (column.kind === 'numerical') {
    const { labels, ...rest } = column;
    return { ...rest, values: [...column.values], labels: labels && [...labels.texts] };
  }
  return { ...column, codes: [...column.codes] };
}

/** `lines`: the file line of a CSV's first data row, 2; a Parquet file's rows count from 1 (the lines of its first non-numeric cells are rows). */
function columnsOf(table: Table, firstLine = 1): Record<string, unknown> {
  return Object.fromEntries(
    [...table.columns].map(([name, column]) => [
      name,
      contents({ ...column, nonNumericLines: column.nonNumericLines.map((line) => line - firstLine + 1) }),
    ]),
  );
}

describe('every column type DuckDB writes (types.parquet)', () => {
  it('reads ints of every width, floats, doubles and decimals as numbers, nulls as missing', async () => {
    const table = await read(join(FIXTURES, 'types.parquet'));
    const numbers = (name: string) => {
      const column = table.columns.get(name)!;
      expect(column.kind, name).toBe('numerical');
      return column.kind === 'numerical' ? [...column.values] : [];
    };
    expect(numbers('tiny')).toEqual([1, NaN, -128]);
    expect(numbers('small')).toEqual([2, NaN, -32768]);
    expect(numbers('int')).toEqual([3, NaN, -2147483648]);
    expect(numbers('big')).toEqual([4, NaN, 2 ** 53]);
    expect(numbers('utiny')).toEqual([5, NaN, 255]);
    expect(numbers('usmall')).toEqual([6, NaN, 65535]);
    expect(numbers('uint')).toEqual([7, NaN, 4294967295]);
    expect(numbers('ubig')).toEqual([8, NaN, 2 ** 64]);
    // The float's shortest decimal, as a CSV of it holds: not -0.10000000149011612.
    expect(numbers('float')).toEqual([1.5, NaN, -0.1]);
    expect(numbers('double')).toEqual([2.25, NaN, 1e300]);
    expect(numbers('dec4')).toEqual([12.5, NaN, -999.9]);
    expect(numbers('dec18')).toEqual([1234.567, NaN, -1234.567]);
    expect(numbers('dec30')).toEqual([98765.4321, NaN, -98765.4321]);
    expect(table.columns.get('tiny')!.missing).toBe(1);
  });

  it('spells decimals with every digit of their scale, as a CSV of them does', async () => {
    const table = await read(join(FIXTURES, 'types.parquet'));
    const dec4 = table.columns.get('dec4')!;
    expect(dec4.kind === 'numerical' && [...dec4.labels!.texts.values()]).toEqual(['12.5', '-999.9']);
    const dec30 = table.columns.get('dec30')!;
    expect(dec30.kind === 'numerical' && [...dec30.labels!.texts.values()]).toEqual(['98765.43210', '-98765.43210']);
  });

  it('reads strings, enums, UUIDs, booleans, dates, times and timestamps of every unit as text', async () => {
    const table = await read(join(FIXTURES, 'types.parquet'));
    const texts = (name: string) => {
      const column = table.columns.get(name)!;
      expect(column.kind, name).toBe('categorical');
      return column.kind === 'categorical' ? [...column.codes].map((code) => column.categories[code] ?? null) : [];
    };
    expect(texts('text')).toEqual(['x', null, 'y']);
    expect(texts('flag')).toEqual(['true', null, 'false']);
    expect(texts('size')).toEqual(['small', null, 'large']);
    expect(texts('id')).toEqual(['6ba7b810-9dad-11d1-80b4-00c04fd430c8', null, '00000000-0000-0000-0000-000000000000']);
    expect(texts('bytes')).toEqual(['raw', null, 'raw']);
    expect(texts('day')).toEqual(['2026-03-01', null, '1969-12-31']);
    expect(texts('clock')).toEqual(['14:05:09.5', null, '00:00:00']);
    // Every digit the unit has, before 1970 too.
    expect(texts('ts')).toEqual(['2026-03-01 14:05:09.123456', null, '1969-12-31 23:59:59.999999']);
    expect(texts('ts_ms')).toEqual(['2026-03-01 14:05:09.5', null, '2026-03-01 14:05:09']);
    expect(texts('ts_ns')).toEqual(['2026-03-01 14:05:09.123456789', null, '2026-03-01 14:05:09']);
    expect(texts('ts_s')).toEqual(['2026-03-01 14:05:09', null, '2026-03-01 14:05:09']);
    // Adjusted to UTC: written without an offset, which columns.timestamp reads as UTC.
    expect(texts('ts_tz')).toEqual(['2026-03-01 14:05:09', null, '2026-03-01 14:05:09']);
  });

  it('skips nested columns and INTERVAL with a note naming each, and says which integers were rounded', async () => {
    const table = await read(join(FIXTURES, 'types.parquet'));
    for (const name of ['wait', 'list', 'struct', 'map']) expect(table.columns.has(name), name).toBe(false);
    expect(table.header).not.toContain('list');
    expect(table.notes).toEqual([
      "types.parquet: columns 'wait' (of type INTERVAL), 'list' (a list column), 'struct' (a struct column) and 'map' (a map column) are skipped; the analysis reads flat columns of numbers, texts, booleans, dates and timestamps.",
      "types.parquet, column 'big': 1 value beyond ±2^53 (9,007,199,254,740,992), read as the nearest double (a relative error below 1.1e-16).",
      "types.parquet, column 'ubig': 1 value beyond ±2^53 (9,007,199,254,740,992), read as the nearest double (a relative error below 1.1e-16).",
    ]);
  });

  it('stops when the config names a column it cannot read, saying what the column is', async () => {
    await expect(read(join(FIXTURES, 'types.parquet'), { requiredColumns: ['wait'] })).rejects.toThrow(
      "types.parquet: column 'wait' is of type INTERVAL, which cannot be analyzed, but the config names it.",
    );
  });
});

describe('the same columns as the CSV of the same data', () => {
  const csv = join(FIXTURES, 'reference.csv');
  const parquet = join(FIXTURES, 'zstd', 'reference.parquet');
  const cases: [string, Map<string, FixedKind>][] = [
    ['kinds from the cells', new Map()],
    ['numbers declared categorical', new Map([['level', { kind: 'categorical', declared: true }]])],
    ['numbers categorical in the other file', new Map([['price', { kind: 'categorical', declared: false }]])],
    ['text numerical in the other file', new Map([['segment', { kind: 'numerical', declared: false }]])],
    ['text declared categorical', new Map([['active', { kind: 'categorical', declared: true }]])],
  ];
  it.each(cases)('%s', async (_case, kinds) => {
    const fromCsv = await read(csv, { kinds });
    const fromParquet = await read(parquet, { kinds });
    expect(fromParquet.header).toEqual(fromCsv.header);
    expect(columnsOf(fromParquet)).toEqual(columnsOf(fromCsv, 2));
  });

  it.each(cases)('%s, streamed: the same streams', async (_case, kinds) => {
    // 500 of 600 rows: both readers keep every row, then choose the same 500.
    const options = { kinds, sample: { maxRows: 500, seed: 1 }, stream: true };
    const fromCsv = await read(csv, options);
    const fromParquet = await read(parquet, options);
    expect(fromParquet.streams).toBeDefined();
    expect(fromParquet.streams).toEqual(fromCsv.streams);
    expect(columnsOf(fromParquet)).toEqual(columnsOf(fromCsv, 2));
  });

  it('and the same sample: every row kept, then 500 of them chosen', async () => {
    const sample = { maxRows: 500, seed: 1 };
    const fromCsv = await read(csv, { sample });
    const fromParquet = await read(parquet, { sample });
    expect(fromParquet.rows).toBe(500);
    expect(fromParquet.sampledFrom).toBe(600);
    expect(columnsOf(fromParquet)).toEqual(columnsOf(fromCsv, 2));
  });

  it('a text in a column declared numerical stops the run, naming the file, row and column', async () => {
    const kinds = new Map([['segment', { kind: 'numerical' as const, declared: true }]]);
    const reading = read(parquet, { kinds });
    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(
      "reference.parquet row 1, column 'segment': 'b' is not a number, but the column is declared numerical (its Parquet type is UTF8).",
    );
  });

  it("text read as numbers takes the config's decimal separator, as a CSV's cells do", async () => {
    const path = join(folder, 'decimal-comma.parquet');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(
      `COPY (SELECT * FROM (VALUES ('15,46'), ('1,5'), (NULL)) AS t(v)) TO '${path}' (FORMAT parquet)`,
    );
    const kinds = new Map([['v', { kind: 'numerical' as const, declared: true }]]);
    const column = (await read(path, { kinds, decimal: ',' })).columns.get('v')!;
    expect(column.kind === 'numerical' && [...column.values]).toEqual([15.46, 1.5, NaN]);
    await expect(read(path, { kinds })).rejects.toThrow(
      "decimal-comma.parquet row 1, column 'v': '15,46' is not a number",
    );
  });

  it('a column the config names and the file lacks: the message a CSV gets', async () => {
    const message = async (path: string) =>
      read(path, { requiredColumns: ['segmnt', 'nowhere'] }).then(
        () => 'read',
        (error: Error) => error.message,
      );
    const fromParquet = await message(parquet);
    expect(fromParquet).toMatch(
      /^reference\.parquet has no column 'segmnt' \(did you mean 'segment'\?\) and 'nowhere'/,
    );
    expect(fromParquet.replace('reference.parquet', 'reference.csv')).toBe(await message(csv));
  });
});

describe('dictionary-encoded 64-bit integers', () => {
  async function written(name: string, values: string): Promise<string> {
    const path = join(folder, `${name}.parquet`);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(
      `COPY (SELECT ${values}::BIGINT AS n FROM range(1000) t(i) ORDER BY i) TO '${path}' (FORMAT parquet)`,
    );
    return path;
  }
  function encodings(path: string): string[] {
    const bytes = readFileSync(path);
    const footer = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    return footer.row_groups[0].columns[0].meta_data!.encodings;
  }

  it('read as the same numbers, and every row beyond ±2^53 counted in the note', async () => {
    const path = await written('dictionary-big', 'CASE WHEN i % 2 = 0 THEN 9007199254740993 ELSE i % 3 END');
    expect(encodings(path)).toContain('PLAIN_DICTIONARY');
    const table = await read(path);
    const n = table.columns.get('n')!;
    expect(n.kind === 'numerical' && [...n.values]).toEqual(
      Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 9007199254740992 : i % 3)),
    );
    expect(table.notes).toEqual([expect.stringContaining("column 'n': 500 values beyond ±2^53")]);
  });

  it('within ±2^53: the same numbers, and no note', async () => {
    const path = await written('dictionary-exact', 'CASE WHEN i % 2 = 0 THEN -9007199254740992 ELSE i % 3 END');
    expect(encodings(path)).toContain('PLAIN_DICTIONARY');
    const table = await read(path);
    const n = table.columns.get('n')!;
    expect(n.kind === 'numerical' && [...n.values]).toEqual(
      Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? -9007199254740992 : i % 3)),
    );
    expect(table.notes).toBeUndefined();
  });
});

describe('sampling, streaming, progress and cancellation, row group by row group', () => {
  const parquet = join(FIXTURES, 'snappy', 'reference.parquet');

  it('holds a uniform sample and streams every row', async () => {
    const table = await read(parquet, { sample: { maxRows: 100, seed: 7 }, stream: true });
    expect(table.rows).toBe(100);
    expect(table.sampledFrom).toBe(600);
    const amount = table.streams!.get('amount')!;
    expect(amount.rows).toBe(600);
    expect(amount.missing).toBe(30);
    const whole = await read(parquet);
    const values = whole.columns.get('amount')!;
    const numbers = values.kind === 'numerical' ? [...values.values].filter((v) => !Number.isNaN(v)) : [];
    expect(amount.numbers.count).toBe(numbers.length);
    expect(amount.numbers.min).toBe(Math.min(...numbers));
    expect(amount.numbers.max).toBe(Math.max(...numbers));
    expect(amount.numbers.mean).toBeCloseTo(numbers.reduce((a, b) => a + b, 0) / numbers.length, 10);
    expect(table.streams!.get('segment')!.categories).toEqual(
      new Map(['b', 'a', 'c'].map((c) => [c, countOf(whole, 'segment', c)])),
    );
  });

  it('reports the bytes of the row groups read, up to the file size', async () => {
    const progress: number[] = [];
    let total = 0;
    await read(parquet, { onProgress: (done, of) => (progress.push(done), (total = of)) });
    expect(total).toBe(readFileSync(parquet).length);
    // Five row groups, then the end.
    expect(progress).toHaveLength(6);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress[4]).toBeLessThan(total);
    expect(progress.at(-1)).toBe(total);
  });

  it('stops between row groups when aborted', async () => {
    const stop = new AbortController();
    const progress: number[] = [];
    const reading = read(parquet, {
      signal: stop.signal,
      onProgress: (done) => {
        progress.push(done);
        stop.abort(new Error('stopped'));
      },
    });
    await expect(reading).rejects.toThrow('stopped');
    expect(progress).toHaveLength(1);
  });

  it('reads only the columns the table holds: a damaged nested column does not matter', async () => {
    const bytes = Buffer.from(readFileSync(parquet));
    const footer = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
    const metadata = parquetMetadata(bytes.subarray(footer));
    for (const group of metadata.row_groups) {
      for (const { meta_data: chunk } of group.columns) {
        if (chunk!.path_in_schema[0] !== 'tags') continue;
        const start = Number(chunk!.dictionary_page_offset ?? chunk!.data_page_offset);
        bytes.fill(0xff, start, start + Number(chunk!.total_compressed_size));
      }
    }
    const damaged = join(folder, 'damaged-tags.parquet');
    writeFileSync(damaged, bytes);
    const table = await read(damaged);
    expect(columnsOf(table)).toEqual(columnsOf(await read(parquet)));
  });
});

describe('bad files: an InputError naming the file, and the row group and column where there is one', () => {
  it.each([
    ['not-parquet.parquet', 'not-parquet.parquet is not a Parquet file: it does not start with the PAR1 marker.'],
    [
      'truncated.parquet',
      'truncated.parquet is cut short: it starts as a Parquet file, but the footer that ends one (its metadata) is missing.',
    ],
    [
      'lzo.parquet',
      "lzo.parquet row group 1 of 5, column 'event_time': compressed with LZO, which cannot be read; write the file with snappy, zstd, gzip, lz4, brotli or no compression.",
    ],
  ])('%s', async (name, message) => {
    const reading = read(join(FIXTURES, name));
    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(message);
  });

  it('a damaged column chunk', async () => {
    const source = join(FIXTURES, 'snappy', 'current.parquet');
    const bytes = Buffer.from(readFileSync(source));
    const footer = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
    const chunk = parquetMetadata(bytes.subarray(footer)).row_groups[2].columns[2].meta_data!;
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    // The page header survives; its compressed data does not.
    bytes.fill(0xff, start + 20, start + Number(chunk.total_compressed_size));
    const damaged = join(folder, 'damaged.parquet');
    writeFileSync(damaged, bytes);
    const reading = read(damaged);
    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(/^damaged\.parquet row group 3 of 5, column 'amount': /);
  });

  it('a missing file, and a folder', async () => {
    await expect(read(join(folder, 'none.parquet'))).rejects.toThrow('none.parquet: file not found.');
    const dir = join(folder, 'dir.parquet');
    mkdirSync(dir);
    await expect(read(dir)).rejects.toThrow('dir.parquet is a directory, not a Parquet file.');
  });

  it('a column name used twice', async () => {
    // The footer's 'visits' renamed 'amount' (Thrift binary: its length, then its bytes), the length kept.
    const bytes = Buffer.from(readFileSync(join(FIXTURES, 'snappy', 'reference.parquet')));
    const footer = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
    for (let at = bytes.indexOf('\x06visits', footer); at !== -1; at = bytes.indexOf('\x06visits', at + 1))
      bytes.write('amount', at + 1);
    const twice = join(folder, 'twice.parquet');
    writeFileSync(twice, bytes);
    await expect(read(twice)).rejects.toThrow(
      "twice.parquet: the column name 'amount' appears more than once; column names must be unique.",
    );
  });

  it('a file without rows', async () => {
    await expect(read(join(FIXTURES, 'empty.parquet'))).rejects.toThrow('empty.parquet has columns but no rows.');
  });
});

function countOf(table: Table, name: string, category: string): number {
  const column = table.columns.get(name)!;
  if (column.kind !== 'categorical') return 0;
  const code = column.categories.indexOf(category);
  return [...column.codes].filter((c) => c === code).length;
}
