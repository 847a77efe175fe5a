import { describe, expect, it } from 'vitest';
import { selectRows } from '../../../src/engine/data/selectRows';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

function numericalColumn(values: number[], missing: number, nonNumeric: number): NumericalColumn {
  return {
    kind: 'numerical',
    name: 'x',
    values: new Float64Array(values),
    missing,
    nonNumeric,
    nonNumericLines: nonNumeric ? [4] : [],
    labels: { texts: new Map([[1.5, '1.50']]), complete: false },
  };
}

function categoricalColumn(
  codes: number[],
  categories: string[],
  missing: number,
  nonNumeric: number,
): CategoricalColumn {
  return {
    kind: 'categorical',
    name: 'x',
    codes: new Int32Array(codes),
    categories,
    missing,
    nonNumeric,
    nonNumericLines: [2, 3],
  };
}

describe('selectRows on a numerical column', () => {
  const column = numericalColumn([1.5, NaN, 3, 4, NaN], 2, 0);

  it('holds the given rows in the given order, recounting missing cells', () => {
    const subset = selectRows(column, new Int32Array([4, 0, 2]));
    expect(subset).toEqual({ ...column, values: new Float64Array([NaN, 1.5, 3]), missing: 1, nonNumeric: 0 });
    expect(subset.labels).toBe(column.labels);
    expect(selectRows(column, new Int32Array([3, 3, 0]))).toMatchObject({
      values: new Float64Array([4, 4, 1.5]),
      missing: 0,
    });
  });

  it('leaves the column as it was', () => {
    selectRows(column, new Int32Array([1])).values.fill(0);
    expect(column.values).toEqual(new Float64Array([1.5, NaN, 3, 4, NaN]));
  });

  it('holds no cells for no rows', () => {
    expect(selectRows(column, new Int32Array(0))).toMatchObject({
      values: new Float64Array(0),
      missing: 0,
      nonNumeric: 0,
    });
  });

  it('counts a NaN as non-numeric when the column has no missing cells, and drops the lines', () => {
    const subset = selectRows(numericalColumn([1, NaN, 3], 0, 1), new Int32Array([1, 2]));
    expect(subset).toMatchObject({ missing: 0, nonNumeric: 1, nonNumericLines: [] });
  });

  it('counts a NaN as missing when the column holds both kinds', () => {
    const subset = selectRows(numericalColumn([NaN, NaN, 3], 1, 1), new Int32Array([0, 1, 2]));
    expect(subset).toMatchObject({ missing: 2, nonNumeric: 0, nonNumericLines: [] });
  });
});

describe('selectRows on a categorical column', () => {
  // 'a' and 'b' are text, '1' a number: nonNumeric counts the 'a' and 'b' cells.
  const column = categoricalColumn([0, 1, -1, 2, 0], ['a', '1', 'b'], 1, 3);

  it('holds the given rows in the given order, sharing the categories and recounting', () => {
    const subset = selectRows(column, new Int32Array([3, 1, 2]));
    expect(subset).toEqual({
      ...column,
      codes: new Int32Array([2, 1, -1]),
      missing: 1,
      nonNumeric: 1,
      nonNumericLines: [],
    });
    expect(subset.categories).toBe(column.categories);
    expect(selectRows(column, new Int32Array([1]))).toMatchObject({
      codes: new Int32Array([1]),
      missing: 0,
      nonNumeric: 0,
    });
    expect(selectRows(column, new Int32Array([0, 0, 4]))).toMatchObject({
      codes: new Int32Array([0, 0, 0]),
      missing: 0,
      nonNumeric: 3,
    });
  });

  it('counts a -1 as non-numeric when the column has no missing cells (a number column turned categorical)', () => {
    const converted = categoricalColumn([0, -1, 1], ['1.50', '2'], 0, 1);
    expect(selectRows(converted, new Int32Array([1, 2]))).toMatchObject({
      codes: new Int32Array([-1, 1]),
      missing: 0,
      nonNumeric: 1,
    });
  });
});
