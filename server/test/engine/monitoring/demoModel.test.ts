/**
 * The model-monitoring demo end to end: a churn model in two versions whose inputs
 * barely move while, from 2026-05-15, the relation to churn changes
 * (test-fixtures/demo-model/generate.py). Metrics against scikit-learn
 * (test-fixtures/golden/demo_model.py wrote demo_model.json).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { metricValues } from '../../../src/engine/monitoring/modelPerformance';
import type { Report } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';

const config = new URL('../../../../test-fixtures/demo-model/drift.yaml', import.meta.url).pathname;
const golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/demo_model.json', import.meta.url), 'utf8'),
);
const CHANGE = '2026-05-15';

let report: Report;
beforeAll(async () => {
  report = await analyze(await loadConfig(config));
});

describe('performance', () => {
  it('infers a binary classification and says so', () => {
    expect(report.task).toBe('classification');
    expect(report.performance).toMatchObject({
      task: 'classification',
      taskInferred: true,
      positiveLabel: '1',
      baselineSource: 'reference',
    });
    expect(report.notes.some((n) => n.startsWith('Task classification: '))).toBe(true);
  });

  it('matches scikit-learn on every metric, model and file to 1e-9', () => {
    const performance = report.performance!;
    for (const model of performance.models) {
      const files = { reference: model.reference, current: model.current, test: model.datasets.test };
      for (const [file, metrics] of Object.entries(files)) {
        const values = metricValues(metrics);
        for (const [metric, expected] of Object.entries<number>(golden[file][model.model])) {
          expect(
            Math.abs(values[metric as keyof typeof values]! - expected),
            `${model.model} ${file} ${metric}`,
          ).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('turns each broken limit into a finding with both values and the limit', () => {
    const v1 = report.performance!.models[0];
    expect(v1.findings.map((f) => [f.metric, f.rule])).toEqual([
      ['f1', 'max_drop'],
      ['rocAuc', 'max_drop'],
      ['accuracy', 'min'],
    ]);
    const f1 = v1.findings[0];
    expect(f1.baseline).toBeCloseTo(golden.reference.v1.f1, 12);
    expect(f1.value).toBeCloseTo(golden.current.v1.f1, 12);
    expect(f1.limit).toBe(0.05);
    expect(v1.deltas.f1).toBeCloseTo(golden.current.v1.f1 - golden.reference.v1.f1, 12);
    expect(v1.gaps.test.f1).toBeCloseTo(golden.current.v1.f1 - golden.test.v1.f1, 12);
  });

  it('names the best model on current data', () => {
    const best = golden.current.v1.f1 > golden.current.v2.f1 ? 'v1' : 'v2';
    expect(report.performance!.best).toMatchObject({ model: best, metric: 'f1' });
  });
});

describe('concept drift', () => {
  it('finds that the errors rose, and detects the change after it happened', () => {
    for (const model of report.concept.models) {
      expect(model.errorsRose, model.model).toBe(true);
      expect(model.current.errorRate!).toBeGreaterThan(model.reference.errorRate!);
      expect(model.changePoints.map((c) => c.detector)).toEqual(['ddm', 'page-hinkley', 'adwin']);
      // Every detector fires, and only after the change.
      for (const points of model.changePoints) expect(points.detections[0].time >= CHANGE, points.detector).toBe(true);
      const confirmed = model.confirmedChange!;
      expect(confirmed.detectors.length).toBeGreaterThanOrEqual(2);
      // Within a week of the change.
      expect(confirmed.time >= CHANGE && confirmed.time < '2026-05-22').toBe(true);
    }
  });

  it('says the errors rose along with the two inputs that drifted (low), under drift.share', () => {
    expect(report.dataset.drifted).toBe(false);
    expect(report.concept.diagnosis).toMatchObject({
      dataDrift: false,
      conceptDrift: true,
      driftedInputs: [
        { name: 'monthly_charges', severity: 'low' },
        { name: 'payment_method', severity: 'low' },
      ],
    });
    expect(report.concept.diagnosis.explanation).toContain(
      'Some inputs drifted, fewer than drift.share: monthly_charges and payment_method (low).',
    );
    expect(
      report.concept.diagnosis.explanation.some((line) =>
        line.startsWith('Concept drift or input drift: errors of v1 rose (error rate 20.3% → 36.2%'),
      ),
    ).toBe(true);
  });
});

describe('quality, windows, alerts, risk and the retraining decision', () => {
  it('reports the new payment method as a quality finding', () => {
    const finding = report.quality.findings.find((f) => f.kind === 'new-categories' && f.column === 'payment_method');
    expect(finding?.message).toContain('wallet');
  });

  it('cuts the current quarter into weeks with drift and performance per window', () => {
    const windows = report.windows!;
    expect(windows.every).toBe('1w');
    expect(windows.current.length).toBeGreaterThanOrEqual(13);
    expect(windows.current.reduce((n, w) => n + w.rows, 0)).toBe(report.current.rows);
    const before = windows.current.filter((w) => w.end <= `${CHANGE}T00:00:00.000Z`);
    const after = windows.current.filter((w) => w.start >= '2026-05-18');
    const accuracy = (ws: typeof before) => ws.reduce((s, w) => s + w.performance!.accuracy!, 0) / ws.length;
    expect(accuracy(after)).toBeLessThan(accuracy(before) - 0.15);
    expect(Object.keys(windows.current[0].statistics).sort()).toEqual(
      report.features
        .filter((f) => f.role === 'feature')
        .map((f) => f.name)
        .sort(),
    );
  });

  it('gives each window the band of every series from the fourth window on, and flags the values outside it', () => {
    const windows = report.windows!.current;
    expect(windows.slice(0, 3).every((w) => Object.keys(w.bands).length === 0)).toBe(true);
    expect(Object.keys(windows[3]!.bands)).toEqual(
      expect.arrayContaining(['drift share', 'f1', ...Object.keys(windows[0]!.statistics)]),
    );
    for (const w of windows) {
      for (const a of w.anomalies) expect(w.bands[a.metric]).toEqual({ low: a.low, high: a.high });
      const f1 = w.bands.f1;
      if (f1 && !w.anomalies.some((a) => a.metric === 'f1')) expect(w.performance!.f1).toBeGreaterThanOrEqual(f1.low);
    }
  });

  it('raises alerts most severe first, each with a recommendation', () => {
    const kinds = new Set(report.alerts.map((a) => a.kind));
    for (const kind of ['performance', 'concept-drift', 'quality', 'target-drift'] as const)
      expect(kinds.has(kind), kind).toBe(true);
    const ranks = report.alerts.map((a) => ['low', 'moderate', 'high'].indexOf(a.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const alert of report.alerts) expect(alert.recommendation.length).toBeGreaterThan(20);
  });

  it('scores the risk high and recommends retraining with reasons', () => {
    expect(report.risk.score).toBeGreaterThanOrEqual(40);
    expect(report.retraining.retrain).toBe(true);
    expect(report.retraining.priority).toBe('high');
    expect(report.retraining.reasons.some((r) => r.startsWith('performance: f1 of v1'))).toBe(true);
    expect(report.retraining.reasons.some((r) => r.startsWith('concept drift'))).toBe(true);
  });

  it('validates against schemas/report.schema.json', () => {
    const validate = reportValidator();
    validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
  });
});
