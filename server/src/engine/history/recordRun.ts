/**
 * Recording one analysis in the run history: the run, its files (size, modification
 * time, SHA-256), each tested column's verdict, each model's metrics and the alerts.
 * Paths are stored relative to the history file's folder, so a project folder can move.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { DriftConfig } from '../config/model';
import { InputError } from '../inputError';
import { metricValues } from '../monitoring/modelPerformance';
import type { FileSummary, Report, MetricValues } from '../../protocol/report';
import { fileSha256, textSha256 } from './fileHash';
import { changeHistory, readHistory } from './historyFile';
import { selectAll, type Database } from './sqlite';

export interface RunToRecord {
  report: Report;
  config: DriftConfig;
  /** The config text the analysis ran from (an editor's buffer may differ from the file). */
  configText: string;
  trigger: 'cli' | 'editor';
}

/** `file` as the history stores it: relative to the history file's folder, with forward slashes. */
export function storedPath(historyPath: string, file: string): string {
  return path.relative(path.dirname(historyPath), file).split(path.sep).join('/');
}

/** Records the run in the history at `historyPath` (created when missing); resolves to the run's id. */
export async function recordRun(historyPath: string, run: RunToRecord): Promise<number> {
  const files = await fingerprints(historyPath, run);
  return changeHistory(historyPath, (db) => insertRun(db, historyPath, run, files));
}

interface DataFile {
  role: 'reference' | 'current' | 'dataset';
  name: string | null;
  stored: string;
  written: string;
  summary: FileSummary;
  size: number;
  modifiedMs: number;
  sha256: string;
}

/**
 * Each data file's size, time and hash. A file that an earlier run recorded with the same
 * size and modification time is taken as unchanged and keeps its hash: hashing a large file
 * costs a full read, so only new or changed files are read again.
 */
async function fingerprints(historyPath: string, { report, config }: RunToRecord): Promise<DataFile[]> {
  const files = [
    { role: 'reference' as const, name: null, file: config.reference, summary: report.reference },
    { role: 'current' as const, name: null, file: config.current, summary: report.current },
    ...config.datasets.map((dataset, i) => ({
      role: 'dataset' as const,
      name: dataset.name,
      file: dataset,
      summary: report.datasets[i],
    })),
  ];
  const seen = await Promise.all(
    files.map(async ({ file }) => {
      try {
        const info = await stat(file.path);
        return { stored: storedPath(historyPath, file.path), size: info.size, modifiedMs: Math.floor(info.mtimeMs) };
      } catch (error) {
        throw new InputError(
          `${file.path}: cannot read the file to record the run (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
          { file: file.path },
        );
      }
    }),
  );
  const known = await readHistory(historyPath, (db) =>
    seen.map(
      ({ stored, size, modifiedMs }) =>
        selectAll<{ sha256: string }>(
          db,
          'SELECT sha256 FROM run_files WHERE path = ? AND size_bytes = ? AND modified_ms = ? LIMIT 1',
          [stored, size, modifiedMs],
        )[0]?.sha256,
    ),
  );
  const result: DataFile[] = [];
  // One file after the other: reading several large files at once only makes the disk seek.
  for (const [i, { role, name, file, summary }] of files.entries()) {
    const sha256 = known?.[i] ?? (await fileSha256(file.path));
    result.push({ role, name, written: file.written, summary, ...seen[i], sha256 });
  }
  return result;
}

function insertRun(
  db: Database,
  historyPath: string,
  { report, config, configText, trigger }: RunToRecord,
  files: DataFile[],
): number {
  const { dataset, risk, retraining } = report;
  db.run(
    `INSERT INTO runs (started_at, trigger, config_path, config_sha256, task, features, drifted_features, drift_share, drift_share_threshold,
      dataset_drifted, risk_score, risk_level, retrain, retrain_priority, retrain_reasons, retrain_state, retrain_labels_needed)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      report.generatedAt,
      trigger,
      storedPath(historyPath, config.configPath),
      textSha256(configText),
      report.task,
      dataset.features,
      dataset.driftedFeatures,
      dataset.share,
      dataset.threshold,
      Number(dataset.drifted),
      risk.score,
      risk.level,
      Number(retraining.retrain),
      retraining.priority,
      JSON.stringify(retraining.reasons),
      retraining.state,
      retraining.labelsNeeded ?? null,
    ],
  );
  const runId = Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
  for (const f of files) {
    db.run(
      'INSERT INTO run_files (run_id, role, name, path, written, size_bytes, modified_ms, sha256, rows, sampled_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        runId,
        f.role,
        f.name,
        f.stored,
        f.written,
        f.size,
        f.modifiedMs,
        f.sha256,
        f.summary.rows,
        f.summary.sampledFrom ?? null,
      ],
    );
  }
  for (const f of report.features) {
    db.run(
      'INSERT INTO run_features (run_id, name, kind, role, model, method, statistic, threshold, drifted, severity, score, tests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        runId,
        f.name,
        f.kind,
        f.role,
        f.model ?? null,
        f.method,
        f.statistic,
        f.threshold,
        Number(f.drifted),
        f.severity,
        f.score,
        JSON.stringify(f.tests),
      ],
    );
  }
  for (const model of report.performance?.models ?? []) {
    const measured: [string, MetricValues][] = [
      ['reference', metricValues(model.reference)],
      ['current', metricValues(model.current)],
      ['baseline', model.baseline],
      ...Object.entries(model.datasets).map(([name, metrics]): [string, MetricValues] => [
        `dataset:${name}`,
        metricValues(metrics),
      ]),
    ];
    for (const [data, values] of measured) {
      for (const [metric, value] of Object.entries(values))
        db.run('INSERT INTO run_metrics (run_id, model, data, metric, value) VALUES (?, ?, ?, ?, ?)', [
          runId,
          model.model,
          data,
          metric,
          value,
        ]);
    }
  }
  for (const a of report.alerts) {
    db.run(
      'INSERT INTO run_alerts (run_id, kind, severity, subject, message, recommendation, "values") VALUES (?, ?, ?, ?, ?, ?, ?)',
      [runId, a.kind, a.severity, a.subject, a.message, a.recommendation, JSON.stringify(a.values)],
    );
  }
  return runId;
}
