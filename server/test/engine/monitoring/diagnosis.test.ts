/** The diagnosis agrees with the feature verdicts: each case the issue names, on hand-made verdicts. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/monitoring/diagnosis';
import type { DatasetDrift, ErrorDrift, FeatureDrift } from '../../../src/protocol/report';

const feature = (
  name: string,
  severity: FeatureDrift['severity'],
  role: FeatureDrift['role'] = 'feature',
  model?: string,
) => ({ name, role, model, drifted: severity !== 'none', severity }) as FeatureDrift;

function dataset(features: FeatureDrift[]): DatasetDrift {
  const inputs = features.filter((f) => f.role === 'feature');
  const drifted = inputs.filter((f) => f.drifted).length;
  return {
    features: inputs.length,
    driftedFeatures: drifted,
    share: drifted / inputs.length,
    threshold: 0.5,
    drifted: drifted / inputs.length >= 0.5,
  };
}

function errors(rose: boolean, confirmed = false): ErrorDrift {
  return {
    model: 'model',
    error: 'misclassification',
    reference: { rows: 5000, errorRate: 0.157, meanAbsoluteError: null },
    current: { rows: 3000, errorRate: rose ? 0.189 : 0.158, meanAbsoluteError: null },
    test: { method: 'ztest', statistic: 3.6, pValue: rose ? 3e-4 : 0.9 },
    errorsRose: rose,
    changePoints: [],
    confirmedChange: confirmed ? { index: 10, time: '2026-05-18T00:00:00.000Z', detectors: ['ddm', 'adwin'] } : null,
  };
}

const stable = ['age', 'region', 'score'].map((name) => feature(name, 'none'));

function diagnosis(features: FeatureDrift[], errorDrifts: ErrorDrift[] = [errors(false)]) {
  return diagnose(dataset(features), features, errorDrifts);
}

describe('the diagnosis', () => {
  it('says no drift only when nothing drifted and no errors rose', () => {
    expect(diagnosis(stable)).toMatchObject({
      dataDrift: false,
      predictionDrift: false,
      conceptDrift: false,
      driftedInputs: [],
      explanation: ["No drift: no input, prediction or target column drifted, and no model's errors rose."],
    });
    expect(diagnosis(stable, []).explanation).toEqual([
      'No drift: no input, prediction or target column drifted. Concept drift is not measured without a target and a model.',
    ]);
  });

  it('names the inputs that drifted under drift.share: 5 of 11 drifting high is not "no drift"', () => {
    const features = [
      ...['a', 'b', 'c', 'd', 'e'].map((name) => feature(name, 'high')),
      ...['f', 'g', 'h', 'i', 'j', 'k'].map((name) => feature(name, 'none')),
    ];
    expect(diagnosis(features).explanation).toEqual([
      'Some inputs drifted, fewer than drift.share: a, b, c, d and e (high).',
    ]);
  });

  it('says data drift with the share and the drifted inputs, most severe first', () => {
    const features = [feature('x', 'low'), feature('y', 'high'), feature('z', 'none')];
    expect(diagnosis(features)).toMatchObject({
      dataDrift: true,
      driftedInputs: [
        { name: 'y', severity: 'high' },
        { name: 'x', severity: 'low' },
      ],
      explanation: ['Data drift: 2 of 3 input features drifted (67%, limit 50%): y (high), x (low).'],
    });
  });

  it('says prediction drift and target drift by column', () => {
    const features = [
      ...stable,
      feature('p', 'high', 'probability', 'model'),
      feature('label', 'none', 'prediction', 'model'),
      feature('churned', 'moderate', 'target'),
    ];
    expect(diagnosis(features)).toMatchObject({
      predictionDrift: true,
      explanation: [
        "Prediction drift: the probability column 'p' of model drifted.",
        "Target drift: the mix of 'churned' changed.",
      ],
    });
  });

  it('calls a rise in errors with every input stable concept drift', () => {
    expect(diagnosis(stable, [errors(true, true)])).toMatchObject({
      conceptDrift: true,
      explanation: [
        'Concept drift: errors of model rose (error rate 15.7% → 18.9%, change detected at 2026-05-18T00:00:00.000Z by ddm and adwin) while no input feature drifted: the relation between inputs and target changed.',
      ],
    });
  });

  it('says both when errors rose while inputs drifted, never that the inputs did not move (demo 1)', () => {
    const features = [
      feature('income', 'high'),
      feature('loan_amount', 'high'),
      feature('employment_type', 'moderate'),
      ...['age', 'credit_score', 'region', 'num_accounts', 'has_mortgage'].map((name) => feature(name, 'none')),
    ];
    const { explanation } = diagnosis(features, [errors(true)]);
    expect(explanation).toEqual([
      'Some inputs drifted, fewer than drift.share: income and loan_amount (high), employment_type (moderate).',
      'Concept drift or input drift: errors of model rose (error rate 15.7% → 18.9%) while income and loan_amount (high), employment_type (moderate) drifted: the drifted inputs may explain it, or the relation between inputs and target changed; the data cannot tell which.',
    ]);
    expect(explanation.join(' ')).not.toMatch(/did not move|stayed/);
  });

  it('puts a rise in errors with dataset drift down to the data drift', () => {
    const features = [feature('x', 'high'), feature('y', 'high'), feature('z', 'none')];
    expect(diagnosis(features, [errors(true)]).explanation[1]).toBe(
      'Errors rose with the data drift: errors of model rose (error rate 15.7% → 18.9%) along with the inputs; the data drift may explain it.',
    );
  });
});
