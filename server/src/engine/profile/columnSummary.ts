/**
 * One column of a table read whole, as a profile keeps it: its counts, its numbers
 * (numberSummary.ts) and its texts, and its distinct values, exact. Cells are taken as
 * streaming takes them (data/columnStream.ts): as numbers, the cells that parse as numbers
 * (none in a column declared categorical); as texts, the others.
 */
import type { CategoricalColumn, Column } from '../data/column';
import { parseNumber, type DecimalSeparator } from '../data/numberParsing';
import { heavyHittersOfCounts } from '../stats/heavyHitters';
import { sortLikeBuiltIn } from '../stats/sketchSort';
import { addNumber, addText, emptyHyperLogLog, hyperLogLogText } from '../stats/hyperLogLog';
import { NumberSummaryBuilder } from './numberSummary';
import type { ProfileColumn, ProfileTexts, SketchParameters } from './profileFormat';

export function columnSummary(
  column: Column,
  declared: boolean,
  decimal: DecimalSeparator | undefined,
  sketches: SketchParameters,
  seed: number,
): ProfileColumn {
  const numbers = new NumberSummaryBuilder(sketches.exactNumbers, sketches.kllK, seed);
  const labels = new Map<number, string>();
  const texts = new Map<string, number>();
  // A categorical column's number of each category, NaN for a text.
  let numberOf: Float64Array | undefined;
  let rows: number;
  if (column.kind === 'numerical') {
    const { values } = column;
    rows = values.length;
    for (let row = 0; row < rows; row++) if (values[row] === values[row]) numbers.add(values[row]);
    if (column.labels?.complete) for (const [value, text] of column.labels.texts) labels.set(value, text);
  } else {
    const { codes, categories } = column;
    rows = codes.length;
    numberOf = categoryNumbers(column, declared, decimal);
    const textRows = new Float64Array(categories.length);
    for (let row = 0; row < rows; row++) {
      const code = codes[row];
      if (code < 0) continue;
      const value = numberOf[code];
      if (value === value) numbers.add(value);
      else textRows[code]++;
    }
    categories.forEach((category, code) => {
      if (textRows[code] > 0) texts.set(category, textRows[code]);
      else if (numberOf![code] === numberOf![code]) labels.set(numberOf![code], category);
    });
  }
  const summary = numbers.finish();
  if (summary.counts) {
    const differing = [...labels].filter(([value, label]) => label !== String(value));
    if (differing.length) summary.labels = differing.sort((a, b) => a[0] - b[0]);
  }
  const distinctNumbers = numbers.distinct ?? distinctOf(column, numberOf);
  const distinct = distinctNumbers + texts.size;
  const hyperLogLog =
    (summary.counts === undefined && summary.wholeNumbers) || texts.size > sketches.exactTexts
      ? distinctSketch(column, numberOf)
      : undefined;
  return {
    name: column.name,
    kind: column.kind,
    declared,
    rows,
    missing: column.missing,
    nonNumeric: column.nonNumeric,
    numbers: summary,
    texts: textSummary(texts, sketches.exactTexts),
    distinct: { low: distinct, high: distinct, ...(hyperLogLog && { hyperLogLog }) },
  };
}

/**
 * Each category's number, or NaN for a text (every category of a declared categorical
 * column), read with the file's decimal separator: the config's, or else the one the reader
 * detected, which the table does not say, so the one whose numbers are the cells the reader
 * counted as numbers (a profile whose counts did not add up could not be read back).
 */
function categoryNumbers(
  column: CategoricalColumn,
  declared: boolean,
  decimal: DecimalSeparator | undefined,
): Float64Array {
  if (declared) return new Float64Array(column.categories.length).fill(NaN);
  const numberCells = column.codes.length - column.missing - column.nonNumeric;
  const withSeparator = (separator: DecimalSeparator) => {
    const numbers = Float64Array.from(column.categories, (category) => parseNumber(category, separator));
    let cells = 0;
    for (const code of column.codes) if (code >= 0 && numbers[code] === numbers[code]) cells++;
    return { numbers, matches: cells === numberCells };
  };
  if (decimal !== undefined) return withSeparator(decimal).numbers;
  const point = withSeparator('.');
  return point.matches ? point.numbers : withSeparator(',').numbers;
}

/** The texts' summary: exact counts up to the cap, the heavy hitters of the exact counts beyond it. */
export function textSummary(texts: Map<string, number>, exactTexts: number): ProfileTexts {
  let length = 0;
  for (const [text, rows] of texts) length += text.length * rows;
  if (texts.size <= exactTexts) return { length, counts: mostFrequentFirst(texts) };
  const { counts, error } = heavyHittersOfCounts(texts, exactTexts);
  return { length, heavyHitters: { counts: [...counts], error } };
}

/** [text, rows], most rows first, ties in code-unit order. */
function mostFrequentFirst(texts: Map<string, number>): [string, number][] {
  return [...texts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The distinct numbers of a column whose numbers passed the cap, counted once more: sorted,
 * which over many columns takes a third of the time of a Set of them.
 */
function distinctOf(column: Column, numberOf: Float64Array | undefined): number {
  const numbers: number[] = [];
  forEachValue(column, numberOf, (value) => {
    if (typeof value === 'number') numbers.push(value);
  });
  const sorted = Float64Array.from(numbers);
  sortLikeBuiltIn(sorted, 0, sorted.length);
  let distinct = sorted.length > 0 ? 1 : 0;
  // −0 and 0 are one value: they compare equal.
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** The HyperLogLog sketch of the column's distinct values, numbers by value and texts by text. */
function distinctSketch(column: Column, numberOf: Float64Array | undefined): string {
  const sketch = emptyHyperLogLog();
  forEachValue(column, numberOf, (value) =>
    typeof value === 'number' ? addNumber(sketch, value) : addText(sketch, value),
  );
  return hyperLogLogText(sketch);
}

/** Each non-missing value: a number, or a text; a categorical column's once per category present (`numberOf` its numbers). */
function forEachValue(
  column: Column,
  numberOf: Float64Array | undefined,
  visit: (value: number | string) => void,
): void {
  if (column.kind === 'numerical') {
    for (const value of column.values) if (value === value) visit(value);
    return;
  }
  const present = new Uint8Array(column.categories.length);
  for (const code of column.codes) if (code >= 0) present[code] = 1;
  column.categories.forEach((category, code) => {
    if (!present[code]) return;
    const value = numberOf![code];
    visit(value === value ? value : category);
  });
}
