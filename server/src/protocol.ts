/**
 * The Report: what an analysis produces, what the CLI writes as JSON, what the
 * language server sends to the client and what the report page renders.
 * The one file that client, server and webview all import; keep it free of
 * runtime dependencies (type-only imports). `schemas/report.schema.json` documents the same shape
 * and a test holds the two together.
 */
import type { MetricName, MetricValues } from './config/model';
import type { DetectorResult } from './concept/detector';
import type { ClassificationMetrics } from './performance/classification';
import type { RegressionMetrics } from './performance/regression';
import type { AuditEntry } from './history/audit';
import type { DataQuality } from './quality/dataQuality';


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
  /** For prediction and probability columns: the model (from `models`, or `model` for `columns.prediction`). */
  model?: string;
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
  /**
   * Present when the numerical statistics come from quantile sketches (streaming): the bound,
   * as a share of the values, on the error of the two cdfs together (|F̂ − F| + |Ĝ − G|) at
   * every point, with 99% confidence; the KS statistic is within it.
   */
  cdfError?: number;
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

export type { MetricName, MetricValues } from './config/model';
export type { ClassificationMetrics, ClassMetrics } from './performance/classification';
export type { RegressionMetrics } from './performance/regression';
export type { DataQuality, ColumnQuality, QualityFinding, SideQuality } from './quality/dataQuality';
export type { DetectorResult } from './concept/detector';

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
  /** The errors rose: significant (p < 0.05) and material (see the README), or a change was confirmed. */
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
  drifted: string[];
  driftShare: number | null;
  /** The first model's metrics on this window (labelled rows only). */
  performance: MetricValues | null;
  /**
   * Per series (`drift share`, a feature, a metric): the dynamic threshold its value here is
   * judged against, mean ± k·σ of the earlier windows; absent where this window has no value or
   * too few earlier ones have.
   */
  bands: Record<string, { low: number; high: number }>;
  anomalies: WindowMetricAnomaly[];
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

export type AlertKind = 'feature-drift' | 'dataset-drift' | 'prediction-drift' | 'target-drift' | 'concept-drift' | 'performance' | 'quality' | 'window-anomaly';

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

export interface Risk {
  /** 0–100; see the README for the formula. */
  score: number;
  level: Severity;
  /** Each component's share of the score, 0–1 before weighting. */
  components: { dataDrift: number; alerts: number; performance: number | null };
}

export interface RetrainingDecision {
  retrain: boolean;
  priority: Severity;
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
}

/*
 * Custom messages between the extension (and any LSP client) and the language server.
 * Methods are plain strings so this file stays free of runtime dependencies.
 */

/** Request: analyze the config at `uri` now. Reports work-done progress; cancellable. Result: the Report. */
export const RUN_ANALYSIS = 'driftMonitor/runAnalysis';
export interface RunAnalysisParams {
  uri: string;
  /** `driftMonitor.maxRowsInteractive`: analyze a uniform random sample of this many rows of each file that has more; absent or 0, every row. */
  maxRows?: number;
}

/**
 * The client's settings, as initialization options and then in DID_CHANGE_SETTINGS whenever they
 * change. A field left out keeps its value.
 */
export interface ServerSettings {
  /** `driftMonitor.diagnostics.severity`: Problems-pane severity (error, warning, information, hint) per drift severity. */
  driftSeverities?: Partial<Record<'high' | 'moderate' | 'low', string>>;
  /**
   * Whether YAML syntax and JSON-schema problems are published. False when Red Hat's YAML
   * extension validates the same files against the same schema (see the README): its
   * diagnostics stand in for these, and the quick fixes are still offered on them.
   */
  schemaDiagnostics?: boolean;
  /**
   * The SMTP password stored with "Drift Monitor: Set Notification Password" (the editor's
   * SecretStorage), used by `notifications.email` instead of the variable its `password_env`
   * names; '' when none is stored.
   */
  notificationPassword?: string;
}

/** Notification from the client: its settings changed. */
export const DID_CHANGE_SETTINGS = 'driftMonitor/didChangeSettings';

/** Request: the last Report for the config at `uri`, or null when it was never analyzed. */
export const GET_REPORT = 'driftMonitor/getReport';
export type GetReportParams = Pick<RunAnalysisParams, 'uri'>;

/**
 * Request: the retraining command for the last analysis of the config at `uri` (its
 * `retraining.command`, folder and environment, resolved), or null when that analysis did not
 * recommend retraining or the config has no command. The client runs it as a task.
 */
export const GET_RETRAINING_COMMAND = 'driftMonitor/getRetrainingCommand';
export type GetRetrainingCommandParams = Pick<RunAnalysisParams, 'uri'>;
export interface RetrainingCommand {
  /** Run by the shell as written (see server/src/retraining/shell.ts). */
  command: string;
  /** Absolute. */
  cwd: string;
  /** Added to the environment the command inherits: `retraining.env` and the DRIFT_MONITOR_* variables. */
  env: Record<string, string>;
  /** `retraining.auto`: the editor runs it without asking. */
  auto: boolean;
  /** The report's reasons for retraining, as the audit log records them. */
  reason: string;
}

/**
 * Request from the client when a retraining task it started has ended: record the run in the
 * audit log of the config's run history (the client never opens the history file itself).
 * Result: true when recorded, false when the config's history is off.
 */
export const RECORD_RETRAINING = 'driftMonitor/recordRetraining';
export interface RecordRetrainingParams {
  uri: string;
  entry: AuditEntry;
  /** The `generatedAt` of the Report that recommended the run: links the entry to that analysis in the history. */
  reportGeneratedAt: string;
}

/** Request: the recorded runs of the config at `uri` from its run history (see the README), oldest first; [] when none. */
export const GET_HISTORY = 'driftMonitor/history';
export type GetHistoryParams = Pick<RunAnalysisParams, 'uri'>;
export interface HistoryRun {
  id: number;
  startedAt: string;
  trigger: 'cli' | 'editor';
  driftShare: number;
  datasetDrift: boolean;
  riskScore: number;
  retrain: boolean;
  /** Per model: the metric models are ranked by (f1, or rmse for regression) on the current data, where measured. */
  metrics: { model: string; metric: MetricName; value: number }[];
  /** Per tested column: the deciding method's statistic and threshold. */
  features: { name: string; method: DriftMethod; statistic: number | null; threshold: number; drifted: boolean }[];
  /** The run's alerts, counted by severity. */
  alerts: Record<Exclude<Severity, 'none'>, number>;
}

/** Notification from the server after each analysis. */
export const ANALYSIS_FINISHED = 'driftMonitor/analysisFinished';
export interface AnalysisFinishedParams {
  uri: string;
  features: number;
  driftedFeatures: number;
  datasetDrift: boolean;
  risk: number;
  retrain: boolean;
  alerts: number;
}

/** The analysisFinished summary of a Report. */
export function analysisSummary(uri: string, report: Report): AnalysisFinishedParams {
  return {
    uri,
    features: report.dataset.features,
    driftedFeatures: report.dataset.driftedFeatures,
    datasetDrift: report.dataset.drifted,
    risk: report.risk.score,
    retrain: report.retraining.retrain,
    alerts: report.alerts.length,
  };
}

/** What a drift diagnostic carries in its `data`, for the code actions on it. */
export interface DriftDiagnosticData {
  configUri: string;
  feature: string;
  method: DriftMethod;
  statistic: number;
}
