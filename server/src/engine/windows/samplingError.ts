/**
 * The sampling error of a window's rates and metrics at the window's row count: the floor of
 * their bands (see `BandLimits.floor`), so a run of equal windows (a recall of 0.5 five times)
 * does not make the next window's 0.49 an anomaly.
 */
import type { MetricName } from '../../protocol/metrics';
import type { ModelMetrics } from '../../protocol/report';

/**
 * The binomial standard error √(p(1 − p)/n) of a rate p over n rows, with p taken as
 * (p·n + 1)/(n + 2) (Laplace's rule of succession) so that a rate of exactly 0 or 1 still
 * has one. Null without rows, or without the rate (a metric left out for bad model columns).
 */
export function rateError(rate: number | null, rows: number): number | null {
  if (rate === null || !(rows > 0)) return null;
  const p = (rate * rows + 1) / (rows + 2);
  return Math.sqrt((p * (1 - p)) / rows);
}

/**
 * The standard errors of a window's metrics that have one from counts alone: accuracy over the
 * rows; precision over the predicted positives, recall over the actual ones, F1 over their mean
 * (binary; multiclass macro averages over the average class size); ROC AUC by Hanley & McNeil
 * (1982). Log loss and the regression metrics have none: their bands have no floor.
 */
export function metricErrors(metrics: ModelMetrics): Partial<Record<MetricName, number>> {
  if (metrics.task === 'regression') return {};
  const errors: Partial<Record<MetricName, number | null>> = { accuracy: rateError(metrics.accuracy, metrics.rows) };
  const positive = metrics.positiveLabel === null ? -1 : metrics.labels.indexOf(metrics.positiveLabel);
  const actual = positive < 0 ? metrics.rows / metrics.labels.length : sum(metrics.confusionMatrix[positive] ?? []);
  const predicted =
    positive < 0 ? metrics.rows / metrics.labels.length : sum(metrics.confusionMatrix.map((row) => row[positive] ?? 0));
  errors.precision = rateError(metrics.precision, predicted);
  errors.recall = rateError(metrics.recall, actual);
  errors.f1 = rateError(metrics.f1, (predicted + actual) / 2);
  if (metrics.rocAuc !== null && positive >= 0) errors.rocAuc = aucError(metrics.rocAuc, actual, metrics.rows - actual);
  return Object.fromEntries(Object.entries(errors).filter(([, e]) => e !== null && Number.isFinite(e))) as Partial<
    Record<MetricName, number>
  >;
}

/** Hanley & McNeil's standard error of an AUC a from p positives and q negatives. */
function aucError(a: number, p: number, q: number): number | null {
  if (!(p > 0 && q > 0)) return null;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  return Math.sqrt((a * (1 - a) + (p - 1) * (q1 - a * a) + (q - 1) * (q2 - a * a)) / (p * q));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
