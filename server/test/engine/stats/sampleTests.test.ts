import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { andersonDarlingKSample } from '../../../src/engine/stats/andersonDarling';
import { cramerVonMisesTwoSample } from '../../../src/engine/stats/cramerVonMises';
import { kolmogorovSf } from '../../../src/engine/stats/kolmogorov';
import { ksTwoSample } from '../../../src/engine/stats/ks';
import { mannWhitneyU } from '../../../src/engine/stats/mannWhitney';
import { cdfDistances } from '../../../src/engine/stats/wasserstein';

const wasserstein = (a: Float64Array, b: Float64Array) => cdfDistances(a, b).wasserstein;
const energyDistance = (a: Float64Array, b: Float64Array) => cdfDistances(a, b).energy;

/** scipy's outputs; null where scipy raises or returns NaN. Made by sample_tests.py. */
interface Golden {
  samples: Record<string, number[]>;
  cases: {
    name: string;
    reference: number[] | string;
    current: number[] | string;
    ks: { statistic: number; pValue: number; method: 'exact' | 'asymptotic' } | null;
    mannWhitney: { statistic: number; pValue: number } | null;
    cramerVonMises: { statistic: number; pValue: number } | null;
    andersonDarling: { statistic: number; pValue: number; pValueCapped: boolean } | null;
    wasserstein: number | null;
    energy: number | null;
  }[];
  kolmogorov: { n: number; d: number; sf: number }[];
}

const golden: Golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/sample_tests.json', import.meta.url), 'utf8'),
);

function values(sample: number[] | string): Float64Array {
  return Float64Array.from(typeof sample === 'string' ? golden.samples[sample] : sample);
}

/** Statistics: within 1e-12, relative to the value once it exceeds 1. */
function expectStatistic(actual: number, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

/** p-values: within 1% relative above 1e-12, within 1e-12 absolute below. */
function expectPValue(actual: number, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  expect(actual).toBeGreaterThanOrEqual(0);
  expect(actual).toBeLessThanOrEqual(1);
  if (expected > 1e-12) expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.01 * expected);
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
}

describe.each(golden.cases)('$name', (c) => {
  const reference = values(c.reference);
  const current = values(c.current);

  it('ksTwoSample matches scipy.stats.ks_2samp', () => {
    const result = ksTwoSample(reference, current);
    expectStatistic(result.statistic, c.ks?.statistic ?? null);
    expectPValue(result.pValue, c.ks?.pValue ?? null);
    if (c.ks) expect(result.method).toBe(c.ks.method);
  });

  it('mannWhitneyU matches scipy.stats.mannwhitneyu', () => {
    const result = mannWhitneyU(reference, current);
    expectStatistic(result.statistic, c.mannWhitney?.statistic ?? null);
    expectPValue(result.pValue, c.mannWhitney?.pValue ?? null);
  });

  it('cramerVonMisesTwoSample matches scipy.stats.cramervonmises_2samp', () => {
    const result = cramerVonMisesTwoSample(reference, current);
    expectStatistic(result.statistic, c.cramerVonMises?.statistic ?? null);
    expectPValue(result.pValue, c.cramerVonMises?.pValue ?? null);
  });

  it('andersonDarlingKSample matches scipy.stats.anderson_ksamp', () => {
    const result = andersonDarlingKSample(reference, current);
    expectStatistic(result.statistic, c.andersonDarling?.statistic ?? null);
    expectPValue(result.pValue, c.andersonDarling?.pValue ?? null);
    expect(result.pValueCapped).toBe(c.andersonDarling?.pValueCapped ?? false);
  });

  it('wasserstein and energyDistance match scipy.stats', () => {
    expectStatistic(wasserstein(reference, current), c.wasserstein);
    expectStatistic(energyDistance(reference, current), c.energy);
  });
});

describe('kolmogorovSf', () => {
  it.each(golden.kolmogorov)('matches scipy.stats.kstwo.sf(d = $d, n = $n)', ({ n, d, sf }) => {
    expectPValue(kolmogorovSf(d, n), sf);
  });
});

describe('properties', () => {
  /** Deterministic normal-ish values: sums of uniforms from a linear congruential generator. */
  function sortedSample(n: number, shift: number, seed: number): Float64Array {
    let state = seed;
    const uniform = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.round((uniform() + uniform() + uniform() - 1.5 + shift) * 100) / 100;
    return out.sort();
  }

  const a = sortedSample(700, 0, 1);
  const b = sortedSample(450, 0.1, 2);
  const large = sortedSample(15000, 0, 3);

  it('identical samples: no distance and no evidence of a difference', () => {
    for (const sample of [a, large]) {
      const ks = ksTwoSample(sample, sample);
      expect(ks.statistic).toBe(0);
      expect(ks.pValue).toBe(1);
      expect(mannWhitneyU(sample, sample).pValue).toBe(1);
      expect(mannWhitneyU(sample, sample).statistic).toBe((sample.length * sample.length) / 2);
      expect(cramerVonMisesTwoSample(sample, sample).pValue).toBe(1);
      expect(andersonDarlingKSample(sample, sample)).toMatchObject({ pValue: 0.25, pValueCapped: true });
      expect(wasserstein(sample, sample)).toBe(0);
      expect(energyDistance(sample, sample)).toBe(0);
    }
  });

  it('swapping the samples changes nothing but U, which becomes n1·n2 − U', () => {
    for (const [x, y] of [
      [a, b],
      [large, b],
    ]) {
      expect(ksTwoSample(y, x)).toEqual(ksTwoSample(x, y));
      const forward = mannWhitneyU(x, y);
      const backward = mannWhitneyU(y, x);
      expect(backward.statistic).toBe(x.length * y.length - forward.statistic);
      expect(backward.pValue).toBe(forward.pValue);
      const cvm = cramerVonMisesTwoSample(x, y);
      const cvmSwapped = cramerVonMisesTwoSample(y, x);
      expect(cvmSwapped.statistic).toBeCloseTo(cvm.statistic, 12);
      expect(cvmSwapped.pValue).toBeCloseTo(cvm.pValue, 12);
      const ad = andersonDarlingKSample(x, y);
      const adSwapped = andersonDarlingKSample(y, x);
      expect(adSwapped.statistic).toBeCloseTo(ad.statistic, 12);
      expect(adSwapped.pValue).toBeCloseTo(ad.pValue, 12);
      expect(wasserstein(y, x)).toBeCloseTo(wasserstein(x, y), 12);
      expect(energyDistance(y, x)).toBeCloseTo(energyDistance(x, y), 12);
    }
  });

  it('shifting one sample by a constant moves the Wasserstein distance by that constant when it separates them', () => {
    const shifted = a.map((v) => v + 100);
    const meanGap = shifted.reduce((s, v) => s + v, 0) / a.length - a.reduce((s, v) => s + v, 0) / a.length;
    expect(wasserstein(a, shifted)).toBeCloseTo(meanGap, 9);
    expect(ksTwoSample(a, shifted).statistic).toBe(1);
  });

  it('empty samples give NaN rather than throwing', () => {
    const empty = new Float64Array(0);
    expect(ksTwoSample(empty, a).pValue).toBeNaN();
    expect(mannWhitneyU(a, empty).pValue).toBeNaN();
    expect(cramerVonMisesTwoSample(empty, a).pValue).toBeNaN();
    expect(andersonDarlingKSample(a, empty).pValue).toBeNaN();
    expect(wasserstein(empty, a)).toBeNaN();
    expect(energyDistance(a, empty)).toBeNaN();
  });
});
