/** The monitoring config after validation: every path resolved, every default filled in. */
import type { DriftMethod } from '../protocol';

export type MethodChoice = 'auto' | DriftMethod;

export interface FeatureOverride {
  method?: MethodChoice;
  threshold?: number;
  /** A count of reference-quantile bins, or explicit inner edges. */
  bins?: number | number[];
}

/** The performance metrics, by the names the config and the report use. */
export type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'rocAuc' | 'logLoss' | 'mae' | 'rmse' | 'r2' | 'mape';
export type MetricValues = Partial<Record<MetricName, number>>;

export type RetrainingCondition = 'dataset_drift' | 'performance_drop' | 'concept_drift';

/** A data file as written in the config and resolved next to it. */
export interface ConfigFile {
  path: string;
  written: string;
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
  retraining: { when: RetrainingCondition[]; minRows: number };
}

export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;
export const DEFAULT_BINS = 10;
export const DEFAULT_DYNAMIC_K = 3;
export const DEFAULT_RETRAINING_MIN_ROWS = 1000;
/** The model name when the config names one prediction column under `columns`. */
export const SINGLE_MODEL_NAME = 'model';
