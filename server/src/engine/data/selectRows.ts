/** A column cut down to some of its rows, such as one time window's. */
import { parseNumber } from './numberParsing';
import type { CategoricalColumn, Column, NumericalColumn } from './column';

/**
 * A new column holding the cells of `rows` (row indices of `column`), in that order, with
 * `missing` and `nonNumeric` counted over those cells. Categories and number labels are
 * shared with `column`, so they may name values the subset does not hold.
 *
 * Two things the column cannot tell per row are settled as follows:
 * - `nonNumericLines` is empty: the column keeps the lines of only its first few
 *   non-numeric cells, and cannot say which row each belongs to.
 * - A cell without a value (NaN, or code -1) is missing or a non-numeric cell whose text
 *   was dropped. It counts as missing, unless the column has no missing cells at all, in
 *   which case it counts as non-numeric. Only a column holding both kinds is then
 *   approximate, and the analysis counts both kinds as missing anyway.
 */
export function selectRows<T extends Column>(column: T, rows: Int32Array): T {
  const subset = column.kind === 'numerical' ? selectNumbers(column, rows) : selectCategories(column, rows);
  return subset as T;
}

function selectNumbers(column: NumericalColumn, rows: Int32Array): NumericalColumn {
  const values = new Float64Array(rows.length);
  let empty = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = column.values[rows[i]];
    values[i] = value;
    if (Number.isNaN(value)) empty++;
  }
  const emptyIsMissing = column.missing > 0;
  return {
    kind: 'numerical',
    name: column.name,
    values,
    missing: emptyIsMissing ? empty : 0,
    nonNumeric: emptyIsMissing ? 0 : empty,
    nonNumericLines: [],
    labels: column.labels,
  };
}

function selectCategories(column: CategoricalColumn, rows: Int32Array): CategoricalColumn {
  const isText = column.categories.map((category) => Number.isNaN(parseNumber(category)));
  const codes = new Int32Array(rows.length);
  let empty = 0;
  let text = 0;
  for (let i = 0; i < rows.length; i++) {
    const code = column.codes[rows[i]];
    codes[i] = code;
    if (code < 0) empty++;
    else if (isText[code]) text++;
  }
  const emptyIsMissing = column.missing > 0;
  return {
    kind: 'categorical',
    name: column.name,
    codes,
    categories: column.categories,
    missing: emptyIsMissing ? empty : 0,
    nonNumeric: text + (emptyIsMissing ? 0 : empty),
    nonNumericLines: [],
  };
}
