/** The monitoring config after validation: every path resolved, every default filled in. */
import type { DriftMethod, MetricValues, PValueCorrection } from '../../protocol/report';
import type { DecimalSeparator } from '../data/numberParsing';
import type { DataFormat } from '../data/dataFormat';

export type MethodChoice = 'auto' | DriftMethod;

export interface FeatureOverride {
  method?: MethodChoice;
  threshold?: number;
  /** A count of reference-quantile bins, or explicit inner edges. */
  bins?: number | number[];
}

export type RetrainingCondition = 'dataset_drift' | 'performance_drop' | 'concept_drift';

/** What runs when the report recommends retraining (server/src/retraining/). */
export interface RetrainingHook {
  /** Run by the shell: /bin/sh, cmd.exe on Windows. */
  command: string;
  /** Absolute: `retraining.cwd` resolved in the config's folder, or that folder. */
  cwd: string;
  /** Added to the environment the command inherits. */
  env: Record<string, string>;
  /** Run from the editor without asking (in a trusted workspace). */
  auto: boolean;
}

/** Alert severities, least severe first; a channel sends alerts at or above its minimum. */
export type AlertSeverity = 'low' | 'moderate' | 'high';

/** Where alerts go after an analysis (server/src/engine/notify/). Secrets are never in the config: only the names of environment variables holding them. */
export interface NotificationsConfig {
  /** The same alert on the same data is sent once per channel. */
  dedupe: boolean;
  /** A JSON POST; exactly one of `url` and `urlEnv` (checked by the config's validation). */
  webhook?: { url?: string; urlEnv?: string; minSeverity: AlertSeverity; headerEnv: Record<string, string> };
  email?: {
    host: string;
    port: number;
    secure: boolean;
    from: string;
    to: string[];
    userEnv?: string;
    passwordEnv?: string;
    minSeverity: AlertSeverity;
  };
}

/** A data file as written in the config and resolved next to it. */
export interface ConfigFile {
  path: string;
  written: string;
  /** How the file is read: the config's `format:` for it, else from its name (data/dataFormat.ts). */
  format: DataFormat;
}

/** One model's output columns. Without `models:` the config's `columns.prediction` is the one model, named `model`. */
export interface ModelColumns {
  name: string;
  prediction: string;
  probability?: string;
}

export interface DriftConfig {
  /** Absolute path of the config file. */
  configPath: string;
  reference: ConfigFile;
  current: ConfigFile;
  task?: 'classification' | 'regression';
  /** The config's `decimal`: absent, each file's is detected (data/decimalSeparator.ts). */
  decimal?: DecimalSeparator;
  columns: {
    target?: string;
    timestamp?: string;
    numerical: string[];
    categorical: string[];
    exclude: string[];
  };
  /** Every model's prediction and probability columns (empty when none is named). */
  models: ModelColumns[];
  drift: {
    method: MethodChoice;
    /** Threshold for an explicit `method`; absent under auto. */
    threshold?: number;
    thresholds: Partial<Record<DriftMethod, number>>;
    share: number;
    /** How the p-values of many features are corrected before they meet their thresholds (distances are not). */
    correction: PValueCorrection;
    bins: number;
    features: Record<string, FeatureOverride>;
  };
  performance: {
    positiveClass?: string;
    baseline?: MetricValues;
    maxDrop: MetricValues;
    min: MetricValues;
    max: MetricValues;
  };
  windows?: { every: string; reference: boolean; dynamicK: number };
  /** Extra named files evaluated with the same metrics. */
  datasets: (ConfigFile & { name: string })[];
  retraining: {
    when: RetrainingCondition[];
    /** `retraining.min_rows`; absent: the default, which depends on the reference (monitoring/retrainingDecision.ts). */
    minRows?: number;
    /** Absent without `retraining.command`. */ hook?: RetrainingHook;
  };
  /** Where each analysis is recorded (server/src/engine/history/). */
  history: { enabled: boolean; /** Absolute. */ path: string };
  /** Alert channels; absent without `notifications`. */
  notifications?: NotificationsConfig;
}

export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;
export const DEFAULT_BINS = 10;
/** Benjamini–Hochberg: see docs/statistics.md for why it is the default. */
export const DEFAULT_CORRECTION: DriftConfig['drift']['correction'] = 'fdr';
/** The run history file, relative to the config's folder. */
export const DEFAULT_HISTORY_PATH = '.drift-monitor/history.sqlite';
/** `notifications.min_severity` when unset. */
export const DEFAULT_NOTIFICATION_SEVERITY: AlertSeverity = 'high';
/** `notifications.email.port` when unset: TLS from the start (`secure: true`), or STARTTLS on the submission port. */
export const DEFAULT_SMTP_PORT = { secure: 465, starttls: 587 };
/** The model name when the config names one prediction column under `columns`. */
export const SINGLE_MODEL_NAME = 'model';
