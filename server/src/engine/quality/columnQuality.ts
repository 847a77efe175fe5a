/** The quality numbers of one tested column in both files. */
import { alignCounts } from '../analysis/categoricalDrift';
import { distinctNumbers } from './distinctNumbers';
import type { ColumnQuality, SideQuality } from '../../protocol/report';
import type { ColumnPair } from '../analysis/columnPair';
import type { CategoricalColumn, Column, NumericalColumn } from '../data/column';
import type { ProfiledColumn } from '../profile/referenceProfile';
import { categoryCounts } from '../stats/categories';

/** How many new or vanished categories a column lists; the counts cover them all. */
const LISTED_CATEGORIES = 20;

/**
 * The quality numbers of a column, in two steps: this reads the rows, and may run while the
 * drift tests do (see analysis/analyze.ts); the function it returns adds the distinct numbers
 * of a numerical column, which the tests count as they sort it (see distinctNumbers), so
 * that asking before they are done would count them twice.
 *
 * `pair` is the column as tested; `referenceRaw` and `currentRaw` are the same column as each
 * file was read, which tells whether the reference was numerical and the current held text.
 */
export function scanColumnQuality(pair: ColumnPair, referenceRaw: Column, currentRaw: Column): () => ColumnQuality {
  const typeChange =
    referenceRaw.kind === 'numerical' && currentRaw.nonNumeric > 0
      ? { nonNumeric: currentRaw.nonNumeric, firstLines: currentRaw.nonNumericLines }
      : null;
  const profiled = pair.streams?.profiled;
  const kindQuality =
    pair.kind === 'numerical'
      ? numericalQuality(profiled ? profiledNumbers(profiled) : scannedNumbers(pair.reference), pair.current)
      : categoricalQuality(profiled ? profiledCategories(profiled) : counted(pair.reference), pair.current);
  return () => {
    const { reference, current, ...rest } = kindQuality();
    return {
      name: pair.name,
      kind: pair.kind,
      reference,
      current,
      missingRateChange: current.missingRate - reference.missingRate,
      ...rest,
      typeChange,
    };
  };
}

type KindQuality = Pick<
  ColumnQuality,
  | 'reference'
  | 'current'
  | 'newCategories'
  | 'newCategoryCount'
  | 'newCategoryRows'
  | 'missingCategories'
  | 'missingCategoryCount'
  | 'missingCategoryRows'
  | 'outOfRange'
>;

/** What the quality numbers read of a reference's numbers: its scan, and its counts with its distinct numbers, when asked. */
interface ReferenceNumbers {
  scanned: ScannedSide;
  side: () => SideQuality;
}

function scannedNumbers(column: NumericalColumn): ReferenceNumbers {
  const scanned = numericalSide(column.values, Infinity, -Infinity);
  return { scanned, side: () => withDistinct(scanned, column) };
}

/**
 * A reference profile's numbers: its counts, zeros and extremes are exact; its distinct count
 * too up to the profile's cap, and beyond it the lower end of its bound (the docs say so).
 */
function profiledNumbers(profiled: ProfiledColumn): ReferenceNumbers {
  const { stream, zeros, distinct } = profiled;
  const present = stream.numbers.count;
  const scanned: ScannedSide = {
    present,
    zeros,
    min: present > 0 ? stream.numbers.min : null,
    max: present > 0 ? stream.numbers.max : null,
    below: 0,
    above: 0,
  };
  const side = (): SideQuality => ({
    ...counts(stream.rows, stream.missing, distinct.low),
    zeros,
    zeroRate: present > 0 ? zeros / present : null,
    min: scanned.min,
    max: scanned.max,
  });
  return { scanned, side };
}

function numericalQuality(referenceNumbers: ReferenceNumbers, currentColumn: NumericalColumn): () => KindQuality {
  const reference = referenceNumbers.scanned;
  // One pass over the current values, counting those outside the reference's range as it goes.
  const current = numericalSide(currentColumn.values, reference.min ?? Infinity, reference.max ?? -Infinity);
  const outOfRange =
    reference.min === null || reference.max === null
      ? null
      : {
          below: current.below,
          above: current.above,
          share: current.present > 0 ? (current.below + current.above) / current.present : 0,
        };
  return () => ({
    reference: referenceNumbers.side(),
    current: withDistinct(current, currentColumn),
    newCategories: [],
    newCategoryCount: 0,
    newCategoryRows: 0,
    missingCategories: [],
    missingCategoryCount: 0,
    missingCategoryRows: 0,
    outOfRange,
  });
}

/** What a numerical side's rows tell besides its counts, and how many of its values fall outside a range. */
interface ScannedSide {
  present: number;
  zeros: number;
  min: number | null;
  max: number | null;
  below: number;
  above: number;
}

function withDistinct({ present, zeros, min, max }: ScannedSide, column: NumericalColumn): SideQuality {
  return {
    ...counts(column.values.length, column.missing, distinctNumbers(column.values)),
    zeros,
    zeroRate: present > 0 ? zeros / present : null,
    min,
    max,
  };
}

/** Values present, zeros, the range, and the values below `low` and above `high`. */
function numericalSide(values: Float64Array, low: number, high: number): ScannedSide {
  let present = 0;
  let zeros = 0;
  let min = Infinity;
  let max = -Infinity;
  let below = 0;
  let above = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== value) continue;
    present++;
    if (value === 0) zeros++;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value < low) below++;
    else if (value > high) above++;
  }
  return {
    present,
    zeros,
    min: present > 0 ? min : null,
    max: present > 0 ? max : null,
    below,
    above,
  };
}

/** A reference's categories with their rows, and its rows and missing cells. */
interface ReferenceCategories {
  column: CategoricalColumn;
  counts: Float64Array;
  rows: number;
  missing: number;
}

function counted(column: CategoricalColumn): ReferenceCategories {
  const counts = categoryCounts(column.codes, column.categories.length);
  return { column, counts, rows: column.codes.length, missing: column.missing };
}

/**
 * A reference profile's categories, counted exactly up to its cap. Beyond it only its most
 * frequent ones are known: a current category outside them may still be in the reference, so
 * none is called new, and a vanished one is looked for among those only.
 */
function profiledCategories(profiled: ProfiledColumn): ReferenceCategories {
  const { stream } = profiled;
  const known = stream.categories ?? profiled.heavyHitters?.counts ?? new Map<string, number>();
  const column: CategoricalColumn = {
    kind: 'categorical',
    name: '',
    codes: new Int32Array(0),
    categories: [...known.keys()],
    missing: stream.missing,
    nonNumeric: stream.nonNumeric,
    nonNumericLines: [],
  };
  return {
    column,
    counts: Float64Array.from(known.values()),
    rows: stream.rows,
    missing: stream.missing,
    ...(stream.categories === undefined && { partial: true, distinct: profiled.distinct.low }),
  };
}

function categoricalQuality(
  reference: ReferenceCategories & { partial?: true; distinct?: number },
  currentColumn: CategoricalColumn,
): () => KindQuality {
  const referenceColumn = reference.column;
  const aligned = alignCounts(referenceColumn, currentColumn, reference.counts);
  const only = (side: Float64Array, other: Float64Array) =>
    aligned.categories.map((value, i) => ({ value, count: side[i] })).filter((_, i) => side[i] > 0 && other[i] === 0);
  const added = reference.partial ? [] : mostFrequentFirst(only(aligned.current, aligned.reference));
  const vanished = mostFrequentFirst(only(aligned.reference, aligned.current));
  const quality: KindQuality = {
    reference: categoricalSide(reference.rows, reference.missing, aligned.reference, reference.distinct),
    current: categoricalSide(currentColumn.codes.length, currentColumn.missing, aligned.current),
    newCategories: added.slice(0, LISTED_CATEGORIES),
    newCategoryCount: added.length,
    newCategoryRows: total(added),
    missingCategories: vanished.slice(0, LISTED_CATEGORIES),
    missingCategoryCount: vanished.length,
    missingCategoryRows: total(vanished),
    outOfRange: null,
  };
  return () => quality;
}

function categoricalSide(
  rows: number,
  missing: number,
  categoryCounts: Float64Array,
  distinct = categoryCounts.filter((count) => count > 0).length,
): SideQuality {
  return {
    ...counts(rows, missing, distinct),
    zeros: null,
    zeroRate: null,
    min: null,
    max: null,
  };
}

function counts(
  rows: number,
  missing: number,
  distinct: number,
): Pick<SideQuality, 'rows' | 'missing' | 'missingRate' | 'distinct' | 'constant'> {
  return { rows, missing, missingRate: missing / rows, distinct, constant: distinct === 1 };
}

type Category = { value: string; count: number };

function mostFrequentFirst(categories: Category[]): Category[] {
  return categories.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function total(categories: Category[]): number {
  return categories.reduce((sum, c) => sum + c.count, 0);
}
