/** The quality numbers of one tested column in both files. */
import { alignCounts } from '../analysis/categoricalDrift';
import { distinctNumbers } from './distinctNumbers';
import type { ColumnQuality, SideQuality } from '../../protocol/report';
import type { ColumnPair } from '../analysis/columnPair';
import type { CategoricalColumn, Column, NumericalColumn } from '../data/column';

/** How many new or vanished categories a column lists; the counts cover them all. */
const LISTED_CATEGORIES = 20;

/**
 * `pair` is the column as tested; `referenceRaw` and `currentRaw` are the same column as each
 * file was read, which tells whether the reference was numerical and the current held text.
 */
export function columnQuality(pair: ColumnPair, referenceRaw: Column, currentRaw: Column): ColumnQuality {
  const typeChange =
    referenceRaw.kind === 'numerical' && currentRaw.nonNumeric > 0
      ? { nonNumeric: currentRaw.nonNumeric, firstLines: currentRaw.nonNumericLines }
      : null;
  const { reference, current, ...rest } =
    pair.kind === 'numerical'
      ? numericalQuality(pair.reference, pair.current)
      : categoricalQuality(pair.reference, pair.current);
  return {
    name: pair.name,
    kind: pair.kind,
    reference,
    current,
    missingRateChange: current.missingRate - reference.missingRate,
    ...rest,
    typeChange,
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

function numericalQuality(referenceColumn: NumericalColumn, currentColumn: NumericalColumn): KindQuality {
  const reference = numericalSide(referenceColumn);
  const current = numericalSide(currentColumn);
  const outOfRange =
    reference.min === null || reference.max === null
      ? null
      : outside(currentColumn.values, reference.min, reference.max);
  return {
    reference,
    current,
    newCategories: [],
    newCategoryCount: 0,
    newCategoryRows: 0,
    missingCategories: [],
    missingCategoryCount: 0,
    missingCategoryRows: 0,
    outOfRange,
  };
}

function numericalSide(column: NumericalColumn): SideQuality {
  const { values } = column;
  let present = 0;
  let zeros = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== value) continue;
    present++;
    if (value === 0) zeros++;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    ...counts(values.length, column.missing, distinctNumbers(values)),
    zeros,
    zeroRate: present > 0 ? zeros / present : null,
    min: present > 0 ? min : null,
    max: present > 0 ? max : null,
  };
}

/** Current values below `min` and above `max`, and their share of the current values present. */
function outside(values: Float64Array, min: number, max: number): NonNullable<ColumnQuality['outOfRange']> {
  let below = 0;
  let above = 0;
  let present = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== value) continue;
    present++;
    if (value < min) below++;
    else if (value > max) above++;
  }
  return { below, above, share: present > 0 ? (below + above) / present : 0 };
}

function categoricalQuality(referenceColumn: CategoricalColumn, currentColumn: CategoricalColumn): KindQuality {
  const aligned = alignCounts(referenceColumn, currentColumn);
  const only = (side: Float64Array, other: Float64Array) =>
    aligned.categories.map((value, i) => ({ value, count: side[i] })).filter((_, i) => side[i] > 0 && other[i] === 0);
  const added = mostFrequentFirst(only(aligned.current, aligned.reference));
  const vanished = mostFrequentFirst(only(aligned.reference, aligned.current));
  return {
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
