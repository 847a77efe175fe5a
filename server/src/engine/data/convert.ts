/** Turning a column into the other kind, when the two files or the distinct-value rule disagree with how it was read. */
import { emptyNumberLabels, encodeNumbers, noteLabel } from './numberLabels';
import { parseNumber } from './numberParsing';
import type { CategoricalColumn, NumericalColumn } from './column';

/**
 * One category per distinct value, labelled as first written in the file ('1.50' stays
 * '1.50') when the column kept its labels, else `String(value)`. Missing and non-numeric
 * cells (both NaN) get code -1; their counts and lines carry over.
 */
export function numericalToCategorical(column: NumericalColumn): CategoricalColumn {
  const { codes, categories } = encodeNumbers(column.values, column.values.length, column.labels);
  return {
    kind: 'categorical',
    name: column.name,
    codes,
    categories,
    missing: column.missing,
    nonNumeric: column.nonNumeric,
    nonNumericLines: column.nonNumericLines,
  };
}

/**
 * Each category parsed as a number. A category that is not a number becomes NaN; its cells
 * are the column's non-numeric cells, already counted in `nonNumeric`, so the counts and
 * lines carry over. Missing cells stay missing (NaN). Category labels become the number
 * labels, so converting back gives the same labels.
 */
export function categoricalToNumerical(column: CategoricalColumn): NumericalColumn {
  const labels = emptyNumberLabels();
  const valueOfCode = new Float64Array(column.categories.length);
  for (const [code, category] of column.categories.entries()) {
    const value = parseNumber(category);
    valueOfCode[code] = value;
    if (!Number.isNaN(value)) noteLabel(labels, value, category);
  }
  const values = new Float64Array(column.codes.length);
  for (let row = 0; row < values.length; row++) {
    const code = column.codes[row];
    values[row] = code < 0 ? NaN : valueOfCode[code];
  }
  return {
    kind: 'numerical',
    name: column.name,
    values,
    missing: column.missing,
    nonNumeric: column.nonNumeric,
    nonNumericLines: column.nonNumericLines,
    labels,
  };
}
