/** The driftMonitor/history answer: a config's recorded runs as the editor shows them. */
import type { DriftConfig } from '../config/model';
import { RANKING_METRIC } from '../../protocol/metrics';
import { readRuns, type RecordedRun } from './readRuns';
import { recorded } from './recording';
import type { HistoryRun } from '../../protocol/report';
import { retrainingVerdict } from '../../protocol/retrainingVerdict';

/** The runs of `config`, oldest first, including any recording still being written. */
export async function historyRuns(config: DriftConfig): Promise<HistoryRun[]> {
  await recorded(config.history.path);
  return (await readRuns(config.history.path, config.configPath)).map(historyRun);
}

function historyRun(run: RecordedRun): HistoryRun {
  const main = run.task ? RANKING_METRIC[run.task] : undefined;
  return {
    id: run.id,
    startedAt: run.startedAt,
    trigger: run.trigger,
    driftShare: run.dataset.share,
    datasetDrift: run.dataset.drifted,
    riskScore: run.risk.score,
    retraining: retrainingVerdict(run.retraining),
    metrics: run.metrics
      .filter((m) => m.data === 'current' && m.metric === main)
      .map(({ model, metric, value }) => ({ model, metric, value })),
    features: run.features.map(({ name, method, statistic, threshold, drifted }) => ({
      name,
      method,
      statistic,
      threshold,
      drifted,
    })),
    alerts: { high: bySeverity(run, 'high'), moderate: bySeverity(run, 'moderate'), low: bySeverity(run, 'low') },
  };
}

function bySeverity(run: RecordedRun, severity: RecordedRun['alerts'][number]['severity']): number {
  return run.alerts.filter((alert) => alert.severity === severity).length;
}
