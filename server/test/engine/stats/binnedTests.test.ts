/**
 * The binned and categorical statistics against numpy / scipy golden values
 * (test-fixtures/golden/binned_tests.py wrote binned_tests.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binCounts, equalWidthEdges, quantileBinEdges } from '../../../src/engine/stats/binning';
import { categoryCounts } from '../../../src/engine/stats/categories';
import { chiSquareHomogeneity } from '../../../src/engine/stats/chiSquare';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../../../src/engine/stats/divergences';
import { populationStabilityIndex } from '../../../src/engine/stats/psi';
import { quantileSorted } from '../../../src/engine/stats/quantiles';
import { describeNumeric } from '../../../src/engine/stats/summary';
import { twoProportionZTest } from '../../../src/engine/stats/zTest';
import { expectClose, expectPValue } from './closeTo';

const golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/binned_tests.json', import.meta.url), 'utf8'),
);
const f64 = (values: number[]) => Float64Array.from(values);

describe('quantileSorted = numpy.quantile (linear)', () => {
  for (const c of golden.quantiles) {
    it(c.name, () => {
      const sorted = f64(c.sorted);
      c.q.forEach((q: number, i: number) => expect(quantileSorted(sorted, q)).toBe(c.expected[i]));
    });
  }
  it('rejects a quantile outside [0, 1] and gives NaN on no data', () => {
    expect(() => quantileSorted(f64([1]), 1.5)).toThrow(RangeError);
    expect(quantileSorted(f64([]), 0.5)).toBeNaN();
  });
});

describe('describeNumeric = numpy mean / std(ddof=1) / quantiles', () => {
  for (const c of golden.summary) {
    it(c.name, () => {
      const d = describeNumeric(f64(c.sorted));
      expect(d.count).toBe(c.expected.count);
      expectClose(d.mean, c.expected.mean, 1e-15);
      expectClose(d.std, c.expected.std, 1e-13);
      expect(d.min).toBe(c.expected.min);
      expect(d.max).toBe(c.expected.max);
      expect(d.quantiles).toEqual(c.expected.quantiles);
    });
  }
  it('a single value has no standard deviation; no values have no mean', () => {
    expect(describeNumeric(f64([3])).std).toBeNaN();
    expect(describeNumeric(f64([])).mean).toBeNaN();
  });
});

describe('quantileBinEdges and binCounts = numpy.quantile + numpy.histogram with open ends', () => {
  for (const c of golden.binning) {
    it(c.name, () => {
      const edges = quantileBinEdges(f64(c.reference), c.bins);
      // -0 and 0 are the same edge; toEqual would tell them apart.
      expect(Array.from(edges, (e) => e + 0)).toEqual(c.edges.map((e: number) => e + 0));
      expect(Array.from(binCounts(f64(c.reference), edges))).toEqual(c.referenceCounts);
      expect(Array.from(binCounts(f64(c.current), edges))).toEqual(c.currentCounts);
      // Every reference bin holds data, the point of dropping edges beyond numpy.unique, but the
      // outer two: they hold the current values beyond the reference's range.
      const referenceCounts = Array.from(binCounts(f64(c.reference), edges));
      expect([referenceCounts[0], referenceCounts.at(-1)]).toEqual([0, 0]);
      expect(Math.min(...referenceCounts.slice(1, -1))).toBeGreaterThan(0);
    });
  }
  it('lets distributions that do not overlap reach the maximum of each distance (NannyML: 0.9996 and 0.9995 in bits)', () => {
    // N(0, 1) against N(7, 1), 1,000 rows each, as NannyML's comparison of methods. With open
    // bins at the outer deciles, the top decile held both and the distances stopped at
    // Jensen–Shannon 0.871 (bits) and Hellinger 0.827.
    const c = golden.binning.find((b: { name: string }) => b.name.startsWith('disjoint'));
    const edges = quantileBinEdges(f64(c.reference), c.bins);
    const [p, q] = [binCounts(f64(c.reference), edges), binCounts(f64(c.current), edges)];
    expect(jensenShannonDistance(p, q)).toBeCloseTo(Math.sqrt(Math.LN2), 12);
    expect(jensenShannonDistance(p, q) / Math.sqrt(Math.LN2)).toBeGreaterThan(0.9996);
    expect(hellingerDistance(p, q)).toBeGreaterThan(0.9995);
    expect(hellingerDistance(p, q)).toBeCloseTo(1, 12);
  });
  it('rejects decreasing edges and a zero bin count', () => {
    expect(() => binCounts(f64([1, 2]), f64([2, 1]))).toThrow(RangeError);
    expect(() => quantileBinEdges(f64([1, 2]), 0)).toThrow(RangeError);
  });
});

describe('equalWidthEdges = numpy.histogram_bin_edges', () => {
  for (const c of golden.equalWidth) {
    it(c.name, () => expect(Array.from(equalWidthEdges(c.min, c.max, c.bins))).toEqual(c.edges));
  }
});

describe('categoryCounts = numpy.bincount', () => {
  for (const c of golden.categories) {
    it(c.name, () => expect(Array.from(categoryCounts(Int32Array.from(c.codes), c.categoryCount))).toEqual(c.counts));
  }
  it('rejects a code outside the categories', () => {
    expect(() => categoryCounts(Int32Array.from([0, 3]), 2)).toThrow(/category code 3 at row 1/);
  });
});

describe('populationStabilityIndex (floored proportions)', () => {
  for (const c of golden.psi) {
    it(c.name, () => {
      const psi = populationStabilityIndex(f64(c.reference), f64(c.current), c.floor);
      expectClose(psi.value, c.value, 1e-12);
      psi.contributions.forEach((v, i) => expectClose(v, c.contributions[i], 1e-12));
    });
  }
});

describe('divergences = scipy jensenshannon (base e), entropy(reference, current), Hellinger', () => {
  for (const c of golden.divergences) {
    it(c.name, () => {
      const p = f64(c.reference);
      const q = f64(c.current);
      expectClose(jensenShannonDistance(p, q), c.jensenShannon, 1e-12);
      expectClose(klDivergence(p, q, c.floor), c.kl, 1e-12);
      expectClose(hellingerDistance(p, q), c.hellinger, 1e-12);
    });
  }
  it('measures Jensen–Shannon in nats, as Evidently: a binary 50/50 → 62/38 column is under its threshold 0.1', () => {
    // In bits the same distance is 0.1028, past 0.1: the "Evidently rule" was stricter than Evidently.
    const c = golden.divergences.find((d: { name: string }) => d.name.startsWith('binary 50/50'));
    expect(c.jensenShannon).toBeCloseTo(0.0856, 4);
    expectClose(jensenShannonDistance(f64(c.reference), f64(c.current)), c.jensenShannon, 1e-12);
  });
  it('computes KL as D(reference ‖ current): the reference proportions weigh the log ratios', () => {
    const reference = f64([0.9, 0.1]);
    const current = f64([0.5, 0.5]);
    const divergence = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5);
    expect(klDivergence(reference, current)).toBeCloseTo(divergence, 12);
    expect(klDivergence(current, reference)).not.toBeCloseTo(divergence, 3);
  });
  it('identical distributions are at distance 0', () => {
    const p = f64([3, 1, 4, 1, 5]);
    expect(jensenShannonDistance(p, p)).toBe(0);
    expect(hellingerDistance(p, p)).toBe(0);
    expect(klDivergence(p, p)).toBe(0);
  });
  it('rejects count vectors of different lengths', () => {
    expect(() => jensenShannonDistance(f64([1, 2]), f64([1]))).toThrow(RangeError);
  });
});

describe('chiSquareHomogeneity = scipy.stats.chi2_contingency(correction=False)', () => {
  for (const c of golden.chiSquare) {
    it(c.name, () => {
      const result = chiSquareHomogeneity(f64(c.reference), f64(c.current));
      expect(result.dof).toBe(c.dof);
      expectClose(result.statistic, c.statistic, 1e-11);
      expectPValue(result.pValue, c.pValue);
    });
  }
});

describe('twoProportionZTest (pooled, two-sided)', () => {
  for (const c of golden.zTest) {
    it(c.name, () => {
      const result = twoProportionZTest(c.referenceSuccesses, c.referenceTotal, c.currentSuccesses, c.currentTotal);
      expectClose(result.statistic, c.statistic, 1e-12);
      expectPValue(result.pValue, c.pValue);
    });
  }
  it('rejects more successes than observations', () => {
    expect(() => twoProportionZTest(5, 4, 1, 2)).toThrow(RangeError);
  });
});
