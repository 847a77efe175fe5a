/**
 * A saved reference profile as the analysis reads it: what a profile file (profileFile.ts)
 * holds, decoded. A profile stands where a reference file can (`reference: x.profile.json`):
 * its table has no rows of its own, only a stream per column (data/columnStream.ts), and the
 * drift tests, data quality and model performance read these instead of values.
 */
import type { ColumnKind } from '../data/column';
import type { ColumnStream } from '../data/columnStream';
import type { DuplicateRows, ModelMetrics } from '../../protocol/report';

export interface ReferenceProfile {
  /** The drift-monitor version that wrote the file. */
  createdBy: string;
  /** The data files it summarises (names without their folders), with their rows and SHA-256: several when profiles were merged. */
  sources: { path: string; rows: number; sha256: string }[];
  rows: number;
  /** Per column, in the source's order. */
  columns: Map<string, ProfiledColumn>;
  /** The source's duplicate rows; null when unknown (merged parts: rows repeated across parts are not seen). */
  duplicateRows: DuplicateRows | null;
  /** Per model of the config the profile was made with; empty when made from a data file alone. */
  models: ProfiledModel[];
}

export interface ProfiledColumn {
  /** The kind the reader gave the column in the source (declared, or from its cells). */
  kind: ColumnKind;
  /**
   * Every row, as streaming keeps it: counts, exact moments and extremes, the sketch of the
   * numbers (without error while the column has few distinct numbers), and category counts
   * (undefined beyond the profile's cap on distinct categories: see `heavyHitters`).
   */
  stream: ColumnStream;
  /** Numbers equal to 0 (data quality's zero rate). */
  zeros: number;
  /** Distinct non-missing values, numbers by value: exact, or bounds on it beyond the cap. */
  distinct: { low: number; high: number };
  /** Every number a whole number (identifier rules). */
  wholeNumbers: boolean;
  /** The numbers strictly rising or strictly falling from row to row, over every row, else null (the counter rule). */
  order: 'rising' | 'falling' | null;
  /** Mean length in characters of the cells that are not numbers; null without any (the free-text rule). */
  meanTextLength: number | null;
  /**
   * Beyond the cap on distinct texts: the most frequent ones, each true count in
   * [count, count + `error`] (a text not listed: in [0, error]).
   */
  heavyHitters?: { counts: Map<string, number>; error: number };
}

export interface ProfiledModel {
  name: string;
  prediction: string;
  probability?: string;
  target: string;
  /** The reference metrics, as the report gives them. */
  metrics: ModelMetrics;
  /** Classification: rows per (target label, predicted label), labels sorted as the metrics' are. */
  joint?: { labels: string[]; counts: number[][] };
  /** With a probability column: rows and positives per bin of predicted probability. */
  calibration?: { edges: number[]; rows: number[]; positives: number[] };
  /** Regression: every row's absolute error, as a stream of numbers keeps it. */
  absoluteErrors?: ColumnStream['numbers'];
}
