/**
 * Data quality of the current file against the reference: per tested column, the numbers
 * (missing values, zeros, range, categories, type) and what went wrong; duplicate rows per file.
 */
import type { Table } from '../data/table';
import { scanColumnQuality } from './columnQuality';
import { duplicateRows } from './duplicateRows';
import { columnFindings, duplicateRowsFinding } from './qualityFindings';
import type { ColumnQuality, DataQuality } from '../../protocol/report';
import type { ColumnPair } from '../analysis/columnPair';

/**
 * One column read for its quality (scanColumnQuality): the first step of dataQuality, which
 * the analysis takes column by column while the drift tests run.
 */
export function scanQuality(pair: ColumnPair, reference: Table, current: Table): () => ColumnQuality {
  return scanColumnQuality(pair, reference.columns.get(pair.name)!, current.columns.get(pair.name)!);
}

/**
 * `pairs` are the tested columns as reconciled; the tables give each file's raw columns and all
 * its columns for duplicates. Rates divide by the rows of a file, which a read Table always has.
 * `scanned`: the scans of `pairs`, in their order, when taken already.
 */
export function dataQuality(
  reference: Table,
  current: Table,
  pairs: ColumnPair[],
  scanned = pairs.map((pair) => scanQuality(pair, reference, current)),
): DataQuality {
  const columns = scanned.map((finish) => finish());
  const duplicates = {
    // A merged profile does not know the rows repeated across its parts: null.
    reference: reference.profile
      ? reference.profile.duplicateRows
      : (reference.duplicateRows ?? duplicateRows(reference)),
    current: current.duplicateRows ?? duplicateRows(current),
  };
  const duplicateFinding = duplicateRowsFinding(duplicates);
  const findings = [...columns.flatMap(columnFindings), ...(duplicateFinding ? [duplicateFinding] : [])];
  return { columns, duplicateRows: duplicates, findings };
}
