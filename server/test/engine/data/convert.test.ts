import { describe, expect, it } from 'vitest';
import { categoricalToNumerical, numericalToCategorical } from '../../../src/engine/data/convert';
import { readTable } from '../../../src/engine/data/readTable';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

function numericalColumn(values: number[], texts: [number, string][] | undefined, complete = true): NumericalColumn {
  return {
    kind: 'numerical',
    name: 'x',
    values: new Float64Array(values),
    missing: 1,
    nonNumeric: 1,
    nonNumericLines: [4],
    labels: texts && { texts: new Map(texts), complete },
  };
}

function categoricalColumn(
  codes: number[],
  categories: string[],
  missing: number,
  nonNumeric: number,
  nonNumericLines: number[],
): CategoricalColumn {
  return {
    kind: 'categorical',
    name: 'x',
    codes: new Int32Array(codes),
    categories,
    missing,
    nonNumeric,
    nonNumericLines,
  };
}

describe('numericalToCategorical', () => {
  it('makes one category per value, labelled as first written; NaN becomes -1; counts and lines carry over', () => {
    const column = numericalColumn(
      [1.5, 2, NaN, 1.5, NaN],
      [
        [1.5, '1.50'],
        [2, '2'],
      ],
    );
    expect(numericalToCategorical(column)).toEqual(categoricalColumn([0, 1, -1, 0, -1], ['1.50', '2'], 1, 1, [4]));
  });

  it('labels a value without a kept label by String(value)', () => {
    const column = numericalColumn([1.5, 3, NaN, 1.5, NaN], [[1.5, '1.50']], false);
    expect(numericalToCategorical(column).categories).toEqual(['1.50', '3']);
    expect(numericalToCategorical(numericalColumn([1.5, 1e21], undefined)).categories).toEqual(['1.5', '1e+21']);
  });
});

describe('categoricalToNumerical', () => {
  it('parses each category; text categories and missing cells become NaN; counts and lines carry over', () => {
    const column = categoricalColumn([0, 1, -1, 2, 1], ['1.50', 'high', '2'], 1, 2, [3, 6]);
    const converted = categoricalToNumerical(column);
    expect(converted).toMatchObject({
      kind: 'numerical',
      name: 'x',
      missing: 1,
      nonNumeric: 2,
      nonNumericLines: [3, 6],
    });
    expect(converted.values).toEqual(new Float64Array([1.5, NaN, NaN, 2, NaN]));
  });

  it('keeps the numeric categories as labels, so converting back gives the same categories', () => {
    const column = categoricalColumn([0, 1, 2, 0], ['1.50', 'high', '2'], 0, 1, [3]);
    const converted = categoricalToNumerical(column);
    expect(converted.labels).toEqual({
      texts: new Map([
        [1.5, '1.50'],
        [2, '2'],
      ]),
      complete: true,
    });
    expect(numericalToCategorical(converted).categories).toEqual(['1.50', '2']);
  });

  it('turns a column read as categorical because of one text cell back into numbers', async () => {
    const path = new URL('../../../../test-fixtures/csv/text-in-numerical.csv', import.meta.url).pathname;
    const table = await readTable(path, {
      displayPath: 'text-in-numerical.csv',
      kinds: new Map(),
      requiredColumns: [],
    });
    const converted = categoricalToNumerical(table.columns.get('age') as CategoricalColumn);
    expect(converted.values).toEqual(new Float64Array([34, 41, NaN, 29]));
    expect(converted).toMatchObject({ missing: 0, nonNumeric: 1, nonNumericLines: [4] });
  });
});
