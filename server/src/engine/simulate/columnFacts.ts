/**
 * What the simulator must know about the input before changing it: its data rows, its header,
 * and for each column whether it is numeric, its range and its categories. Read by the
 * project's reader (data/readTable.ts), so the file is checked as the analysis will check it
 * and the kinds and categories are the ones the analysis will see; streamed, so that the
 * memory does not grow with the rows.
 */
import { readTable } from '../data/readTable';
import { parseNumber } from '../data/numberParsing';
import type { ColumnStream } from '../data/columnStream';
import type { Column } from '../data/column';

export interface ColumnFacts {
  /** Every non-missing cell is a number, and there is at least one. */
  numeric: boolean;
  /** Non-missing cells that are not numbers. */
  textCells: number;
  /** One of them, when known, to say why a column is not numeric. */
  text?: string;
  /** The smallest and largest number (NaN without numbers). */
  min: number;
  max: number;
  /**
   * The distinct non-missing values, labelled as the reader labels categories (a text as
   * written, a number by its first spelling); undefined when the column holds more distinct
   * numbers than the reader counts.
   */
  categories: string[] | undefined;
}

export interface FileFacts {
  /** Data rows: the header and blank lines not counted. */
  rows: number;
  header: string[];
  columns: Map<string, ColumnFacts>;
}

/**
 * The facts of the CSV at `path` (gzip-compressed with `gzip`, as format `csv.gz` reads it).
 * The reader keeps a sample of one row and streams every row through per-column counters; a
 * file of one data row has no streams but is whole.
 */
export async function readFacts(
  path: string,
  displayPath: string,
  signal?: AbortSignal,
  gzip = false,
): Promise<FileFacts> {
  const table = await readTable(path, {
    displayPath,
    gzip,
    kinds: new Map(),
    requiredColumns: [],
    sample: { maxRows: 1, seed: 1 },
    stream: true,
    signal,
  });
  const columns = new Map<string, ColumnFacts>();
  for (const name of table.header) {
    const stream = table.streams?.get(name);
    columns.set(name, stream ? streamFacts(stream) : wholeColumnFacts(table.columns.get(name)!));
  }
  return { rows: table.sampledFrom ?? table.rows, header: table.header, columns };
}

function streamFacts(stream: ColumnStream): ColumnFacts {
  const categories = stream.categories && [...stream.categories.keys()];
  return {
    numeric: stream.nonNumeric === 0 && stream.numbers.count > 0,
    textCells: stream.nonNumeric,
    text: categories?.find(isText),
    min: stream.numbers.min,
    max: stream.numbers.max,
    categories,
  };
}

function wholeColumnFacts(column: Column): ColumnFacts {
  if (column.kind === 'categorical') {
    return {
      numeric: false,
      textCells: column.nonNumeric,
      text: column.categories.find(isText),
      min: NaN,
      max: NaN,
      categories: column.categories,
    };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const value of column.values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const numbers = column.values.length - column.missing - column.nonNumeric;
  return {
    numeric: column.nonNumeric === 0 && numbers > 0,
    textCells: column.nonNumeric,
    min: numbers > 0 ? min : NaN,
    max: numbers > 0 ? max : NaN,
    categories: column.labels?.complete ? [...column.labels.texts.values()] : undefined,
  };
}

function isText(category: string): boolean {
  return Number.isNaN(parseNumber(category));
}
