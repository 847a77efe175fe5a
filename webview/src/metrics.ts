/** Model metrics by name, as the performance tables, charts and heatmap show them. */
import type { MetricName, ModelMetrics } from '../../server/src/protocol/report';

export const METRICS: MetricName[] = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'mae', 'rmse', 'r2', 'mape'];

/** The metrics where a smaller value is the better one. */
export const LOWER_IS_BETTER = new Set<MetricName>(['logLoss', 'mae', 'rmse', 'mape']);

/** `name` of `m`, or null when it does not apply or has no value. */
export function metric(m: ModelMetrics, name: MetricName): number | null {
  const value = (m as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : null;
}
