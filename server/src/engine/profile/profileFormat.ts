/**
 * A reference profile file as written: plain JSON, documented by schemas/profile.schema.json
 * (docs/profiles.md says what each part means and what it reveals). Everything in it merges:
 * counts add, moments combine (Chan et al.), exact counts add until they pass their cap, and
 * beyond it each sketch keeps the state that merges (kll.ts, heavyHitters.ts, hyperLogLog.ts).
 * A number that does not exist (the mean of no numbers) is null.
 */
import { PRECISION } from '../stats/hyperLogLog';

/** The file format's version; a reader refuses a newer one (see profileFile.ts). */
export const PROFILE_VERSION = 1;

export interface ProfileFile {
  profileVersion: typeof PROFILE_VERSION;
  /** `drift-monitor <version>` of the program that wrote the file. */
  createdBy: string;
  /** The data files summarised, in the order their rows were concatenated. */
  sources: ProfileSource[];
  sketches: SketchParameters;
  rows: number;
  /** Rows equal to an earlier row in every column; null after a merge (rows repeated across parts are not seen). */
  duplicateRows: number | null;
  columns: ProfileColumn[];
  models: ProfileModel[];
}

export interface ProfileSource {
  /** The file's name as given, without its folder. */
  file: string;
  rows: number;
  sha256: string;
}

/** The caps and sketch sizes the profile was made with; merged profiles must share them. */
export interface SketchParameters {
  /** Distinct numbers of a column counted exactly; beyond this, a KLL sketch. */
  exactNumbers: number;
  /** Distinct texts of a column counted exactly; beyond this, this many heavy hitters. */
  exactTexts: number;
  /** The KLL sketch's k (kll.ts). */
  kllK: number;
  /** Index bits of the HyperLogLog sketch (hyperLogLog.ts). */
  hyperLogLogPrecision: number;
}

export interface ProfileColumn {
  name: string;
  kind: 'numerical' | 'categorical';
  /** The kind came from the config (a declared categorical column reads every cell as text). */
  declared: boolean;
  rows: number;
  missing: number;
  /** Non-missing cells that are not numbers. */
  nonNumeric: number;
  numbers: ProfileNumbers;
  texts: ProfileTexts;
  distinct: ProfileDistinct;
}

/** The column's numbers (cells that parse as numbers), in row order where order matters. */
export interface ProfileNumbers {
  count: number;
  mean: number | null;
  /** Σ (x − mean)². */
  m2: number;
  min: number | null;
  max: number | null;
  zeros: number;
  /** Every number whole (true for none). */
  wholeNumbers: boolean;
  first: number | null;
  last: number | null;
  /** Each number above (below) the one before it, over every row (true for fewer than two). */
  rising: boolean;
  falling: boolean;
  /** Exact [value, rows], by value, while there are at most `exactNumbers` distinct values. */
  counts?: [number, number][];
  /** [value, first spelling] where the spelling is not the number's shortest form ('1.50'). */
  labels?: [number, string][];
  /** Beyond the cap: the KLL sketch's state. */
  sketch?: { levels: number[][]; squaredSteps: number };
}

/** The cells that are not numbers (a declared categorical column: every cell). */
export interface ProfileTexts {
  /** Their total length in UTF-16 code units, as JavaScript's `length` counts. */
  length: number;
  /** Exact [text, rows], most frequent first, while there are at most `exactTexts` distinct texts. */
  counts?: [string, number][];
  /** Beyond the cap: every text's rows lie in [counted, counted + error] (a text not listed: counted 0). */
  heavyHitters?: { counts: [string, number][]; error: number };
}

export interface ProfileDistinct {
  /** Distinct non-missing values (numbers by value): between low and high, equal when exact. */
  low: number;
  high: number;
  /** HyperLogLog registers (base64), beyond the caps, for text and whole-number columns: what a merge needs. */
  hyperLogLog?: string;
}

export interface ProfileModel {
  name: string;
  prediction: string;
  probability: string | null;
  target: string;
  task: 'classification' | 'regression';
  /** The reference metrics as the report gives them (protocol/report.ts ModelMetrics). */
  metrics: Record<string, unknown>;
  /** Classification: rows per [target label][predicted label], over `labels`. */
  joint?: { labels: string[]; counts: number[][] };
  /** With a probability: rows and rows of the positive label per bin [edges[i], edges[i + 1]). */
  calibration?: { edges: number[]; rows: number[]; positives: number[] };
  /** Regression: |target − prediction| of every row with both. */
  absoluteErrors?: ProfileNumbers;
}

/** The profile's sketch parameters unless told otherwise (docs/profiles.md gives the measurements behind them). */
export const DEFAULT_SKETCHES: SketchParameters = {
  exactNumbers: 1000,
  exactTexts: 1000,
  // Measured (docs/profiles.md): k = 400 keeps a profile of 100,000 rows × 1,000 columns near
  // 4 MB and states a cdf error under 1% at a million rows, which decides every column of the
  // flights pair; k = 200 left its distance undecided, k = 512 adds a fifth to the size.
  kllK: 400,
  hyperLogLogPrecision: PRECISION,
};
