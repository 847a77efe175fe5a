/** Reading back the recorded runs of a config, as whole records, oldest first. */
import type {
  AlertKind,
  ColumnRole,
  DriftMethod,
  DriftTests,
  MetricName,
  RetrainingState,
  RetrainingVerdict,
  Severity,
} from '../../protocol/report';
import { readHistory } from './historyFile';
import { storedPath } from './recordRun';
import { selectAll, type Database } from './sqlite';

export interface RecordedRun {
  id: number;
  startedAt: string;
  trigger: 'cli' | 'editor';
  /** Relative to the history file's folder, as are the files' paths. */
  configPath: string;
  configSha256: string;
  task: 'classification' | 'regression' | null;
  dataset: { features: number; driftedFeatures: number; share: number; threshold: number; drifted: boolean };
  risk: { score: number; level: Severity };
  retraining: RetrainingVerdict & { retrain: boolean; reasons: string[] };
  files: {
    role: 'reference' | 'current' | 'dataset';
    name: string | null;
    path: string;
    written: string;
    sizeBytes: number;
    modifiedMs: number;
    sha256: string;
    rows: number;
    sampledFrom: number | null;
  }[];
  features: {
    name: string;
    kind: 'numerical' | 'categorical';
    role: ColumnRole;
    model: string | null;
    method: DriftMethod;
    statistic: number | null;
    threshold: number;
    drifted: boolean;
    severity: Severity;
    score: number;
    tests: DriftTests;
  }[];
  /** `data`: reference, current, baseline, or `dataset:<name>`. */
  metrics: { model: string; data: string; metric: MetricName; value: number }[];
  alerts: {
    kind: AlertKind;
    severity: Exclude<Severity, 'none'>;
    subject: string;
    message: string;
    recommendation: string;
    values: Record<string, number | string>;
  }[];
}

/** The runs of the config at `configPath` (absolute) in the history at `historyPath`; none when there is no history file. */
export async function readRuns(historyPath: string, configPath: string): Promise<RecordedRun[]> {
  return (await readHistory(historyPath, (db) => runsOf(db, storedPath(historyPath, configPath)))) ?? [];
}

type Row = Record<string, string | number | null>;

function recordedRetraining(run: Row): RecordedRun['retraining'] {
  const retrain = run.retrain === 1;
  const priority = run.retrain_priority as Severity;
  const reasons = JSON.parse(run.retrain_reasons as string) as string[];
  if (typeof run.retrain_state !== 'string')
    return { ...olderRetraining(retrain, reasons), retrain, priority, reasons };
  const state = run.retrain_state as RetrainingState;
  const labelsNeeded = run.retrain_labels_needed;
  return { state, priority, ...(typeof labelsNeeded === 'number' && { labelsNeeded }), retrain, reasons };
}

/**
 * The state of a run recorded before the history kept it (schema version 2 and older), from
 * what those versions wrote: a retrain, or a "blocked: only 189 labelled current rows, fewer
 * than retraining.min_rows = 1,000; …" reason, which is a blocked recommendation.
 */
function olderRetraining(retrain: boolean, reasons: string[]): Pick<RetrainingVerdict, 'state' | 'labelsNeeded'> {
  if (retrain) return { state: 'recommended' };
  for (const reason of reasons) {
    const blocked = /^blocked: only ([\d,]+) labelled current rows, fewer than retraining\.min_rows = ([\d,]+)/.exec(
      reason,
    );
    if (blocked) {
      const [rows, minRows] = [blocked[1], blocked[2]].map((n) => Number(n.replace(/,/g, '')));
      return { state: 'blocked', labelsNeeded: minRows - rows };
    }
  }
  return { state: 'not-needed' };
}

function runsOf(db: Database, config: string): RecordedRun[] {
  const children = (table: string) => {
    const byRun = new Map<number, Row[]>();
    for (const row of selectAll<Row>(
      db,
      `SELECT * FROM ${table} WHERE run_id IN (SELECT id FROM runs WHERE config_path = ?) ORDER BY rowid`,
      [config],
    )) {
      const runId = row.run_id as number;
      const rows = byRun.get(runId);
      if (rows) rows.push(row);
      else byRun.set(runId, [row]);
    }
    return (runId: number) => byRun.get(runId) ?? [];
  };
  const files = children('run_files');
  const features = children('run_features');
  const metrics = children('run_metrics');
  const alerts = children('run_alerts');
  return selectAll<Row>(db, 'SELECT * FROM runs WHERE config_path = ? ORDER BY started_at, id', [config]).map((run) => {
    const id = run.id as number;
    return {
      id,
      startedAt: run.started_at as string,
      trigger: run.trigger as RecordedRun['trigger'],
      configPath: run.config_path as string,
      configSha256: run.config_sha256 as string,
      task: run.task as RecordedRun['task'],
      dataset: {
        features: run.features as number,
        driftedFeatures: run.drifted_features as number,
        share: run.drift_share as number,
        threshold: run.drift_share_threshold as number,
        drifted: run.dataset_drifted === 1,
      },
      risk: { score: run.risk_score as number, level: run.risk_level as Severity },
      retraining: recordedRetraining(run),
      files: files(id).map((f) => ({
        role: f.role as RecordedRun['files'][number]['role'],
        name: f.name as string | null,
        path: f.path as string,
        written: f.written as string,
        sizeBytes: f.size_bytes as number,
        modifiedMs: f.modified_ms as number,
        sha256: f.sha256 as string,
        rows: f.rows as number,
        sampledFrom: f.sampled_from as number | null,
      })),
      features: features(id).map((f) => ({
        name: f.name as string,
        kind: f.kind as 'numerical' | 'categorical',
        role: f.role as ColumnRole,
        model: f.model as string | null,
        method: f.method as DriftMethod,
        statistic: f.statistic as number | null,
        threshold: f.threshold as number,
        drifted: f.drifted === 1,
        severity: f.severity as Severity,
        score: f.score as number,
        tests: JSON.parse(f.tests as string) as DriftTests,
      })),
      metrics: metrics(id).map((m) => ({
        model: m.model as string,
        data: m.data as string,
        metric: m.metric as MetricName,
        value: m.value as number,
      })),
      alerts: alerts(id).map((a) => ({
        kind: a.kind as AlertKind,
        severity: a.severity as Exclude<Severity, 'none'>,
        subject: a.subject as string,
        message: a.message as string,
        recommendation: a.recommendation as string,
        values: JSON.parse(a.values as string) as Record<string, number | string>,
      })),
    };
  });
}
