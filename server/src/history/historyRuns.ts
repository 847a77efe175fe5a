/** The driftMonitor/history answer: a config's recorded runs as the editor shows them. */
import type { DriftConfig, MetricName } from '../config/model';
import type { HistoryRun } from '../protocol';
import { readRuns, type RecordedRun } from './readRuns';
import { recorded } from './recording';

/** The metric a model is judged by in the history, as the report ranks models (monitoring/performance.ts). */
const MAIN_METRIC: Record<'classification' | 'regression', MetricName> = { classification: 'f1', regression: 'rmse' };

/** The runs of `config`, oldest first, including any recording still being written. */
export async function historyRuns(config: DriftConfig): Promise<HistoryRun[]> {
  await recorded(config.history.path);
  return (await readRuns(config.history.path, config.configPath)).map(historyRun);
}

function historyRun(run: RecordedRun): HistoryRun {
  const main = run.task ? MAIN_METRIC[run.task] : undefined;
  return {
    id: run.id,
    startedAt: run.startedAt,
    trigger: run.trigger,
    driftShare: run.dataset.share,
    datasetDrift: run.dataset.drifted,
    riskScore: run.risk.score,
    retrain: run.retraining.retrain,
    metrics: run.metrics.filter((m) => m.data === 'current' && m.metric === main).map(({ model, metric, value }) => ({ model, metric, value })),
    features: run.features.map(({ name, method, statistic, threshold, drifted }) => ({ name, method, statistic, threshold, drifted })),
    alerts: { high: bySeverity(run, 'high'), moderate: bySeverity(run, 'moderate'), low: bySeverity(run, 'low') },
  };
}

function bySeverity(run: RecordedRun, severity: RecordedRun['alerts'][number]['severity']): number {
  return run.alerts.filter((alert) => alert.severity === severity).length;
}
