/**
 * The Report: what an analysis produces, what the CLI writes as JSON, what the language
 * server sends to the client and what the report page renders. Part of the contract that
 * client, server and webview share: it imports nothing outside the contract, and holds types
 * only; the drift methods and their results come from the method table (methods.ts).
 * `schemas/report.schema.json` documents the same shape and a test holds the two together.
 */

export type { DriftMethod, DriftTests } from './methods';
export type { MetricName } from './metrics';
import type { DriftMethod, DriftTests, SketchBound } from './methods';
import type { MetricName } from './metrics';

export type ColumnRole = 'feature' | 'target' | 'prediction' | 'probability';
export type Severity = 'none' | 'low' | 'moderate' | 'high';

export interface FileSummary {
  /** As written in the config (relative to it) or on the command line. */
  path: string;
  /** The rows analyzed: all the file's data rows, or a uniform random sample of them. */
  rows: number;
  /** The file's data rows, present only when `rows` is a sample of them (a row limit was set). */
  sampledFrom?: number;
  /**
   * Streaming: the drift tests read every one of the `sampledFrom` rows (exact counts, KLL
   * sketches of the numbers); `rows` is the sample that data quality, performance and time
   * windows read.
   */
  streamed?: boolean;
  columns: number;
  /**
   * The file is a saved reference profile (`drift-monitor profile`): `rows` are the rows it
   * summarises, made by `createdBy` from `sources` (several when profiles were merged).
   */
  profile?: { createdBy: string; sources: { path: string; rows: number; sha256: string }[] };
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
  /**
   * Present when the quantiles come from a quantile sketch (streaming, a reference profile):
   * for each, the interval that holds the exact value (numpy's 'linear' quantile), with the
   * sketch's confidence.
   */
  quantileBounds?: { p05: SketchBound; p25: SketchBound; p50: SketchBound; p75: SketchBound; p95: SketchBound };
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
  /** For prediction and probability columns: the model (from `models`, or `model` for `columns.prediction`). */
  model?: string;
  /** The deciding method and why it was chosen (the auto rule, or the config). */
  method: DriftMethod;
  methodReason: string;
  threshold: number;
  /** The deciding method's p-value or distance; null when a side has no values to test. */
  statistic: number | null;
  /**
   * The deciding p-value corrected for the report's other p-value tests (`Report.correction`),
   * present when a p-value decides and the correction is not `none`: `drifted`, `score` and
   * `severity` follow it, while `statistic` keeps the p-value as the test gave it.
   */
  adjustedPValue?: number;
  drifted: boolean;
  /** 0 = no evidence, 0.5 = exactly at the threshold, → 1 = far past it. */
  score: number;
  severity: Severity;
  tests: DriftTests;
  reference: NumericalSummary | CategoricalSummary;
  current: NumericalSummary | CategoricalSummary;
  histogram: Histogram;
  /**
   * Present when the numerical statistics come from quantile sketches (streaming): the bound,
   * as a share of the values, on the error of the two cdfs together (|F̂ − F| + |Ĝ − G|) at
   * every point, with 99% confidence; the KS statistic is within it.
   */
  cdfError?: number;
  /**
   * Present when the deciding statistic comes from quantile sketches and its bound (the test's
   * `bound`) lies on both sides of the threshold: the sketches cannot tell, so the column is not
   * counted as drifted and `methodReason` says how to decide it (read the files whole).
   */
  undecided?: true;
}

/** `drift.correction`: how the p-values of many features are corrected for testing them all at once. */
export type PValueCorrection = 'fdr' | 'bonferroni' | 'none';

/** The multiple-testing correction over the columns of `features` (see docs/statistics.md). */
export interface DriftCorrection {
  /** drift.correction: `fdr` Benjamini–Hochberg, `bonferroni`, or `none`. */
  method: PValueCorrection;
  /** Columns decided by a p-value that was computed: the m the correction divides among. */
  pValueTests: number;
  /** Columns decided by a distance, which no correction applies to. */
  distanceTests: number;
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

export type ModelMetrics = ClassificationMetrics | RegressionMetrics;

/** A performance limit from the config that the current data breaks. */
export interface PerformanceFinding {
  model: string;
  metric: MetricName;
  rule: 'max_drop' | 'min' | 'max';
  value: number;
  /** The baseline value (for max_drop; for min / max when known). */
  baseline: number | null;
  limit: number;
  message: string;
}

/**
 * A model column the metrics cannot read as the config says: a prediction that holds no
 * class labels (fractions: a probability named as the prediction) or none of the target's
 * (`no`/`yes` against `0`/`1`), probabilities outside 0–1 (a 0–100 scale). Each is an error:
 * the metrics it would make meaningless are left out on that file, and `skipped` says which.
 */
export interface ModelColumnProblem {
  model: string;
  /** The file, as the report names it (`reference.path`, `current.path`, a dataset's path). */
  file: string;
  column: string;
  role: 'prediction' | 'probability';
  severity: 'error';
  code: 'prediction-not-labels' | 'prediction-labels-disjoint' | 'probabilities-out-of-range';
  message: string;
  skipped: MetricName[];
}

/** A class of the target in the current file that the reference does not have. */
export interface NewClass {
  /** The target column. */
  column: string;
  label: string;
  /** Current rows (with a prediction) whose target is this class. */
  rows: number;
  /** `rows` over the current rows the metrics use. */
  share: number;
  /** As for a new category (quality): low under 1% of the rows, moderate from 1%, high from 10%. */
  severity: Exclude<Severity, 'none'>;
  /** How each model predicted those rows, most frequent label first. */
  predictions: { model: string; predictedAs: { label: string; rows: number }[] }[];
  message: string;
}

export interface ModelPerformance {
  model: string;
  prediction: string;
  probability: string | null;
  reference: ModelMetrics;
  current: ModelMetrics;
  /** The same metrics on each file under `datasets`. */
  datasets: Record<string, ModelMetrics>;
  /** The numbers the current ones are judged against: `performance.baseline`, else the reference file's. */
  baseline: MetricValues;
  /** current − baseline, per metric. */
  deltas: MetricValues;
  /** current − each dataset, per metric (the production-versus-test gap). */
  gaps: Record<string, MetricValues>;
  findings: PerformanceFinding[];
}

export interface PerformanceReport {
  task: 'classification' | 'regression';
  taskReason: string;
  taskInferred: boolean;
  /** Binary classification: the label counted as positive. */
  positiveLabel: string | null;
  baselineSource: 'config' | 'reference';
  /** The first model's metrics by name on the reference and current files. */
  reference: MetricValues;
  current: MetricValues;
  models: ModelPerformance[];
  /** With two or more models: the best on the current data by f1 (classification) or rmse (regression). */
  best: { model: string; metric: MetricName; value: number } | null;
  findings: PerformanceFinding[];
  /** Model columns the metrics could not read, per model and file. */
  problems: ModelColumnProblem[];
  /** Classification: target classes in the current file that the reference does not have. */
  newClasses: NewClass[];
}

/** One detector's run over the current errors in time order. */
export interface ChangePoints {
  detector: DetectorResult['detector'];
  parameters: DetectorResult['parameters'];
  /** Where drift was signalled: the position in the time-ordered errors and its timestamp. */
  detections: { index: number; time: string }[];
  warnings: number;
}

/** Error-based concept drift of one model: did its errors rise between reference and current? */
export interface ErrorDrift {
  model: string;
  /** Misclassification (0/1 per row) or the residual prediction − target. */
  error: 'misclassification' | 'residual';
  reference: { rows: number; errorRate: number | null; meanAbsoluteError: number | null };
  current: { rows: number; errorRate: number | null; meanAbsoluteError: number | null };
  /** Two-proportion z-test on the error rates, or KS on the absolute residuals. */
  test: { method: 'ztest' | 'ks'; statistic: number; pValue: number };
  /** The errors rose: significant (one-sided p < 0.0025) and material, or a change was confirmed (docs/monitoring.md, concept drift). */
  errorsRose: boolean;
  /** Empty without a timestamp column. */
  changePoints: ChangePoints[];
  /** The first change two detectors agree on (see monitoring/concept.ts); null when none. */
  confirmedChange: { index: number; time: string; detectors: ChangePoints['detector'][] } | null;
}

/** What moved: inputs (data drift), outputs (prediction drift), or the input→target relation (concept drift). */
export interface DriftDiagnosis {
  dataDrift: boolean;
  predictionDrift: boolean;
  conceptDrift: boolean;
  /** The input features that drifted, most severe first: the ones the sentences name. */
  driftedInputs: { name: string; severity: Severity }[];
  /** One sentence per finding, in the user's words. */
  explanation: string[];
}

export interface ConceptReport {
  models: ErrorDrift[];
  diagnosis: DriftDiagnosis;
}

export interface WindowMetricAnomaly {
  /** `drift share`, a feature's name, or a metric name. */
  metric: string;
  value: number;
  low: number;
  high: number;
}

export interface TimeWindowReport {
  index: number;
  label: string;
  start: string;
  end: string;
  rows: number;
  /** Per feature: the deciding method's statistic on this window against the whole reference (null: no values). */
  statistics: Record<string, number | null>;
  /**
   * Per feature: the size of its drift on this window, the figure its band judges (see
   * `WINDOW_DRIFT_SIZE`): the distance itself, or for a p-value method the size of the
   * difference its test measures, not the p-value (null: no values).
   */
  driftSizes: Record<string, number | null>;
  drifted: string[];
  driftShare: number | null;
  /** The first model's metrics on this window (labelled rows only). */
  performance: MetricValues | null;
  /**
   * Per series (`drift share`, a feature's drift size, a metric): the dynamic threshold its
   * value here is judged against, mean ± k·max(σ, sampling error) of the earlier windows,
   * clamped to the values the series can take; absent where this window has no value or too
   * few earlier ones have.
   */
  bands: Record<string, { low: number; high: number }>;
  /** Values outside their band on the worse side: a metric below it, a drift size or share above. */
  anomalies: WindowMetricAnomaly[];
  /** Values outside their band on the better side: a note, never an alert. */
  improvements: WindowMetricAnomaly[];
}

export interface WindowsReport {
  every: string;
  /** k of the dynamic bands, mean ± k·σ (windows.dynamic_k). */
  dynamicK: number;
  /** Current rows without a timestamp, left out of every window. */
  rowsWithoutTimestamp: number;
  current: TimeWindowReport[];
  /** With `windows.reference: true`. */
  reference: TimeWindowReport[] | null;
}

export type AlertKind =
  | 'feature-drift'
  | 'dataset-drift'
  | 'prediction-drift'
  | 'target-drift'
  | 'concept-drift'
  | 'performance'
  | 'quality'
  | 'window-anomaly'
  | 'new-class';

export interface Alert {
  kind: AlertKind;
  severity: Exclude<Severity, 'none'>;
  /** What it is about: a feature, a metric, a window. */
  subject: string;
  message: string;
  /** The numbers behind it. */
  values: Record<string, number | string>;
  /** What a person should do about it. */
  recommendation: string;
}

export type RiskComponentName =
  'inputDrift' | 'predictionDrift' | 'performance' | 'conceptDrift' | 'dataQuality' | 'timeWindows';

/** One part of the risk score: the points it adds, out of its cap, and why. */
export interface RiskComponent {
  name: RiskComponentName;
  /** 0 … max, unrounded; the score is their sum, rounded. */
  points: number;
  max: number;
  /** How the points were made, in the user's words ("not measured: no target column" when it could not be). */
  reason: string;
  /** False when the data cannot tell (no target, no timestamps): 0 points, not "all is well". */
  measured: boolean;
}

export interface Risk {
  /** 0–100: the sum of the components' points (docs/monitoring.md, Risk). */
  score: number;
  level: Severity;
  /** What the level asks of a person. */
  meaning: string;
  components: RiskComponent[];
}

/**
 * Whether to retrain: `not-needed` (no condition of `retraining.when` holds), `recommended`
 * (one does, with enough labelled current rows), or `blocked` (one does, but too few current
 * rows are labelled to retrain on: collect `labelsNeeded` more first).
 */
export type RetrainingState = 'not-needed' | 'recommended' | 'blocked';

/** The verdict without its reasons, as the history and the editor's status carry it. */
export interface RetrainingVerdict {
  state: RetrainingState;
  /** How urgent it is, recommended or blocked; `none` when not needed. */
  priority: Severity;
  /** Blocked only: the labelled current rows still missing. */
  labelsNeeded?: number;
}

export interface RetrainingDecision extends RetrainingVerdict {
  /** `state === 'recommended'`: the retraining command may run. Kept for readers of the report's first format. */
  retrain: boolean;
  /** The labelled current rows required (`retraining.min_rows`, or its default for these files). */
  minRows: number;
  reasons: string[];
}

export interface Report {
  version: 1;
  generatedAt: string;
  config: string;
  reference: FileSummary;
  current: FileSummary;
  /** Extra files under `datasets`. */
  datasets: (FileSummary & { name: string })[];
  features: FeatureDrift[];
  dataset: DatasetDrift;
  correction: DriftCorrection;
  task: 'classification' | 'regression' | null;
  performance: PerformanceReport | null;
  concept: ConceptReport;
  quality: DataQuality;
  windows: WindowsReport | null;
  alerts: Alert[];
  risk: Risk;
  retraining: RetrainingDecision;
  /** Things the user should know about how the numbers were made (type decisions, sample sizes). */
  notes: string[];
  /**
   * What the editor's Restricted Mode (an untrusted workspace) held back after this run, one
   * phrase each ("the alerts to the webhook"); absent when nothing was (and from the CLI).
   */
  heldBack?: string[];
}

export type MetricValues = Partial<Record<MetricName, number>>;

/** What a streaming concept-drift detector signalled over a sequence in time order. */
export interface DetectorResult {
  detector: 'page-hinkley' | 'ddm' | 'adwin';
  /** 0-based indices at which drift was signalled; the detector starts afresh after each. */
  detections: number[];
  /** 0-based indices at which the detector entered its warning zone (DDM); empty for detectors without one. */
  warnings: number[];
  /** The parameters in force, defaults filled in. */
  parameters: Record<string, number | string>;
}

/** One class's scores, as in sklearn's `classification_report`. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose truth is this class. */
  support: number;
}

export interface ClassificationMetrics {
  task: 'classification';
  /** Rows used: truth and prediction both present. */
  rows: number;
  /** Rows with the truth or the prediction missing (or, in a numerical column, not a number). */
  skippedRows: number;
  /** The labels of the used rows, truth and prediction together, sorted as sklearn does. */
  labels: string[];
  /**
   * The classes precision, recall and f1 are averaged over (and the positive label chosen
   * among): the reference file's labels on every file, so each is scored like the
   * reference; `labels` outside them are classes new in this file.
   */
  classes: string[];
  /** Binary tasks only (at most 2 labels); see labels.ts `positiveLabel`. */
  positiveLabel: string | null;
  positiveLabelReason: string | null;
  /** Null when left out: the prediction column holds no class labels, or none of the target's (see `problems`). */
  accuracy: number | null;
  /** Binary: of the positive class; multiclass: the macro average over `classes`. Null as accuracy. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Multiclass only: averages weighted by support. */
  precisionWeighted: number | null;
  recallWeighted: number | null;
  f1Weighted: number | null;
  /** Binary with a probability column and both classes in the truth; else null. */
  rocAuc: number | null;
  /** With rocAuc: the ROC curve, thinned for drawing (see rocAuc.ts `rocCurve`). */
  rocCurve: { fpr: number[]; tpr: number[] } | null;
  logLoss: number | null;
  /** Used rows left out of rocAuc and logLoss because their probability is missing. */
  probabilityRowsSkipped: number;
  /** counts[truth][predicted], both in `labels` order. */
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
}

export interface RegressionMetrics {
  task: 'regression';
  /** Rows used: truth and prediction both numbers. */
  rows: number;
  /** Rows with the truth or the prediction missing or not a number. */
  skippedRows: number;
  mae: number;
  rmse: number;
  r2: number;
  /** Mean absolute percentage error (a fraction: 0.1 is 10%) over the rows whose truth is not 0; null if there are none. */
  mape: number | null;
  /** Used rows left out of mape because their truth is 0. */
  mapeZeroTargetsSkipped: number;
  /** Mean of prediction − truth: the bias, positive when the model over-predicts. */
  meanError: number;
}

export interface AuditEntry {
  startedAt: string;
  reason: string;
  command: string;
  cwd: string;
  exitCode: number | null;
  durationMs: number;
  trigger: 'editor' | 'cli' | 'auto';
  runId?: number;
}

export interface DuplicateRows {
  /** Rows beyond the first of each group of equal rows. */
  rows: number;
  /** `rows` over the file's rows. */
  share: number;
}

export type QualityFindingKind =
  | 'all-missing'
  | 'missing-rate'
  | 'new-categories'
  | 'missing-categories'
  | 'out-of-range'
  | 'zero-inflation'
  | 'constant-column'
  | 'type-change'
  | 'duplicate-rows';

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
  /** The reference's: null when not known (a reference profile merged from parts does not see rows repeated across them). */
  duplicateRows: { reference: DuplicateRows | null; current: DuplicateRows };
  findings: QualityFinding[];
}

/** One recorded run of a config, as the run history keeps it and the History view draws it. */
export interface HistoryRun {
  id: number;
  startedAt: string;
  trigger: 'cli' | 'editor';
  driftShare: number;
  datasetDrift: boolean;
  riskScore: number;
  retraining: RetrainingVerdict;
  /** Per model: the metric models are ranked by (f1, or rmse for regression) on the current data, where measured. */
  metrics: { model: string; metric: MetricName; value: number }[];
  /** Per tested column: the deciding method's statistic and threshold. */
  features: { name: string; method: DriftMethod; statistic: number | null; threshold: number; drifted: boolean }[];
  /** The run's alerts, counted by severity. */
  alerts: Record<Exclude<Severity, 'none'>, number>;
}
