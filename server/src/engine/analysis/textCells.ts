/**
 * A column of numbers that a few text cells made categorical (a typo, a unit, a placeholder
 * such as `n.a.`): the cells, named in a note, so that the user can correct them.
 */
import { MAX_NON_NUMERIC_LINES } from '../data/columnBuilder';
import { quoteCell } from '../data/cellText';
import { parseNumber } from '../data/numberParsing';
import { andList, plural } from '../../protocol/text';
import type { Column } from '../data/column';
import type { Table } from '../data/table';
import type { ColumnPair } from './columnPair';

/** A text cell of a column that otherwise holds numbers: where it is and what it says. */
interface TextCell {
  file: string;
  line: number;
  text: string;
}

/**
 * The text cells that made a column of numbers categorical, when there are at most
 * MAX_NON_NUMERIC_LINES of them over both files (so that each can be named); none otherwise.
 */
export function textCellsAmongNumbers(pair: ColumnPair, tables: Table[], raw: Column[]): TextCell[] {
  if (pair.kind !== 'categorical') return [];
  const texts = raw.reduce((sum, column) => sum + column.nonNumeric, 0);
  if (texts === 0 || texts > MAX_NON_NUMERIC_LINES || !raw.some(holdsNumbers)) return [];
  return raw.flatMap((column, side) => {
    if (column.kind !== 'categorical') return [];
    // The column counted its text cells in row order, and kept the line of each (see ColumnBuilder).
    const isText = column.categories.map((category) => Number.isNaN(parseNumber(category)));
    const cells: TextCell[] = [];
    for (const code of column.codes) {
      if (code < 0 || !isText[code]) continue;
      cells.push({
        file: tables[side].path,
        line: column.nonNumericLines[cells.length],
        text: column.categories[code],
      });
    }
    return cells;
  });
}

function holdsNumbers(column: Column): boolean {
  if (column.kind === 'numerical') return column.values.some((value) => value === value);
  return column.codes.length - column.missing > column.nonNumeric;
}

export function textCellsNote(name: string, cells: TextCell[]): string {
  const where = cells.map((cell, i) =>
    i > 0 && cell.file === cells[i - 1].file
      ? `line ${cell.line} holds ${quoteCell(cell.text)}`
      : `${cell.file} line ${cell.line} holds ${quoteCell(cell.text)}`,
  );
  const those = cells.length === 1 ? 'that cell' : 'those cells';
  return `'${name}' is tested as categories because of ${plural(cells.length, 'text cell')} among its numbers: ${andList(where)}. Correct or empty ${those} to test '${name}' as numbers.`;
}
