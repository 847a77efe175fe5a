/** The monitoring config after validation: every path resolved, every default filled in. */
import type { DriftMethod } from '../protocol';

export type MethodChoice = 'auto' | DriftMethod;

export interface FeatureOverride {
  method?: MethodChoice;
  threshold?: number;
  /** A count of reference-quantile bins, or explicit inner edges. */
  bins?: number | number[];
}

export interface DriftConfig {
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute paths of the data files, and the text the user wrote for each (for messages). */
  reference: { path: string; written: string };
  current: { path: string; written: string };
  columns: {
    target?: string;
    prediction?: string;
    probability?: string;
    timestamp?: string;
    numerical: string[];
    categorical: string[];
    exclude: string[];
  };
  drift: {
    method: MethodChoice;
    /** Threshold for an explicit `method`; absent under auto. */
    threshold?: number;
    thresholds: Partial<Record<DriftMethod, number>>;
    share: number;
    bins: number;
    features: Record<string, FeatureOverride>;
  };
}

export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;
export const DEFAULT_BINS = 10;
