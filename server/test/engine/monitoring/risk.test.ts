/**
 * The risk score: it tells the real-data patterns apart (test-fixtures/risk), each component
 * is capped so that no single finding makes it high, and the breakdown adds up to the score.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { riskLevel, riskScore, type RiskInputs } from '../../../src/engine/monitoring/risk';
import type { Alert, ErrorDrift, FeatureDrift, Report } from '../../../src/protocol/report';

const cases = new URL('../../../../test-fixtures/risk/', import.meta.url).pathname;
/** From nothing wrong to many severe findings at once (generate.py says how each was made). */
const BY_SEVERITY = ['stable', 'one-low', 'one-high-one-moderate', 'five-high', 'severe'];

describe('the real-data patterns', () => {
  const reports = new Map<string, Report>();
  beforeAll(async () => {
    for (const name of BY_SEVERITY)
      reports.set(name, await analyze(await loadConfig(join(cases, `${name}.drift.yaml`))));
  });
  const risk = (name: string) => reports.get(name)!.risk;

  it('get distinct scores, in the order of their severity', () => {
    const scores = BY_SEVERITY.map((name) => risk(name).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(scores.length);
    expect(BY_SEVERITY.map((name) => risk(name).level)).toEqual(['none', 'low', 'moderate', 'moderate', 'high']);
  });

  it('put one high and one moderate feature drift with accuracy -0.038 well below 100: moderate', () => {
    const report = reports.get('one-high-one-moderate')!;
    const model = report.performance!.models[0];
    expect(model.deltas.accuracy).toBeCloseTo(-0.038, 12);
    expect(report.features.filter((f) => f.drifted).map((f) => [f.name, f.severity])).toEqual([
      ['f1', 'high'],
      ['f2', 'moderate'],
    ]);
    // The former formula gave 71/100, high.
    expect(risk('one-high-one-moderate')).toMatchObject({ score: 23, level: 'moderate' });
    const points = Object.fromEntries(risk('one-high-one-moderate').components.map((c) => [c.name, c.points]));
    // 30 × (1 + 0.6) / (0.5 × 11); 25 × 0.038 / 0.1; errors rose while some inputs drifted.
    expect(points).toEqual({
      inputDrift: expect.closeTo(8.727, 3),
      predictionDrift: 0,
      performance: expect.closeTo(9.5, 9),
      conceptDrift: 5,
      dataQuality: 0,
      timeWindows: 0,
    });
  });

  it('give nothing found 0 (the former formula gave 6), and keep five high drifts out of "high" (it gave 81)', () => {
    expect(risk('stable')).toMatchObject({ score: 0, level: 'none', meaning: 'Nothing found.' });
    expect(risk('five-high').level).toBe('moderate');
    expect(risk('severe').score).toBeLessThan(100);
  });

  it('say which components could not be measured, and why', () => {
    const windows = risk('stable').components.find((c) => c.name === 'timeWindows')!;
    expect(windows).toEqual({
      name: 'timeWindows',
      points: 0,
      max: 10,
      measured: false,
      reason: 'not measured: no time windows (windows.every and a timestamp column)',
    });
  });
});

const feature = (name: string, severity: FeatureDrift['severity'], role: FeatureDrift['role'] = 'feature') =>
  ({ name, role, drifted: severity !== 'none', severity }) as FeatureDrift;

const alert = (kind: Alert['kind'], severity: Alert['severity']): Alert => ({
  kind,
  severity,
  subject: 'x',
  message: 'm',
  values: {},
  recommendation: 'r',
});

function errors(reference: number, current: number, pValue: number): ErrorDrift {
  return {
    model: 'model',
    error: 'misclassification',
    reference: { rows: 2000, errorRate: reference, meanAbsoluteError: null },
    current: { rows: 2000, errorRate: current, meanAbsoluteError: null },
    test: { method: 'ztest', statistic: 0, pValue },
    errorsRose: current > reference && pValue < 0.05,
    changePoints: [],
    confirmedChange: null,
  };
}

/** Ten input features, none drifted, a model whose errors did not move, no alerts: the hand-made baseline. */
function inputs(change: Partial<RiskInputs> = {}, models: ErrorDrift[] = [errors(0.1, 0.1, 1)]): RiskInputs {
  const features = change.features ?? Array.from({ length: 10 }, (_, i) => feature(`x${i}`, 'none'));
  const inputFeatures = features.filter((f) => f.role === 'feature');
  const drifted = inputFeatures.filter((f) => f.drifted).length;
  return {
    features,
    dataset: {
      features: inputFeatures.length,
      driftedFeatures: drifted,
      share: drifted / inputFeatures.length,
      threshold: 0.5,
      drifted: drifted / inputFeatures.length >= 0.5,
    },
    performance: null,
    concept: {
      models,
      diagnosis: {
        dataDrift: false,
        predictionDrift: false,
        conceptDrift: false,
        driftedInputs: inputFeatures.filter((f) => f.drifted).map((f) => ({ name: f.name, severity: f.severity })),
        explanation: [],
      },
    },
    alerts: [],
    windows: null,
    ...change,
  };
}

describe('the components', () => {
  it('cannot make the risk high one at a time, even at their caps', () => {
    const allHigh = Array.from({ length: 10 }, (_, i) => feature(`x${i}`, 'high'));
    const alone = [
      inputs({ features: allHigh }),
      inputs({ features: [...inputs().features, feature('p', 'high', 'probability')] }),
      inputs({}, [errors(0.1, 0.5, 1e-50)]),
      inputs({ alerts: Array.from({ length: 10 }, () => alert('quality', 'high')) }),
    ];
    for (const single of alone) expect(riskScore(single).level).not.toBe('high');
    expect(riskScore(alone[0]).score).toBe(30);
  });

  it('count an accuracy drop only beyond sampling error', () => {
    const within = riskScore(inputs({}, [errors(0.1, 0.14, 0.2)])).components.find((c) => c.name === 'performance')!;
    expect(within).toMatchObject({
      points: 0,
      reason: 'accuracy of model 0.9 → 0.86, within sampling error (p = 0.2)',
    });
    const beyond = riskScore(inputs({}, [errors(0.1, 0.14, 0.001)])).components.find((c) => c.name === 'performance')!;
    expect(beyond.points).toBeCloseTo(10, 9);
  });

  it('give a broken performance limit at least half the performance points', () => {
    const limit = {
      model: 'model',
      metric: 'f1' as const,
      rule: 'max_drop' as const,
      value: 0.5,
      baseline: 0.6,
      limit: 0.05,
      message: 'f1 of model went from 0.6 to 0.5',
    };
    const performance = { findings: [limit] } as RiskInputs['performance'];
    const risk = riskScore(inputs({ performance, alerts: [alert('performance', 'high')] }));
    expect(risk.components.find((c) => c.name === 'performance')!.points).toBe(12.5);
    expect(risk.level).toBe('low');
  });

  it('score any finding at least 1, so that none means nothing found', () => {
    const many = Array.from({ length: 200 }, (_, i) => feature(`x${i}`, i === 0 ? 'low' : 'none'));
    const risk = riskScore(inputs({ features: many, alerts: [alert('feature-drift', 'low')] }));
    expect(risk.components[0].points).toBeCloseTo(0.09, 12);
    expect(risk).toMatchObject({ score: 1, level: 'low' });
  });

  it('leave performance and concept drift unmeasured without a model, rather than counting them as 0 of nothing', () => {
    const risk = riskScore(inputs({}, []));
    expect(risk.components.filter((c) => !c.measured).map((c) => c.name)).toEqual([
      'performance',
      'conceptDrift',
      'timeWindows',
    ]);
  });

  it('are level none at 0, low from 1, moderate from 15, high from 45', () => {
    expect([0, 1, 14, 15, 44, 45, 100].map(riskLevel)).toEqual([
      'none',
      'low',
      'low',
      'moderate',
      'moderate',
      'high',
      'high',
    ]);
  });
});
