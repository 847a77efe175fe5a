/**
 * Columns that name rows instead of describing them: identifiers, counters and free text. A
 * drift test on one compares values that never recur (every id in current is new, a counter
 * only moves on), so it calls the column drifted whatever happened to the data. The rules,
 * each on an input feature with at least MIN_VALUES values in the reference, every share taken
 * of a file's non-missing values and holding in both files:
 *
 * | rule        | the column                                                                        |
 * | ----------- | --------------------------------------------------------------------------------- |
 * | distinct    | text, ≥ 95% of its values distinct                                                 |
 * | counter     | whole numbers strictly rising (or strictly falling) from row to row               |
 * | named       | whole numbers, ≥ 95% distinct, and a name ending in `id`, `uuid`, `guid` or `key` |
 * | free text   | text, ≥ 50% distinct, 20 characters or more on average                             |
 *
 * Numbers need the name or the order: measurements in whole units (an income in dollars) are
 * as distinct as ids are. Text between 50% and 95% distinct stays tested unless it is long:
 * short codes (postcodes, product codes) recur often enough to be compared, sentences do not.
 */
import { distinctNumbers } from '../quality/distinctNumbers';
import { formatCount, rate } from '../../protocol/text';
import type { CategoricalColumn, NumericalColumn } from '../data/column';
import type { ColumnPair } from './columnPair';
import type { ProfiledColumn } from '../profile/referenceProfile';

/** Fewer values than this in the reference and a few-valued column could look unique by chance. */
export const MIN_VALUES = 50;
export const IDENTIFIER_DISTINCT_SHARE = 0.95;
export const FREE_TEXT_DISTINCT_SHARE = 0.5;
export const FREE_TEXT_MEAN_LENGTH = 20;

/** Why a column looks like it names rows; shares are of each file's non-missing values. */
export type IdentifierEvidence =
  | { rule: 'distinct' | 'named'; reference: number; current: number }
  | { rule: 'counter'; direction: 'rise' | 'fall' }
  | { rule: 'free-text'; reference: number; current: number; meanLength: number };

/** `user_id`, `uuid`, `order-key`, `customerId`: the last word of the name says identifier. */
const IDENTIFIER_NAME = /(^|[\s_.-])(id|uuid|guid|key)$/i;
const CAMEL_CASE_IDENTIFIER_NAME = /[a-z0-9](Id|ID|Uuid|UUID|Guid|GUID|Key)$/;

export function identifierEvidence(pair: ColumnPair): IdentifierEvidence | undefined {
  const profiled = pair.streams?.profiled;
  if (pair.kind === 'numerical') return numberEvidence(pair.name, pair.reference, pair.current, profiled);
  // A streamed file's sample repeats few values even when the file does: its stream counted every row.
  const shape = (side: 'reference' | 'current') => {
    const counted = pair.streams?.[side]?.categories;
    if (counted) return countedShape(counted);
    return side === 'reference' && profiled ? profiledTextShape(profiled) : textShape(pair[side]);
  };
  return textEvidence(shape('reference'), shape('current'));
}

/** What numberEvidence reads of a side: its values present, whether whole, its order, its distinct share. */
interface NumberShape {
  count: number;
  whole: boolean;
  direction?: 'rise' | 'fall';
  distinctShare: () => number;
}

function numberEvidence(
  name: string,
  reference: NumericalColumn,
  current: NumericalColumn,
  profiled: ProfiledColumn | undefined,
): IdentifierEvidence | undefined {
  // Without an identifier's name only the counter rule can apply: a side neither rising nor
  // falling settles it, and the rest of its values need not be read.
  const named = IDENTIFIER_NAME.test(name.trim()) || CAMEL_CASE_IDENTIFIER_NAME.test(name.trim());
  const read = (column: NumericalColumn): NumberShape => {
    const shape = wholeNumbers(column.values, !named);
    return { ...shape, distinctShare: () => (shape.count ? distinctNumbers(column.values) / shape.count : 1) };
  };
  const sides = [profiled ? profiledNumberShape(profiled) : read(reference), read(current)];
  if (sides[0].count < MIN_VALUES || sides.some((side) => !side.whole)) return undefined;
  const directions = new Set(sides.map((side) => side.direction));
  if (directions.size === 1 && !directions.has(undefined)) {
    return { rule: 'counter', direction: sides[0].direction! };
  }
  if (!named) return undefined;
  const [ref, cur] = sides.map((side) => side.distinctShare());
  return ref >= IDENTIFIER_DISTINCT_SHARE && cur >= IDENTIFIER_DISTINCT_SHARE
    ? { rule: 'named', reference: ref, current: cur }
    : undefined;
}

/**
 * A profile's numbers as numberEvidence reads a column's: the facts the profile kept of every
 * row. Its distinct count is a lower bound beyond the profile's cap, so a column is called an
 * identifier only when it surely is one.
 */
function profiledNumberShape(profiled: ProfiledColumn): NumberShape {
  const { count } = profiled.stream.numbers;
  const direction = profiled.order === 'rising' ? 'rise' : profiled.order === 'falling' ? 'fall' : undefined;
  return {
    count,
    whole: profiled.wholeNumbers,
    ...(count >= 2 && direction && { direction }),
    distinctShare: () => (count ? Math.min(profiled.distinct.low, count) / count : 1),
  };
}

/** A profile's texts beyond its cap on categories, from its distinct count (a lower bound) and mean length. */
function profiledTextShape(profiled: ProfiledColumn): TextShape {
  const count = profiled.stream.rows - profiled.stream.missing;
  return { count, distinct: Math.min(profiled.distinct.low, count), length: (profiled.meanTextLength ?? 0) * count };
}

/**
 * The values present, whether they are all whole numbers, and whether they strictly rise or
 * strictly fall in row order (one value or none does both; undefined: neither). An indexed
 * loop, as every test of every row column is read here: a third of the time of `for…of`
 * with Number.isInteger on millions of rows. With `orderOnly` it stops at the first value
 * that makes the order neither: the direction is then undefined, and the count and `whole`
 * go as far as it read.
 */
function wholeNumbers(
  values: Float64Array,
  orderOnly: boolean,
): { count: number; whole: boolean; direction?: 'rise' | 'fall' } {
  let count = 0;
  let rising = true;
  let falling = true;
  // No comparison with NaN holds: the first value changes neither direction.
  let previous = NaN;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== value) continue;
    // Not whole: a fraction, or an infinity (∞ − ∞ is NaN).
    if (value - Math.trunc(value) !== 0) return { count, whole: false };
    if (value <= previous) rising = false;
    if (value >= previous) falling = false;
    if (orderOnly && !rising && !falling) return { count, whole: true };
    previous = value;
    count++;
  }
  if (count < 2) return { count, whole: true };
  return { count, whole: true, direction: rising ? 'rise' : falling ? 'fall' : undefined };
}

function textEvidence(ref: TextShape, cur: TextShape): IdentifierEvidence | undefined {
  if (ref.count < MIN_VALUES) return undefined;
  const distinct = { reference: ref.distinct / ref.count, current: cur.count ? cur.distinct / cur.count : 1 };
  if (distinct.reference >= IDENTIFIER_DISTINCT_SHARE && distinct.current >= IDENTIFIER_DISTINCT_SHARE)
    return { rule: 'distinct', ...distinct };
  const meanLength = (ref.length + cur.length) / (ref.count + cur.count);
  return distinct.reference >= FREE_TEXT_DISTINCT_SHARE &&
    distinct.current >= FREE_TEXT_DISTINCT_SHARE &&
    meanLength >= FREE_TEXT_MEAN_LENGTH
    ? { rule: 'free-text', ...distinct, meanLength }
    : undefined;
}

/** Values present, distinct values among them, and their total length in characters. */
interface TextShape {
  count: number;
  distinct: number;
  length: number;
}

/** The rows of each category first, then the lengths per category: no string read per row. */
function textShape(column: CategoricalColumn): TextShape {
  const { codes, categories } = column;
  const rows = new Float64Array(categories.length);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code >= 0) rows[code]++;
  }
  let count = 0;
  let distinct = 0;
  let length = 0;
  for (let code = 0; code < rows.length; code++) {
    if (rows[code] === 0) continue;
    count += rows[code];
    distinct++;
    length += rows[code] * categories[code].length;
  }
  return { count, distinct, length };
}

/** textShape of the values a stream counted: category → rows. */
function countedShape(counted: ReadonlyMap<string, number>): TextShape {
  let count = 0;
  let length = 0;
  for (const [category, rows] of counted) {
    count += rows;
    length += category.length * rows;
  }
  return { count, distinct: counted.size, length };
}

/** Why an input feature looks like it names rows, and how to have it tested anyway. */
export function identifierNote(
  pair: ColumnPair,
  evidence: IdentifierEvidence,
  referencePath: string,
  currentPath: string,
): string {
  const inFiles = (e: { reference: number; current: number }) =>
    `${rate(e.reference)} in ${referencePath} and ${rate(e.current)} in ${currentPath}`;
  let why: string;
  if (evidence.rule === 'counter')
    why = `its whole numbers ${evidence.direction} with every row in both files, as a counter's do (a row number, a time)`;
  else if (evidence.rule === 'free-text')
    why = `it holds free text (values distinct: ${inFiles(evidence)}; ${formatCount(Math.round(evidence.meanLength))} characters long on average), whose values recur too rarely for a test of categories`;
  else if (evidence.rule === 'named')
    why = `it is named as an identifier and its whole numbers are distinct: ${inFiles(evidence)}`;
  else why = `its values are distinct, as an identifier's are: ${inFiles(evidence)}`;
  return `'${pair.name}' is not tested for drift: ${why}. Declare it under columns.${pair.kind} to test it anyway.`;
}
