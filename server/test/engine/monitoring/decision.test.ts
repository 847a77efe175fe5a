/** The retraining decision on hand-made inputs. */
import { describe, expect, it } from 'vitest';
import { retrainingDecision } from '../../../src/engine/monitoring/retrainingDecision';
import type { Alert, ConceptReport, DatasetDrift, PerformanceReport, Risk } from '../../../src/protocol/report';

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
  diagnosis: { dataDrift: false, predictionDrift: false, conceptDrift: false, driftedInputs: [], explanation: [] },
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

describe('retrainingDecision', () => {
  const config = { when: ['dataset_drift', 'performance_drop', 'concept_drift'] as const, minRows: 1000 };
  const risk: Risk = { score: 20, level: 'moderate', meaning: '', components: [] };
  const labelled = (current: number) => ({ labelledRows: current, referenceLabelledRows: 5000 });

  it('does not retrain when no condition is met', () => {
    expect(
      retrainingDecision(
        { ...config, when: [...config.when] },
        { ...labelled(5000), dataset: dataset(0.1), performance: null, concept: noConcept, alerts: [], risk },
      ),
    ).toEqual({
      state: 'not-needed',
      retrain: false,
      priority: 'none',
      minRows: 1000,
      reasons: ['no retraining condition is met (dataset_drift, performance_drop, concept_drift)'],
    });
  });

  it('retrains on dataset drift with enough labelled rows, at the risk level', () => {
    const decision = retrainingDecision(
      { ...config, when: [...config.when] },
      { ...labelled(5000), dataset: dataset(0.6), performance: null, concept: noConcept, alerts: [], risk },
    );
    expect(decision).toEqual({
      state: 'recommended',
      retrain: true,
      priority: risk.level,
      minRows: 1000,
      reasons: ['dataset drift: 6 of 10 input features drifted'],
    });
  });

  it('says when too few labelled rows block a retrain, and how many labels are missing', () => {
    const decision = retrainingDecision(
      { ...config, when: [...config.when] },
      { ...labelled(300), dataset: dataset(0.6), performance: null, concept: noConcept, alerts: [], risk },
    );
    expect(decision).toMatchObject({ state: 'blocked', retrain: false, priority: risk.level, labelsNeeded: 700 });
    expect(decision.reasons[1]).toBe(
      'blocked: 300 labelled current rows, fewer than retraining.min_rows = 1,000; collect 700 more labels first',
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
      ...labelled(5000),
    };
    expect(retrainingDecision({ when: ['performance_drop'], minRows: 1000 }, inputs)).toEqual({
      state: 'recommended',
      retrain: true,
      priority: 'high',
      minRows: 1000,
      reasons: ['performance: mae of m went from 10 to 13'],
    });
  });
});
