/** One column of a table: typed values, missing and non-numeric counts. Columns are typed arrays, never row objects. */
import type { NumberLabels } from './numberLabels';

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
