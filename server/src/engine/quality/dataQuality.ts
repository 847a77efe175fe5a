/**
 * Data quality of the current file against the reference: per tested column, the numbers
 * (missing values, zeros, range, categories, type) and what went wrong; duplicate rows per file.
 */
import type { Table } from '../data/table';
import { columnQuality } from './columnQuality';
import { duplicateRows } from './duplicateRows';
import { columnFindings, duplicateRowsFinding } from './qualityFindings';
import type { DataQuality } from '../../protocol/report';
import type { ColumnPair } from '../analysis/columnPair';

/**
 * `pairs` are the tested columns as reconciled; the tables give each file's raw columns and all
 * its columns for duplicates. Rates divide by the rows of a file, which a read Table always has.
 */
export function dataQuality(reference: Table, current: Table, pairs: ColumnPair[]): DataQuality {
  const columns = pairs.map((pair) =>
    columnQuality(pair, reference.columns.get(pair.name)!, current.columns.get(pair.name)!),
  );
  const duplicates = {
    reference: reference.duplicateRows ?? duplicateRows(reference),
    current: current.duplicateRows ?? duplicateRows(current),
  };
  const duplicateFinding = duplicateRowsFinding(duplicates);
  const findings = [...columns.flatMap(columnFindings), ...(duplicateFinding ? [duplicateFinding] : [])];
  return { columns, duplicateRows: duplicates, findings };
}
