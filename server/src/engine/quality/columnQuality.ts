/** The quality numbers of one tested column in both files. */
import { alignCounts } from '../analysis/categoricalDrift';
import { distinctNumbers } from './distinctNumbers';
import type { ColumnQuality, SideQuality } from '../../protocol/report';
import type { ColumnPair } from '../analysis/columnPair';
import type { CategoricalColumn, Column, NumericalColumn } from '../data/column';

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
  const kindQuality =
    pair.kind === 'numerical'
      ? numericalQuality(pair.reference, pair.current)
      : categoricalQuality(pair.reference, pair.current);
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

function numericalQuality(referenceColumn: NumericalColumn, currentColumn: NumericalColumn): () => KindQuality {
  const reference = numericalSide(referenceColumn.values, Infinity, -Infinity);
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
    reference: withDistinct(reference, referenceColumn),
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

function categoricalQuality(referenceColumn: CategoricalColumn, currentColumn: CategoricalColumn): () => KindQuality {
  const aligned = alignCounts(referenceColumn, currentColumn);
  const only = (side: Float64Array, other: Float64Array) =>
    aligned.categories.map((value, i) => ({ value, count: side[i] })).filter((_, i) => side[i] > 0 && other[i] === 0);
  const added = mostFrequentFirst(only(aligned.current, aligned.reference));
  const vanished = mostFrequentFirst(only(aligned.reference, aligned.current));
  const quality: KindQuality = {
    reference: categoricalSide(referenceColumn, aligned.reference),
    current: categoricalSide(currentColumn, aligned.current),
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

function categoricalSide(column: CategoricalColumn, categoryCounts: Float64Array): SideQuality {
  const distinct = categoryCounts.filter((count) => count > 0).length;
  return {
    ...counts(column.codes.length, column.missing, distinct),
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
