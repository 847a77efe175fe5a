import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../../src/engine/data/readTable';
import { InputError } from '../../../src/engine/inputError';
import { parseTimestamps } from '../../../src/engine/windows/timestamps';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

const EXPECTED = '(expected an ISO 8601 date or date-time, or epoch seconds/milliseconds)';

/** A text column as readTable builds it: categories in order of first appearance, null for a missing cell. */
function textColumn(cells: (string | null)[]): CategoricalColumn {
  const categories: string[] = [];
  const codes = Int32Array.from(cells, (cell) => {
    if (cell === null) return -1;
    if (!categories.includes(cell)) categories.push(cell);
    return categories.indexOf(cell);
  });
  const missing = cells.filter((cell) => cell === null).length;
  return {
    kind: 'categorical',
    name: 'ts',
    codes,
    categories,
    missing,
    nonNumeric: cells.length - missing,
    nonNumericLines: [],
  };
}

function numberColumn(values: number[], labels?: [number, string][]): NumericalColumn {
  const missing = values.filter(Number.isNaN).length;
  return {
    kind: 'numerical',
    name: 'ts',
    values: new Float64Array(values),
    missing,
    nonNumeric: 0,
    nonNumericLines: [],
    labels: labels && { texts: new Map(labels), complete: true },
  };
}

function thrown(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

function isoTimes(cells: (string | null)[]): (string | null)[] {
  const { times } = parseTimestamps(textColumn(cells), 'data.csv');
  return Array.from(times, (time) => (Number.isNaN(time) ? null : new Date(time).toISOString()));
}

describe('parseTimestamps: ISO 8601 text', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-03-01T14:05', '2026-03-01T14:05:00.000Z'],
    ['2026-03-01 14:05', '2026-03-01T14:05:00.000Z'],
    ['2026-03-01T14:05:09', '2026-03-01T14:05:09.000Z'],
    ['2026-03-01 14:05:09', '2026-03-01T14:05:09.000Z'],
    ['2026-03-01T14:05:09.5', '2026-03-01T14:05:09.500Z'],
    ['2026-03-01 14:05:09.123', '2026-03-01T14:05:09.123Z'],
    ['2026-03-01T14:05Z', '2026-03-01T14:05:00.000Z'],
    ['2026-03-01T14:05:09Z', '2026-03-01T14:05:09.000Z'],
    ['2026-03-01T14:05:09.250Z', '2026-03-01T14:05:09.250Z'],
    ['2026-03-01T14:05:09+02:00', '2026-03-01T12:05:09.000Z'],
    ['2026-03-01 14:05+02:00', '2026-03-01T12:05:00.000Z'],
    ['2026-03-01T00:30-05:30', '2026-03-01T06:00:00.000Z'],
    ['2026-03-01T23:30:00-01:00', '2026-03-02T00:30:00.000Z'],
    ['2026-03-01T00:15:00+01:00', '2026-02-28T23:15:00.000Z'],
    ['2026-03-01T14:05:09+00:00', '2026-03-01T14:05:09.000Z'],
    ['2026-03-01T23:59:59.999', '2026-03-01T23:59:59.999Z'],
    ['0100-01-01', '0100-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59', '9999-12-31T23:59:59.000Z'],
    [' 2026-03-01 ', '2026-03-01T00:00:00.000Z'],
  ])('reads %j as %s (no offset means UTC)', (text, iso) => {
    expect(isoTimes([text])).toEqual([iso]);
  });

  it('reads the common shapes (date, hours, minutes, maybe seconds and Z) as the full pattern does, and refuses the same ones', () => {
    const texts: string[] = [];
    for (const date of [
      '2026-03-01',
      '2026-02-29',
      '2024-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-03-00',
      '2O26-03-01',
    ])
      for (const time of ['00:00', '23:59', '24:00', '12:60', '14:05:09', '23:59:59', '14:05:60', '1a:05', '14:0b:09'])
        for (const [between, end] of [
          [' ', ''],
          ['T', ''],
          ['T', 'Z'],
          ['t', ''],
          [' ', 'z'],
        ])
          texts.push(`${date}${between}${time}${end}`);
    // Back to an earlier day: the day looked up last is not the one to use.
    texts.push(
      '2026-03-02 10:00',
      '2026-03-01 10:00:30',
      '2026-03-02T10:00:30Z',
      '2026-03-1 10:00',
      '2026-03-01 10:00 ',
    );
    const timeOf = (text: string) => {
      try {
        return parseTimestamps(textColumn([text]), 'data.csv').times[0];
      } catch (error) {
        if (error instanceof InputError) return NaN;
        throw error;
      }
    };
    // A zero fraction of a second takes the full pattern's path, to the same instant.
    const withFraction = (text: string) =>
      text.replace(/^(.{16}(?::..)?)(Z?)$/, '$1.000$2').replace(/^(.{16})\.000/, '$1:00.000');
    const valid = texts.filter((text) => !Number.isNaN(timeOf(text)));
    expect(valid.length).toBeGreaterThan(20);
    expect(valid.length).toBeLessThan(texts.length);
    for (const text of texts) expect(timeOf(text), text).toBe(timeOf(withFraction(text)));
    // And a column of them all reads each as it reads alone.
    const column = textColumn(valid);
    expect(Array.from(parseTimestamps(column, 'data.csv').times)).toEqual(valid.map(timeOf));
  });

  it('keeps a fraction finer than a millisecond, as far as a double holds it', () => {
    const { times } = parseTimestamps(textColumn(['2026-03-01T14:05:09.123456789Z']), 'data.csv');
    expect(times[0] - Date.parse('2026-03-01T14:05:09.123Z')).toBeCloseTo(0.456789, 3);
  });

  it('gives NaN for missing cells and counts them; the unit is iso', () => {
    const result = parseTimestamps(textColumn(['2026-03-01', null, '2026-03-02', null]), 'data.csv');
    expect(result.unit).toBe('iso');
    expect(result.missing).toBe(2);
    expect(Array.from(result.times)).toEqual([
      Date.parse('2026-03-01T00:00Z'),
      NaN,
      Date.parse('2026-03-02T00:00Z'),
      NaN,
    ]);
  });

  it('gives the same time to every row of a category', () => {
    expect(isoTimes(['2026-03-02', '2026-03-01', '2026-03-02'])).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it.each([
    '2026-13-45',
    '2026-13-01',
    '2026-00-10',
    '2026-03-00',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '03/01/2026',
    '01.03.2026',
    'yesterday',
    '2026-3-1',
    '26-03-01',
    '20260301',
    '2026/03/01',
    '2026-03-01T',
    '2026-03-01T14',
    '2026-03-01T1405',
    '2026-03-01T24:00',
    '2026-03-01T14:60',
    '2026-03-01T14:05:60',
    '2026-03-01T14:05:09.',
    '2026-03-01T14:05:09,5',
    '2026-03-01t14:05',
    '2026-03-01  14:05',
    '2026-03-01Z',
    '2026-03-01T14:05z',
    '2026-03-01T14:05 Z',
    '2026-03-01T14:05+0200',
    '2026-03-01T14:05+02',
    '2026-03-01T14:05+24:00',
    '2026-03-01T14:05+02:60',
    '2026-03-01T14:05:09ZZ',
    '0050-01-01',
    '+02026-03-01',
    '2026-W09',
    '2026-060',
    '1772323200',
  ])('rejects %j', (text) => {
    const error = thrown(() => parseTimestamps(textColumn(['2026-03-01', text]), 'data.csv'));
    expect(error.message).toMatch(/^data\.csv row 2, column 'ts': '.*' is not a timestamp/);
  });

  it('names the first row holding a value that is not a timestamp, in the exact words', () => {
    const error = thrown(() =>
      parseTimestamps(textColumn(['2026-03-01', null, '2026-03-02', 'yesterday', '03/01/2026']), 'current.csv'),
    );
    expect(error.message).toBe(`current.csv row 4, column 'ts': 'yesterday' is not a timestamp ${EXPECTED}`);
    expect(error.location).toEqual({ file: 'current.csv', column: 'ts' });
  });

  it('names the first row in row order, not in category order', () => {
    const column: CategoricalColumn = {
      ...textColumn([]),
      categories: ['yesterday', '2026-03-01', 'tomorrow'],
      codes: new Int32Array([1, -1, 2, 0]),
    };
    expect(thrown(() => parseTimestamps(column, 'current.csv')).message).toBe(
      `current.csv row 3, column 'ts': 'tomorrow' is not a timestamp ${EXPECTED}`,
    );
  });

  it('shortens a long value in the message', () => {
    const text = `not a date ${'x'.repeat(60)}`;
    expect(thrown(() => parseTimestamps(textColumn([text]), 'data.csv')).message).toBe(
      `data.csv row 1, column 'ts': '${text.slice(0, 40)}…' is not a timestamp ${EXPECTED}`,
    );
  });
});

describe('parseTimestamps: epoch numbers', () => {
  it('reads numbers below 1e11 as seconds', () => {
    const result = parseTimestamps(numberColumn([1772323200, NaN, 1772326800.5, 99_999_999_999]), 'data.csv');
    expect(result.unit).toBe('epoch-seconds');
    expect(result.missing).toBe(1);
    expect(Array.from(result.times)).toEqual([
      Date.parse('2026-03-01T00:00Z'),
      NaN,
      Date.parse('2026-03-01T01:00:00.500Z'),
      99_999_999_999_000,
    ]);
  });

  it('reads a column whose largest magnitude is 1e11 or more as milliseconds', () => {
    expect(parseTimestamps(numberColumn([1e11]), 'data.csv')).toMatchObject({
      unit: 'epoch-milliseconds',
      times: new Float64Array([1e11]),
    });
    const result = parseTimestamps(numberColumn([1772323200000, NaN, 1772326800000]), 'data.csv');
    expect(result.unit).toBe('epoch-milliseconds');
    expect(Array.from(result.times)).toEqual([Date.parse('2026-03-01T00:00Z'), NaN, Date.parse('2026-03-01T01:00Z')]);
  });

  it('decides the unit for the whole column, by its largest magnitude', () => {
    const result = parseTimestamps(numberColumn([1e9, 1772323200000]), 'data.csv');
    expect(result.unit).toBe('epoch-milliseconds');
    expect(result.times[0]).toBe(1e9);
    expect(parseTimestamps(numberColumn([-2e11, 1e9]), 'data.csv').unit).toBe('epoch-milliseconds');
  });

  it('reads negative numbers as times before 1970', () => {
    expect(new Date(parseTimestamps(numberColumn([-86400]), 'data.csv').times[0]).toISOString()).toBe(
      '1969-12-31T00:00:00.000Z',
    );
  });

  it('reads a categorical column whose categories are all numbers as epoch numbers', () => {
    const result = parseTimestamps(textColumn(['1772323200', null, ' 1772326800']), 'data.csv');
    expect(result).toMatchObject({ unit: 'epoch-seconds', missing: 1 });
    expect(Array.from(result.times)).toEqual([Date.parse('2026-03-01T00:00Z'), NaN, Date.parse('2026-03-01T01:00Z')]);
    expect(parseTimestamps(textColumn(['1772323200000']), 'data.csv').unit).toBe('epoch-milliseconds');
  });

  it('rejects numbers outside the years 0001–9999, quoting the text as written where it was kept', () => {
    expect(
      thrown(() => parseTimestamps(numberColumn([1772323200000, 1e20], [[1e20, '1e20']]), 'data.csv')).message,
    ).toBe(`data.csv row 2, column 'ts': '1e20' is not a timestamp ${EXPECTED}`);
    expect(thrown(() => parseTimestamps(numberColumn([NaN, 1e20]), 'data.csv')).message).toBe(
      `data.csv row 2, column 'ts': '100000000000000000000' is not a timestamp ${EXPECTED}`,
    );
    expect(thrown(() => parseTimestamps(numberColumn([1, Infinity]), 'data.csv')).message).toBe(
      `data.csv row 2, column 'ts': 'Infinity' is not a timestamp ${EXPECTED}`,
    );
    expect(thrown(() => parseTimestamps(numberColumn([-1e14]), 'data.csv')).message).toMatch(/^data\.csv row 1, /);
    expect(
      parseTimestamps(
        numberColumn([Date.parse('0001-01-01T00:00Z'), Date.parse('9999-12-31T23:59:59.999Z')]),
        'data.csv',
      ).unit,
    ).toBe('epoch-milliseconds');
  });

  it('rejects a number in a column of ISO dates', () => {
    expect(thrown(() => parseTimestamps(textColumn(['2026-03-01', '1772323200']), 'data.csv')).message).toBe(
      `data.csv row 2, column 'ts': '1772323200' is not a timestamp ${EXPECTED}`,
    );
  });

  it('rejects a numerical column holding text cells, by the line of the first', () => {
    const column: NumericalColumn = { ...numberColumn([1772323200, NaN]), nonNumeric: 1, nonNumericLines: [3] };
    const error = thrown(() => parseTimestamps(column, 'current.csv'));
    expect(error.message).toBe(`current.csv line 3, column 'ts': the value is not a timestamp ${EXPECTED}`);
    expect(error.location).toEqual({ file: 'current.csv', line: 3, column: 'ts' });
  });
});

describe('parseTimestamps on columns read from a CSV', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-timestamps-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  async function column(text: string) {
    const path = join(scratch, 'data.csv');
    writeFileSync(path, text);
    const table = await readTable(path, { displayPath: 'data.csv', kinds: new Map(), requiredColumns: [] });
    return table.columns.get('ts')!;
  }

  it('reads ISO date-times, which arrive as a categorical column', async () => {
    const ts = await column('ts,x\n2026-03-01 14:00:00,1\n,2\n2026-03-01T15:30:00+01:00,3\n');
    expect(ts.kind).toBe('categorical');
    const result = parseTimestamps(ts, 'data.csv');
    expect(result).toMatchObject({ unit: 'iso', missing: 1 });
    expect(Array.from(result.times)).toEqual([Date.parse('2026-03-01T14:00Z'), NaN, Date.parse('2026-03-01T14:30Z')]);
  });

  it('reads epoch seconds, which arrive as a numerical column', async () => {
    const ts = await column('ts,x\n1772323200,1\nNA,2\n1772326800,3\n');
    expect(ts.kind).toBe('numerical');
    expect(parseTimestamps(ts, 'data.csv')).toMatchObject({ unit: 'epoch-seconds', missing: 1 });
  });

  it('names the data row (not the file line) of a bad value', async () => {
    const ts = await column('ts,x\n2026-03-01,1\n\n2026-02-30,2\n');
    expect(thrown(() => parseTimestamps(ts, 'data.csv')).message).toBe(
      `data.csv row 2, column 'ts': '2026-02-30' is not a timestamp ${EXPECTED}`,
    );
  });
});
