/** Model metrics by name, as the performance tables, charts and heatmap show them (the table is the contract's). */
import type { MetricName, ModelMetrics } from '../../server/src/protocol/report';

/** `name` of `m`, or null when it does not apply or has no value. */
export function metric(m: ModelMetrics, name: MetricName): number | null {
  const value = (m as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : null;
}
