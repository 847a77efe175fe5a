/** Edge cases of the metrics that the sklearn fixtures (golden.test.ts) do not reach. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import { classificationMetrics } from '../../../src/engine/performance/classification';
import { regressionMetrics } from '../../../src/engine/performance/regression';
import { rocAuc, rocCurve } from '../../../src/engine/performance/rocAuc';
import { numbers, texts } from './columns';

describe('classificationMetrics edge cases', () => {
  it('one class in the truth: no rocAuc or logLoss', () => {
    const m = classificationMetrics(numbers([1, 1, 1]), numbers([1, 0, 1]), numbers([0.9, 0.2, 0.8]), {});
    expect(m).toMatchObject({
      rocAuc: null,
      logLoss: null,
      positiveLabel: '1',
      precision: 1,
      recall: 2 / 3,
      probabilityRowsSkipped: 0,
    });
  });
  it('one class in the rows that have a probability: no rocAuc or logLoss, skipped rows counted', () => {
    const m = classificationMetrics(numbers([1, 0, 1]), numbers([1, 0, 1]), numbers([0.9, null, 0.8]), {});
    expect(m).toMatchObject({ rocAuc: null, logLoss: null, probabilityRowsSkipped: 1 });
  });
  it('empty input', () => {
    const m = classificationMetrics(numbers([]), texts([]), numbers([]), {});
    expect(m).toMatchObject({
      rows: 0,
      skippedRows: 0,
      labels: [],
      positiveLabel: null,
      positiveLabelReason: null,
      rocAuc: null,
      logLoss: null,
    });
    expect(m.confusionMatrix).toEqual([]);
    expect(m.perClass).toEqual([]);
    for (const value of [m.accuracy, m.precision, m.recall, m.f1]) expect(value).toBeNaN();
  });
  it('no row with both truth and prediction', () => {
    const m = classificationMetrics(numbers([1, null, 0]), numbers([null, 1, null]), undefined, {});
    expect(m).toMatchObject({ rows: 0, skippedRows: 3, labels: [] });
    expect(m.accuracy).toBeNaN();
  });
  it('a window without positives scores the absent positive class 0', () => {
    const m = classificationMetrics(numbers([0, 0, 0]), numbers([0, 0, 0]), undefined, {});
    expect(m).toMatchObject({
      labels: ['0'],
      positiveLabel: '1',
      accuracy: 1,
      precision: 0,
      recall: 0,
      f1: 0,
      confusionMatrix: [[3]],
    });
  });
  it('multiclass ignores the probability column', () => {
    const m = classificationMetrics(texts(['a', 'b', 'c']), texts(['a', 'b', 'b']), numbers([0.1, 0.2, null]), {});
    expect(m).toMatchObject({
      positiveLabel: null,
      rocAuc: null,
      logLoss: null,
      probabilityRowsSkipped: 0,
      accuracy: 2 / 3,
    });
    expect(m.precisionWeighted).not.toBeNull();
  });
  it('refuses more than 1,000 classes', () => {
    const many = numbers(
      Array.from({ length: 1001 }, (_, i) => i),
      'price',
    );
    expect(() => classificationMetrics(many, many, undefined, {})).toThrow(InputError);
  });
  it('handles 1,000,000 rows', () => {
    const n = 1_000_000;
    const truth = new Float64Array(n);
    const predicted = new Float64Array(n);
    const probability = new Float64Array(n);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      truth[i] = (i * 7919) % 3 === 0 ? 1 : 0;
      probability[i] = ((i * 104729) % 1000) / 1000;
      predicted[i] = probability[i] > 0.6 ? 1 : 0;
      if (truth[i] === predicted[i]) correct++;
    }
    const column = (values: Float64Array) => ({ ...numbers([]), values });
    const m = classificationMetrics(column(truth), column(predicted), column(probability), {});
    expect(m.rows).toBe(n);
    expect(m.accuracy).toBe(correct / n);
    expect(m.rocAuc).toBeGreaterThan(0);
  });
});

describe('rocAuc = P(positive scores above negative), ties counting a half', () => {
  it('matches the pairwise definition on tied scores', () => {
    const negatives = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 11).sort();
    const positives = Float64Array.from({ length: 150 }, (_, i) => 2 + ((i * 53) % 13)).sort();
    let wins = 0;
    for (const p of positives) for (const q of negatives) wins += p > q ? 1 : p === q ? 0.5 : 0;
    expect(rocAuc(negatives, positives)).toBeCloseTo(wins / (200 * 150), 15);
  });
  it('is NaN without both classes', () => {
    expect(rocAuc(new Float64Array(0), Float64Array.of(1))).toBeNaN();
  });
});

describe('rocCurve', () => {
  it('matches sklearn roc_curve(drop_intermediate=False), tied scores moving both rates at once', () => {
    // y_true [0, 0, 1, 1, 0, 1], y_score [0.1, 0.4, 0.35, 0.8, 0.8, 0.1]
    expect(rocCurve(Float64Array.of(0.1, 0.4, 0.8), Float64Array.of(0.1, 0.35, 0.8))).toEqual({
      fpr: [0, 1 / 3, 2 / 3, 2 / 3, 1],
      tpr: [0, 1 / 3, 1 / 3, 2 / 3, 1],
    });
  });
  it('thins a long curve to points at least 0.01 apart, ending at (1, 1)', () => {
    const negatives = Float64Array.from({ length: 5000 }, (_, i) => i / 5000);
    const positives = Float64Array.from({ length: 5000 }, (_, i) => 0.3 + i / 5000).sort();
    const curve = rocCurve(negatives, positives)!;
    expect(curve.fpr.length).toBeLessThanOrEqual(202);
    expect([curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([1, 1]);
    let area = 0;
    for (let i = 1; i < curve.fpr.length; i++)
      area += ((curve.fpr[i]! - curve.fpr[i - 1]!) * (curve.tpr[i]! + curve.tpr[i - 1]!)) / 2;
    expect(area).toBeCloseTo(rocAuc(negatives, positives), 2);
  });
  it('is null without both classes', () => {
    expect(rocCurve(new Float64Array(0), Float64Array.of(1))).toBeNull();
  });
});

describe('regressionMetrics edge cases', () => {
  it('empty input: every metric NaN, no mape', () => {
    const m = regressionMetrics(numbers([]), numbers([]));
    expect(m).toMatchObject({ rows: 0, skippedRows: 0, mape: null, mapeZeroTargetsSkipped: 0 });
    for (const value of [m.mae, m.rmse, m.r2, m.meanError]) expect(value).toBeNaN();
  });
  it('all targets 0: no mape, the zeros counted', () => {
    expect(regressionMetrics(numbers([0, 0, null]), numbers([1, 2, 3]))).toMatchObject({
      mape: null,
      mapeZeroTargetsSkipped: 2,
      skippedRows: 1,
    });
  });
  it('r2 as sklearn forces it finite, NaN below 2 rows', () => {
    expect(regressionMetrics(numbers([1, 2, 3]), numbers([1, 2, 3])).r2).toBe(1);
    expect(regressionMetrics(numbers([2, 2, 2]), numbers([1, 2, 3])).r2).toBe(0);
    expect(regressionMetrics(numbers([2]), numbers([3])).r2).toBeNaN();
  });
  it('meanError is positive when over-predicting', () => {
    expect(regressionMetrics(numbers([1, 2, 4]), numbers([2, 3, 5]))).toMatchObject({
      meanError: 1,
      mae: 1,
      rmse: 1,
      mape: (1 + 0.5 + 0.25) / 3,
    });
  });
});
