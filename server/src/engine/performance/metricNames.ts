/** The performance metrics by name: which task each belongs to and which way is better. */
import type { MetricName } from '../../protocol/report';

export const METRICS_OF_TASK: Record<'classification' | 'regression', MetricName[]> = {
  classification: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss'],
  regression: ['mae', 'rmse', 'r2', 'mape'],
};

/** Scores; the other metrics (logLoss, mae, rmse, mape) are errors, better when lower. */
export const HIGHER_IS_BETTER: ReadonlySet<MetricName> = new Set(['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'r2']);
