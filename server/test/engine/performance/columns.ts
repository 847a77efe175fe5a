/** Columns built in memory for the unit tests, as the reader would build them. */
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

/** A numerical column; null is a missing value. */
export function numbers(values: (number | null)[], name = 'x'): NumericalColumn {
  return {
    kind: 'numerical',
    name,
    values: Float64Array.from(values, (v) => (v === null ? Number.NaN : v)),
    missing: values.filter((v) => v === null).length,
    nonNumeric: 0,
    nonNumericLines: [],
  };
}

/** A categorical column, one category per distinct text; null is a missing value. */
export function texts(cells: (string | null)[], name = 'x'): CategoricalColumn {
  const categories = [...new Set(cells.filter((c): c is string => c !== null))];
  return {
    kind: 'categorical',
    name,
    codes: Int32Array.from(cells, (c) => (c === null ? -1 : categories.indexOf(c))),
    categories,
    missing: cells.filter((c) => c === null).length,
    nonNumeric: cells.filter((c) => c !== null).length,
    nonNumericLines: [],
  };
}
