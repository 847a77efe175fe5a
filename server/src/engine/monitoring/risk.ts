/**
 * One number for "how worried should we be", 0–100:
 *
 *   risk = 100 × Σ wᵢ·cᵢ / Σ wᵢ over the components that apply, each cᵢ in [0, 1]:
 *   - data drift   (w = 0.35): c = min(1, drifted share / drift.share), 1 at dataset drift;
 *   - alerts       (w = 0.35): c = min(1, (3·high + 2·moderate + 1·low) / 10), so a few high alerts saturate it;
 *   - performance  (w = 0.30): c = min(1, worst relative worsening of any metric against its baseline / 0.2),
 *     so a 20% relative drop saturates it; left out (not counted as 0) when there are no labels.
 *
 * Level: none below 10, low below 40, moderate below 70, high from 70.
 */
import type { Alert, DatasetDrift, PerformanceReport, Risk, Severity, MetricName } from '../../protocol/report';
import { worsening } from './modelPerformance';

const WEIGHTS = { dataDrift: 0.35, alerts: 0.35, performance: 0.3 };
const ALERT_POINTS: Record<Alert['severity'], number> = { high: 3, moderate: 2, low: 1 };
const ALERT_POINTS_AT_FULL = 10;
const RELATIVE_DROP_AT_FULL = 0.2;

export function riskScore(dataset: DatasetDrift, alerts: Alert[], performance: PerformanceReport | null): Risk {
  const dataDrift = Math.min(1, dataset.threshold > 0 ? dataset.share / dataset.threshold : 0);
  const alertComponent = Math.min(
    1,
    alerts.reduce((sum, a) => sum + ALERT_POINTS[a.severity], 0) / ALERT_POINTS_AT_FULL,
  );
  const performanceComponent = performance
    ? Math.min(1, Math.max(0, worstRelativeDrop(performance)) / RELATIVE_DROP_AT_FULL)
    : null;
  const parts: [number, number][] = [
    [WEIGHTS.dataDrift, dataDrift],
    [WEIGHTS.alerts, alertComponent],
    ...(performanceComponent === null ? [] : [[WEIGHTS.performance, performanceComponent] as [number, number]]),
  ];
  const score = Math.round((100 * parts.reduce((s, [w, c]) => s + w * c, 0)) / parts.reduce((s, [w]) => s + w, 0));
  return {
    score,
    level: level(score),
    components: { dataDrift, alerts: alertComponent, performance: performanceComponent },
  };
}

/** The largest worsening of any model's metric relative to its baseline (0 when nothing got worse). */
function worstRelativeDrop(performance: PerformanceReport): number {
  let worst = 0;
  for (const model of performance.models) {
    for (const [metric, delta] of Object.entries(model.deltas) as [MetricName, number][]) {
      const baseline = model.baseline[metric];
      if (baseline === undefined || baseline === 0) continue;
      const current = baseline + delta;
      worst = Math.max(worst, worsening(metric, baseline, current) / Math.abs(baseline));
    }
  }
  return worst;
}

function level(score: number): Severity {
  if (score < 10) return 'none';
  if (score < 40) return 'low';
  if (score < 70) return 'moderate';
  return 'high';
}
