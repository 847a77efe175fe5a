/**
 * One column of a table read whole, as a profile keeps it: its counts, its numbers
 * (numberSummary.ts) and its texts, and its distinct values, exact. Cells are taken as
 * streaming takes them (data/columnStream.ts): as numbers, the cells that parse as numbers
 * (none in a column declared categorical); as texts, the others.
 */
import type { Column } from '../data/column';
import { parseNumber, type DecimalSeparator } from '../data/numberParsing';
import { heavyHittersOfCounts } from '../stats/heavyHitters';
import { addNumber, addText, emptyHyperLogLog, hyperLogLogText } from '../stats/hyperLogLog';
import { NumberSummaryBuilder } from './numberSummary';
import type { ProfileColumn, ProfileTexts, SketchParameters } from './profileFormat';

export function columnSummary(
  column: Column,
  declared: boolean,
  decimal: DecimalSeparator,
  sketches: SketchParameters,
  seed: number,
): ProfileColumn {
  const numbers = new NumberSummaryBuilder(sketches.exactNumbers, sketches.kllK, seed);
  const labels = new Map<number, string>();
  const texts = new Map<string, number>();
  let rows: number;
  if (column.kind === 'numerical') {
    const { values } = column;
    rows = values.length;
    for (let row = 0; row < rows; row++) if (values[row] === values[row]) numbers.add(values[row]);
    if (column.labels?.complete) for (const [value, text] of column.labels.texts) labels.set(value, text);
  } else {
    const { codes, categories } = column;
    rows = codes.length;
    // A category's number, or NaN for a text (every category of a declared categorical column).
    const numberOf = Float64Array.from(categories, (category) => (declared ? NaN : parseNumber(category, decimal)));
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
      else if (numberOf[code] === numberOf[code]) labels.set(numberOf[code], category);
    });
  }
  const summary = numbers.finish();
  if (summary.counts) {
    const differing = [...labels].filter(([value, label]) => label !== String(value));
    if (differing.length) summary.labels = differing.sort((a, b) => a[0] - b[0]);
  }
  const distinctNumbers = numbers.distinct ?? distinctOf(column, declared, decimal);
  const distinct = distinctNumbers + texts.size;
  const hyperLogLog =
    (summary.counts === undefined && summary.wholeNumbers) || texts.size > sketches.exactTexts
      ? distinctSketch(column, declared, decimal)
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

export function textSummary(texts: Map<string, number>, exactTexts: number): ProfileTexts {
  let length = 0;
  for (const [text, rows] of texts) length += text.length * rows;
  if (texts.size <= exactTexts) return { length, counts: mostFrequentFirst(texts) };
  const { counts, error } = heavyHittersOfCounts(texts, exactTexts);
  return { length, heavyHitters: { counts: [...counts], error } };
}

/** [text, rows], most rows first, ties in code-unit order. */
export function mostFrequentFirst(texts: Map<string, number>): [string, number][] {
  return [...texts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

/** The distinct numbers of a column whose numbers passed the cap (counted once more, by value). */
function distinctOf(column: Column, declared: boolean, decimal: DecimalSeparator): number {
  const seen = new Set<number>();
  forEachValue(column, declared, decimal, (value) => {
    if (typeof value === 'number') seen.add(value === 0 ? 0 : value);
  });
  return seen.size;
}

/** The HyperLogLog sketch of the column's distinct values, numbers by value and texts by text. */
function distinctSketch(column: Column, declared: boolean, decimal: DecimalSeparator): string {
  const sketch = emptyHyperLogLog();
  forEachValue(column, declared, decimal, (value) =>
    typeof value === 'number' ? addNumber(sketch, value) : addText(sketch, value),
  );
  return hyperLogLogText(sketch);
}

/** Each non-missing value: a number, or a text; a categorical column's once per category present. */
function forEachValue(
  column: Column,
  declared: boolean,
  decimal: DecimalSeparator,
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
    const value = declared ? NaN : parseNumber(category, decimal);
    visit(value === value ? value : category);
  });
}
