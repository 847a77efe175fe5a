/**
 * The in-memory shape of a CSV after ingestion: one typed array per column,
 * never an array of row objects.
 */
import type { ColumnStream } from './columnStream';

export type ColumnKind = 'numerical' | 'categorical';

/** A numeric column. Missing values are NaN and are counted in `missing`. */
export interface NumericalColumn {
  kind: 'numerical';
  name: string;
  values: Float64Array;
  missing: number;
  /** Non-missing cells whose text is not a number: stored as NaN, counted here and not in `missing`. */
  nonNumeric: number;
  /** 1-based file line numbers of the first few non-numeric cells, for messages. */
  nonNumericLines: number[];
  /**
   * The raw text of each distinct value as first written in the file, for up to 64 distinct
   * values (see data/numberLabels.ts). Keeps labels faithful ('1.50', not '1.5') if the column
   * is turned categorical, and gives the distinct-value count. Absent when nobody tracked it.
   */
  labels?: NumberLabels;
}

/** First raw text per distinct value of a numerical column. */
export interface NumberLabels {
  texts: Map<number, string>;
  /** True when `texts` holds every distinct value of the column; false once it overflowed. */
  complete: boolean;
}

/**
 * A categorical column, dictionary-encoded: `codes[row]` indexes `categories`; -1 is missing
 * (after `numericalToCategorical`, also a non-numeric cell whose text was not kept).
 */
export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  codes: Int32Array;
  categories: string[];
  missing: number;
  /** Non-missing cells whose text is not a number (all of them when the column is text). */
  nonNumeric: number;
  /** 1-based file line numbers of the first few non-numeric cells. */
  nonNumericLines: number[];
}

export type Column = NumericalColumn | CategoricalColumn;

export interface Table {
  /** The path as the user wrote it or as given on the command line, for messages. */
  path: string;
  /** Rows in the columns: all the file's data rows, or a sample of them. */
  rows: number;
  /** The file's data rows, when `rows` holds a sample of them. */
  sampledFrom?: number;
  header: string[];
  columns: Map<string, Column>;
  /** Streaming: every row of each column, when `columns` hold a sample (see columnStream.ts). */
  streams?: Map<string, ColumnStream>;
}
