/**
 * The Report: what an analysis produces, what the CLI writes as JSON, what the
 * language server sends to the client and what the report page renders.
 * The one file that client, server and webview all import; keep it free of
 * runtime dependencies. `schemas/report.schema.json` documents the same shape
 * and a test holds the two together.
 */

export type DriftMethod =
  | 'ks'
  | 'psi'
  | 'wasserstein'
  | 'chisquare'
  | 'jensenshannon'
  | 'kl'
  | 'hellinger'
  | 'ztest'
  | 'mannwhitney'
  | 'cramervonmises'
  | 'andersondarling'
  | 'energy';

export type ColumnRole = 'feature' | 'target' | 'prediction' | 'probability';
export type Severity = 'none' | 'low' | 'moderate' | 'high';

export interface FileSummary {
  /** As written in the config (relative to it) or on the command line. */
  path: string;
  rows: number;
  columns: number;
}

/** Every applicable test, whatever decided; absent where a test does not apply to the column's kind. */
export interface DriftTests {
  ks?: { statistic: number; pValue: number; method: 'exact' | 'asymptotic' };
  mannwhitney?: { statistic: number; pValue: number };
  cramervonmises?: { statistic: number; pValue: number };
  /** pValueCapped: scipy's significance level is clipped to [0.001, 0.25]; the true p-value lies beyond. */
  andersondarling?: { statistic: number; pValue: number; pValueCapped: boolean };
  /** normed = value / max(reference std, 0.001), Evidently's normalisation. */
  wasserstein?: { value: number; normed: number };
  energy?: { value: number; normed: number };
  psi?: { value: number };
  jensenshannon?: { value: number };
  kl?: { value: number };
  hellinger?: { value: number };
  chisquare?: { statistic: number; pValue: number; dof: number };
  ztest?: { statistic: number; pValue: number };
}

/** Summary statistics of the non-missing values. `null` where undefined (std of one value). */
export interface NumericalSummary {
  count: number;
  missing: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  quantiles: { p05: number | null; p25: number | null; p50: number | null; p75: number | null; p95: number | null };
}

export interface CategoricalSummary {
  count: number;
  missing: number;
  unique: number;
  /** The most frequent categories, most frequent first (at most 20). */
  categories: { value: string; count: number }[];
}

/** Reference and current on the same bins, as proportions of the non-missing values. */
export type Histogram =
  | { kind: 'numerical'; edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categorical'; categories: string[]; reference: number[]; current: number[] };

export interface FeatureDrift {
  name: string;
  kind: 'numerical' | 'categorical';
  role: ColumnRole;
  /** The deciding method and why it was chosen (the auto rule, or the config). */
  method: DriftMethod;
  methodReason: string;
  threshold: number;
  /** The deciding method's p-value or distance; null when a side has no values to test. */
  statistic: number | null;
  drifted: boolean;
  /** 0 = no evidence, 0.5 = exactly at the threshold, → 1 = far past it. */
  score: number;
  severity: Severity;
  tests: DriftTests;
  reference: NumericalSummary | CategoricalSummary;
  current: NumericalSummary | CategoricalSummary;
  histogram: Histogram;
}

export interface DatasetDrift {
  /** Input features tested (target, prediction and probability are not counted). */
  features: number;
  driftedFeatures: number;
  share: number;
  /** drift.share from the config. */
  threshold: number;
  drifted: boolean;
}

export interface Report {
  version: 1;
  generatedAt: string;
  config: string;
  reference: FileSummary;
  current: FileSummary;
  features: FeatureDrift[];
  dataset: DatasetDrift;
  /** Things the user should know about how the numbers were made (type decisions, sample sizes). */
  notes: string[];
}
