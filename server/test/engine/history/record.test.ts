/** Recording a real analysis of the demo pair and reading it back. */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import type { DriftConfig } from '../../../src/engine/config/model';
import { historyRuns } from '../../../src/engine/history/historyRuns';
import { readRuns } from '../../../src/engine/history/readRuns';
import { recordRun } from '../../../src/engine/history/recordRun';
import { metricValues } from '../../../src/engine/monitoring/modelPerformance';
import type { Report } from '../../../src/protocol/report';
import { queryValue, scratchFolder } from './scratch';

const demo = new URL('../../../../test-fixtures/demo/', import.meta.url).pathname;
const folder = scratchFolder('record');
const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let config: DriftConfig;
let configText: string;
let report: Report;
let runId: number;

beforeAll(async () => {
  for (const file of ['reference.csv', 'current.csv', 'drift.yaml'])
    copyFileSync(path.join(demo, file), path.join(folder, file));
  configText = readFileSync(path.join(folder, 'drift.yaml'), 'utf8');
  config = await loadConfig(path.join(folder, 'drift.yaml'));
  report = await analyze(config);
  runId = await recordRun(config.history.path, { report, config, configText, trigger: 'cli' });
});

describe('a recorded analysis of the demo pair', () => {
  it('is in .drift-monitor/history.sqlite next to the config', () => {
    expect(config.history.path).toBe(path.join(folder, '.drift-monitor', 'history.sqlite'));
    expect(statSync(config.history.path).size).toBeGreaterThan(0);
  });

  it('reads back with its time, config hash, dataset verdict, risk and retraining decision', async () => {
    const [run] = await readRuns(config.history.path, config.configPath);
    expect(run).toMatchObject({
      id: runId,
      startedAt: report.generatedAt,
      trigger: 'cli',
      configPath: '../drift.yaml',
      configSha256: sha256Of(configText),
      task: 'classification',
      dataset: report.dataset,
      risk: { score: report.risk.score, level: report.risk.level },
      // Everything but minRows, which the history does not keep.
      retraining: {
        state: report.retraining.state,
        retrain: report.retraining.retrain,
        priority: report.retraining.priority,
        reasons: report.retraining.reasons,
      },
    });
  });

  it('records each file with its size, modification time, rows and streamed SHA-256', async () => {
    const [run] = await readRuns(config.history.path, config.configPath);
    expect(run.files).toEqual(
      (['reference', 'current'] as const).map((role) => {
        const file = path.join(folder, `${role}.csv`);
        return {
          role,
          name: null,
          path: `../${role}.csv`,
          written: `${role}.csv`,
          sizeBytes: statSync(file).size,
          modifiedMs: Math.floor(statSync(file).mtimeMs),
          sha256: sha256Of(readFileSync(file)),
          rows: report[role].rows,
          sampledFrom: null,
        };
      }),
    );
  });

  it('records every tested column with its verdict and all its tests', async () => {
    const [run] = await readRuns(config.history.path, config.configPath);
    expect(run.features).toEqual(
      report.features.map((f) => ({
        name: f.name,
        kind: f.kind,
        role: f.role,
        model: f.model ?? null,
        method: f.method,
        statistic: f.statistic,
        threshold: f.threshold,
        drifted: f.drifted,
        severity: f.severity,
        score: f.score,
        tests: f.tests,
      })),
    );
    expect(run.features.some((f) => f.drifted)).toBe(true);
  });

  it("records each model's metrics on reference, current and baseline, and every alert", async () => {
    const [run] = await readRuns(config.history.path, config.configPath);
    const model = report.performance!.models[0];
    const metricsOf = (data: string) =>
      Object.fromEntries(
        run.metrics.filter((m) => m.model === model.model && m.data === data).map((m) => [m.metric, m.value]),
      );
    expect(metricsOf('current')).toEqual(metricValues(model.current));
    expect(metricsOf('reference')).toEqual(metricValues(model.reference));
    expect(metricsOf('baseline')).toEqual(model.baseline);
    expect(Object.keys(metricsOf('current'))).toContain('f1');
    expect(run.alerts).toEqual(
      report.alerts.map(({ kind, severity, subject, message, recommendation, values }) => ({
        kind,
        severity,
        subject,
        message,
        recommendation,
        values,
      })),
    );
    expect(run.alerts.length).toBeGreaterThan(0);
  });

  it('gives the editor its summary: drift share, risk, decision, f1 per model and each deciding statistic', async () => {
    const [run] = await historyRuns(config);
    expect(run).toEqual({
      id: runId,
      startedAt: report.generatedAt,
      trigger: 'cli',
      driftShare: report.dataset.share,
      datasetDrift: report.dataset.drifted,
      riskScore: report.risk.score,
      retraining: { state: report.retraining.state, priority: report.retraining.priority },
      metrics: [{ model: 'model', metric: 'f1', value: metricValues(report.performance!.models[0].current).f1 }],
      features: report.features.map(({ name, method, statistic, threshold, drifted }) => ({
        name,
        method,
        statistic,
        threshold,
        drifted,
      })),
      alerts: { high: count('high'), moderate: count('moderate'), low: count('low') },
    });
    expect(report.alerts.length).toBeGreaterThan(0);
  });
});

const count = (severity: 'high' | 'moderate' | 'low') => report.alerts.filter((a) => a.severity === severity).length;

describe('the runs of a history', () => {
  it('are those of the config asked for, oldest first, when configs share a history file', async () => {
    const other = path.join(folder, 'other.drift.yaml');
    writeFileSync(other, configText);
    const otherConfig = { ...(await loadConfig(other)), history: config.history };
    const otherRun = await recordRun(config.history.path, {
      report,
      config: otherConfig,
      configText,
      trigger: 'editor',
    });
    const secondRun = await recordRun(config.history.path, {
      report: { ...report, generatedAt: new Date().toISOString() },
      config,
      configText,
      trigger: 'editor',
    });
    expect((await readRuns(config.history.path, config.configPath)).map((r) => [r.id, r.trigger])).toEqual([
      [runId, 'cli'],
      [secondRun, 'editor'],
    ]);
    expect((await readRuns(config.history.path, other)).map((r) => r.id)).toEqual([otherRun]);
  });

  it('hash a file again only when its size or modification time changed', async () => {
    const current = path.join(folder, 'current.csv');
    // A modification time in whole seconds, which every file system and utimes keep exactly.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    utimesSync(current, mtime, mtime);
    const { size } = statSync(current);
    const original = readFileSync(current);
    await recordRun(config.history.path, { report, config, configText, trigger: 'cli' });
    // Same size and time, other bytes: taken as unchanged, so the recorded hash is the earlier one.
    const altered = Buffer.from(original);
    altered[altered.length - 2] = altered[altered.length - 2] === 0x30 ? 0x31 : 0x30;
    writeFileSync(current, altered);
    utimesSync(current, mtime, mtime);
    expect(statSync(current).size).toBe(size);
    const cached = await recordRun(config.history.path, { report, config, configText, trigger: 'cli' });
    expect(
      await queryValue(
        config.history.path,
        `SELECT sha256 FROM run_files WHERE run_id = ${cached} AND role = 'current'`,
      ),
    ).toBe(sha256Of(original));
    // A new modification time: hashed again.
    utimesSync(current, mtime, new Date(mtime.getTime() + 5000));
    const hashed = await recordRun(config.history.path, { report, config, configText, trigger: 'cli' });
    expect(
      await queryValue(
        config.history.path,
        `SELECT sha256 FROM run_files WHERE run_id = ${hashed} AND role = 'current'`,
      ),
    ).toBe(sha256Of(altered));
  });
});
