import { describe, expect, it } from 'vitest';
import { numericalTests, sortedValues } from '../../../src/engine/analysis/numericalDrift';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { driftSize, driftSizeError, testsForDriftSize } from '../../../src/engine/windows/driftSize';
import { metricErrors, rateError } from '../../../src/engine/windows/samplingError';
import type { ClassificationMetrics } from '../../../src/protocol/report';
import { METHOD_NAMES, type DriftMethod } from '../../../src/protocol/methods';

// A reference of 40 values and a window of 20: nₑ = 40·20/60 = 40/3.
const sizes = { reference: 40, window: 20, cells: 10 };

describe('driftSize', () => {
  it('is the distance itself for a distance method', () => {
    expect(driftSize('psi', { psi: { value: 0.2 } }, sizes)).toBe(0.2);
    expect(driftSize('wasserstein', { wasserstein: { value: 3, normed: 0.3 } }, sizes)).toBe(0.3);
  });

  it("is a p-value test's own measure of difference, never its p-value", () => {
    expect(driftSize('ks', { ks: { statistic: 0.3, pValue: 0.01, method: 'exact' } }, sizes)).toBe(0.3);
    // |2U/(n·m) − 1| is the same for either sample's U: 600 and 800 − 600.
    expect(driftSize('mannwhitney', { mannwhitney: { statistic: 600, pValue: 0.01 } }, sizes)).toBe(0.5);
    expect(driftSize('mannwhitney', { mannwhitney: { statistic: 200, pValue: 0.01 } }, sizes)).toBe(0.5);
    expect(driftSize('cramervonmises', { cramervonmises: { statistic: 0.5, pValue: 0.04 } }, sizes)).toBeCloseTo(
      0.0375,
      15,
    );
    // Cohen's w = √(χ²/nₑ); for two categories χ² = z², so the z-test gives the same.
    const w = Math.sqrt(4 / (40 / 3));
    expect(driftSize('chisquare', { chisquare: { statistic: 4, pValue: 0.05, dof: 1 } }, sizes)).toBeCloseTo(w, 15);
    expect(driftSize('ztest', { ztest: { statistic: -2, pValue: 0.05 } }, sizes)).toBeCloseTo(w, 15);
  });

  it('bands Anderson–Darling on the KS distance of the same window, which it asks for', () => {
    expect(testsForDriftSize('andersondarling')).toEqual(['andersondarling', 'ks']);
    expect(testsForDriftSize('ks')).toEqual(['ks']);
    const tests = {
      andersondarling: { statistic: 5, pValue: 0.001, pValueCapped: true },
      ks: { statistic: 0.4, pValue: 0.001, method: 'exact' as const },
    };
    expect(driftSize('andersondarling', tests, sizes)).toBe(0.4);
  });

  it('is null where the test is missing or not a number', () => {
    expect(driftSize('ks', {}, sizes)).toBeNull();
    expect(driftSize('hellinger', { hellinger: { value: Number.NaN } }, sizes)).toBeNull();
  });
});

describe('driftSizeError', () => {
  it('matches the spread of each numerical drift size between samples of one distribution', () => {
    // 200 seeded pairs of normal samples, 1,000 reference and 200 window values, 10 bins.
    const random = mulberry32(20261203);
    const normal = (n: number) =>
      Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    const methods = METHOD_NAMES.filter((m) => m !== 'chisquare' && m !== 'ztest') as Exclude<
      DriftMethod,
      'chisquare' | 'ztest'
    >[];
    const drawn = new Map<DriftMethod, number[]>(methods.map((m) => [m, []]));
    const pair = { reference: 1000, window: 200, cells: 10 };
    for (let i = 0; i < 200; i++) {
      const reference = sortedValues(normal(1000));
      const tests = numericalTests(reference, sortedValues(normal(200)), 10, 1);
      for (const m of methods) drawn.get(m)!.push(driftSize(m, tests, pair)!);
    }
    for (const m of methods) {
      const values = drawn.get(m)!;
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
      expect(driftSizeError(m, pair) / std, m).toBeGreaterThan(0.8);
      expect(driftSizeError(m, pair) / std, m).toBeLessThan(1.25);
    }
  });
});

describe('rateError', () => {
  it('is the binomial standard error, with p shrunk by the rule of succession', () => {
    // 20 of 40: p = 21/42 = 0.5, √(0.25/40).
    expect(rateError(0.5, 40)).toBeCloseTo(0.07905694150420949, 15);
    // 10 of 10: p = 11/12, so a rate of 1 still has an error.
    expect(rateError(1, 10)).toBeCloseTo(0.08740073734751262, 15);
    expect(rateError(0, 0)).toBeNull();
  });
});

describe('metricErrors', () => {
  it('takes each rate over its own rows, and ROC AUC by Hanley and McNeil', () => {
    // 200 rows, 40 actual positives, 41 predicted (20 true): precision 20/41, recall 0.5.
    const metrics = {
      task: 'classification',
      rows: 200,
      labels: ['0', '1'],
      positiveLabel: '1',
      accuracy: 0.795,
      precision: 20 / 41,
      recall: 0.5,
      f1: 40 / 81,
      rocAuc: 0.8,
      confusionMatrix: [
        [139, 21],
        [20, 20],
      ],
    } as ClassificationMetrics;
    const errors = metricErrors(metrics);
    expect(errors.accuracy).toBe(rateError(0.795, 200));
    // 20 of 41: p = 21/43.
    expect(errors.precision).toBeCloseTo(0.0780657621120184, 15);
    expect(errors.recall).toBe(rateError(0.5, 40));
    expect(errors.f1).toBe(rateError(40 / 81, 40.5));
    // Hanley & McNeil (1982), eq. 2, at A = 0.8 with 40 positives and 160 negatives.
    expect(errors.rocAuc).toBeCloseTo(0.04420595736624948, 15);
    expect(errors.logLoss).toBeUndefined();
  });

  it('has none for a regression', () => {
    expect(metricErrors({ task: 'regression' } as Parameters<typeof metricErrors>[0])).toEqual({});
  });
});
