/** The risk score and the retraining decision on hand-made inputs. */
import { describe, expect, it } from 'vitest';
import { retrainingDecision } from '../../../src/engine/monitoring/retrainingDecision';
import { riskScore } from '../../../src/engine/monitoring/risk';
import type { Alert, ConceptReport, DatasetDrift, PerformanceReport } from '../../../src/protocol/report';

const dataset = (share: number): DatasetDrift => ({
  features: 10,
  driftedFeatures: share * 10,
  share,
  threshold: 0.5,
  drifted: share >= 0.5,
});
const alert = (severity: Alert['severity'], kind: Alert['kind'] = 'feature-drift'): Alert => ({
  kind,
  severity,
  subject: 'x',
  message: 'm',
  values: {},
  recommendation: 'r',
});
const noConcept: ConceptReport = {
  models: [],
  diagnosis: { dataDrift: false, predictionDrift: false, conceptDrift: false, explanation: [] },
};

function performance(baseline: number, current: number): PerformanceReport {
  const metrics = {
    task: 'regression' as const,
    rows: 100,
    skippedRows: 0,
    mae: current,
    rmse: current,
    r2: 0.5,
    mape: null,
    mapeZeroTargetsSkipped: 0,
    meanError: 0,
  };
  return {
    task: 'regression',
    taskReason: '',
    taskInferred: false,
    positiveLabel: null,
    baselineSource: 'config',
    reference: {},
    current: { mae: current },
    best: null,
    problems: [],
    newClasses: [],
    models: [
      {
        model: 'm',
        prediction: 'p',
        probability: null,
        reference: metrics,
        current: metrics,
        datasets: {},
        baseline: { mae: baseline },
        deltas: { mae: current - baseline },
        gaps: {},
        findings: [],
      },
    ],
    findings: [],
  };
}

describe('riskScore', () => {
  it('is 0 with nothing wrong and 100 with everything saturated', () => {
    expect(riskScore(dataset(0), [], null)).toEqual({
      score: 0,
      level: 'none',
      components: { dataDrift: 0, alerts: 0, performance: null },
    });
    const worst = riskScore(
      dataset(0.6),
      [alert('high'), alert('high'), alert('high'), alert('high')],
      performance(1, 2),
    );
    expect(worst.score).toBe(100);
    expect(worst.level).toBe('high');
  });

  it('weighs the components 0.35 / 0.35 / 0.30 and leaves performance out without labels', () => {
    // Half of the drift share limit, alerts worth 5 of 10 points, mae 10% worse (half of the 20% that saturates).
    const risk = riskScore(dataset(0.25), [alert('high'), alert('moderate')], performance(10, 11));
    expect(risk.components).toEqual({ dataDrift: 0.5, alerts: 0.5, performance: expect.closeTo(0.5, 12) });
    expect(risk.score).toBe(50);
    expect(riskScore(dataset(0.25), [alert('high'), alert('moderate')], null).score).toBe(50);
  });

  it('does not count an improvement as risk', () => {
    expect(riskScore(dataset(0), [], performance(10, 8)).components.performance).toBe(0);
  });
});

describe('retrainingDecision', () => {
  const config = { when: ['dataset_drift', 'performance_drop', 'concept_drift'] as const, minRows: 1000 };
  const risk = riskScore(dataset(0.6), [], null);

  it('does not retrain when no condition is met', () => {
    expect(
      retrainingDecision(
        { ...config, when: [...config.when] },
        { dataset: dataset(0.1), performance: null, concept: noConcept, alerts: [], risk, labelledRows: 5000 },
      ),
    ).toEqual({
      retrain: false,
      priority: 'none',
      reasons: ['no retraining condition is met (dataset_drift, performance_drop, concept_drift)'],
    });
  });

  it('retrains on dataset drift with enough labelled rows, at the risk level', () => {
    const decision = retrainingDecision(
      { ...config, when: [...config.when] },
      { dataset: dataset(0.6), performance: null, concept: noConcept, alerts: [], risk, labelledRows: 5000 },
    );
    expect(decision).toEqual({
      retrain: true,
      priority: risk.level,
      reasons: ['dataset drift: 6 of 10 input features drifted'],
    });
  });

  it('says when too few labelled rows block a retrain', () => {
    const decision = retrainingDecision(
      { ...config, when: [...config.when] },
      { dataset: dataset(0.6), performance: null, concept: noConcept, alerts: [], risk, labelledRows: 300 },
    );
    expect(decision.retrain).toBe(false);
    expect(decision.reasons[1]).toBe(
      'blocked: only 300 labelled current rows, fewer than retraining.min_rows = 1,000; collect more labels first',
    );
  });

  it('ignores conditions left out of retraining.when, and makes a high performance alert urgent', () => {
    const p = performance(10, 13);
    p.findings = [
      {
        model: 'm',
        metric: 'mae',
        rule: 'max_drop',
        value: 13,
        baseline: 10,
        limit: 1,
        message: 'mae of m went from 10 to 13',
      },
    ];
    const inputs = {
      dataset: dataset(0.6),
      performance: p,
      concept: noConcept,
      alerts: [alert('high', 'performance')],
      risk,
      labelledRows: 5000,
    };
    expect(retrainingDecision({ when: ['performance_drop'], minRows: 1000 }, inputs)).toEqual({
      retrain: true,
      priority: 'high',
      reasons: ['performance: mae of m went from 10 to 13'],
    });
  });
});
