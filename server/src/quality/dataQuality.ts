/**
 * Data quality of the current file against the reference: per tested column, the numbers
 * (missing values, zeros, range, categories, type) and what went wrong; duplicate rows per file.
 */
import type { ColumnPair } from '../analysis/featureDrift';
import type { Table } from '../data/table';
import { columnQuality } from './columnQuality';
import { duplicateRows, type DuplicateRows } from './duplicateRows';
import { columnFindings, duplicateRowsFinding } from './qualityFindings';

export type QualityFindingKind = 'missing-rate' | 'new-categories' | 'missing-categories' | 'out-of-range' | 'zero-inflation' | 'constant-column' | 'type-change' | 'duplicate-rows';

export interface QualityFinding {
  kind: QualityFindingKind;
  /** null for duplicate rows, which concern whole rows. */
  column: string | null;
  severity: 'low' | 'moderate' | 'high';
  /** One line for a person, naming the column and giving both numbers. */
  message: string;
  /** The numbers behind it; rates and shares are fractions (0.125, not 12.5). */
  values: Record<string, number>;
}

/**
 * One file's side of a column. `missing` counts empty cells only: non-numeric text in a
 * numerical column is the type change, not a missing value.
 */
export interface SideQuality {
  rows: number;
  missing: number;
  missingRate: number;
  /** Numerical (null for categorical): zeros among the values present; zeroRate is their share of those values, null when there are none. */
  zeros: number | null;
  zeroRate: number | null;
  /** Numerical: the smallest and largest value (null when none). */
  min: number | null;
  max: number | null;
  /** Distinct values present (categories seen, for a categorical column). */
  distinct: number;
  /** Exactly one distinct value; a column with no values at all is not constant. */
  constant: boolean;
}

export interface ColumnQuality {
  name: string;
  kind: 'numerical' | 'categorical';
  reference: SideQuality;
  current: SideQuality;
  /** current − reference missing rate. */
  missingRateChange: number;
  /** Categories in current never seen in reference, most frequent first (at most 20 listed). */
  newCategories: { value: string; count: number }[];
  /** All new categories, listed or not, and the current rows they hold. */
  newCategoryCount: number;
  newCategoryRows: number;
  /** Categories in reference (with their count there) absent from current, most frequent first (at most 20 listed). */
  missingCategories: { value: string; count: number }[];
  /** All vanished categories, listed or not, and the reference rows they held. */
  missingCategoryCount: number;
  missingCategoryRows: number;
  /** Numerical: current values outside [reference min, reference max]; share is of the current values present. */
  outOfRange: { below: number; above: number; share: number } | null;
  /** Numerical in reference, text in current: how many cells and the file lines of the first few. */
  typeChange: { nonNumeric: number; firstLines: number[] } | null;
}

export interface DataQuality {
  columns: ColumnQuality[];
  duplicateRows: { reference: DuplicateRows; current: DuplicateRows };
  findings: QualityFinding[];
}

/**
 * `pairs` are the tested columns as reconciled; the tables give each file's raw columns and all
 * its columns for duplicates. Rates divide by the rows of a file, which a read Table always has.
 */
export function dataQuality(reference: Table, current: Table, pairs: ColumnPair[]): DataQuality {
  const columns = pairs.map((pair) => columnQuality(pair, reference.columns.get(pair.name)!, current.columns.get(pair.name)!));
  const duplicates = { reference: duplicateRows(reference), current: duplicateRows(current) };
  const duplicateFinding = duplicateRowsFinding(duplicates);
  const findings = [...columns.flatMap(columnFindings), ...(duplicateFinding ? [duplicateFinding] : [])];
  return { columns, duplicateRows: duplicates, findings };
}
