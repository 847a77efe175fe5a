/**
 * The drift statistics on sketches. On an exact sample (each value an item of weight 1) they
 * are the exact tests' statistics, pinned to scipy's golden values; on KLL sketches they stay
 * within the sketches' stated cdf error of the exact ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binCounts, quantileBinEdges } from '../../../src/engine/stats/binning';
import { KllSketch } from '../../../src/engine/stats/kll';
import { ksTwoSample } from '../../../src/engine/stats/ks';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import {
  cdfError,
  exactSketch,
  sketchBinCounts,
  sketchBinEdges,
  sketchCdfDistances,
  sketchKs,
  sketchQuantile,
} from '../../../src/engine/stats/sketchStatistics';
import { cdfDistances } from '../../../src/engine/stats/wasserstein';
import { expectClose } from './closeTo';

interface GoldenCase {
  name: string;
  reference: number[] | string;
  current: number[] | string;
  ks: { statistic: number } | null;
  wasserstein: number | null;
  energy: number | null;
}
/** scipy's ks_2samp, wasserstein_distance and energy_distance: made by test-fixtures/golden/sample_tests.py. */
const golden: { samples: Record<string, number[]>; cases: GoldenCase[] } = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/sample_tests.json', import.meta.url), 'utf8'),
);
const sorted = (sample: number[] | string) =>
  Float64Array.from(typeof sample === 'string' ? golden.samples[sample] : sample).sort();

describe('statistics on exact samples (weight 1 per value) equal scipy', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const reference = exactSketch(sorted(c.reference));
      const current = exactSketch(sorted(c.current));
      const ks = sketchKs(reference, current);
      if (c.ks === null) expect(ks.statistic).toBeNaN();
      else expectClose(ks.statistic, c.ks.statistic, 1e-12);
      const distances = sketchCdfDistances(reference, current);
      if (c.wasserstein === null) expect(distances.wasserstein).toBeNaN();
      else expectClose(distances.wasserstein, c.wasserstein, 1e-12);
      if (c.energy === null) expect(distances.energy).toBeNaN();
      else expectClose(distances.energy, c.energy, 1e-12);
      expect(cdfError(reference)).toBe(0);
    });
  }
});

const random = mulberry32(9);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const sample = (n: number, shift: number, scale: number) =>
  Float64Array.from({ length: n }, () => shift + scale * normal()).sort();

describe('bins and quantiles on exact samples', () => {
  const reference = sample(5_000, 0, 1);
  const current = sample(3_000, 0.3, 1.2);

  it('counts per bin as binCounts does, for the same edges', () => {
    const edges = quantileBinEdges(reference, 10);
    expect(sketchBinCounts(exactSketch(current), edges)).toEqual(binCounts(current, edges));
    expect(sketchBinCounts(exactSketch(reference), edges)).toEqual(binCounts(reference, edges));
  });

  it('takes the value of rank ⌈q·n⌉ as the q quantile (numpy inverted_cdf)', () => {
    const sketch = exactSketch(reference);
    for (const q of [0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 1])
      expect(sketchQuantile(sketch, q)).toBe(reference[Math.ceil(q * reference.length) - 1]);
    expect(sketchQuantile(exactSketch(new Float64Array(0)), 0.5)).toBeNaN();
  });

  it('keeps only edges with reference values below them, as quantileBinEdges does', () => {
    const tied = Float64Array.from({ length: 1_000 }, (_, i) => (i < 600 ? 0 : i)).sort();
    const edges = sketchBinEdges(exactSketch(tied), 10, tied[0], tied.at(-1)!);
    // Deciles 1–6 all sit on the tied zeros, the minimum: no edge there but the minimum itself.
    expect(edges[1]).toBeGreaterThan(0);
    const counts = Array.from(sketchBinCounts(exactSketch(tied), edges));
    expect([counts[0], counts.at(-1)]).toEqual([0, 0]);
    for (const count of counts.slice(1, -1)) expect(count).toBeGreaterThan(0);
  });
});

describe('statistics on KLL sketches of 400,000 values per side', () => {
  const reference = sample(400_000, 0, 1);
  const current = sample(400_000, 0.05, 1.1);
  const sketch = (values: Float64Array, seed: number) => {
    const kll = new KllSketch(undefined, seed);
    for (const v of values) kll.update(v);
    return kll.summary();
  };
  const referenceSketch = sketch(reference, 1);
  const currentSketch = sketch(current, 2);
  const bound = cdfError(referenceSketch) + cdfError(currentSketch);

  it('states a cdf error bound below half a percent', () => {
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThan(0.005);
  });

  it('gives the KS statistic within the bound of the exact one', () => {
    const exact = ksTwoSample(reference, current).statistic;
    expect(Math.abs(sketchKs(referenceSketch, currentSketch).statistic - exact)).toBeLessThanOrEqual(bound);
  });

  it('gives the Wasserstein distance within bound × the span of the values', () => {
    const exact = cdfDistances(reference, current).wasserstein;
    const span = Math.max(reference.at(-1)!, current.at(-1)!) - Math.min(reference[0], current[0]);
    expect(Math.abs(sketchCdfDistances(referenceSketch, currentSketch).wasserstein - exact)).toBeLessThanOrEqual(
      bound * span,
    );
  });

  it('puts each bin share within twice each sketch’s error of the exact share', () => {
    const edges = quantileBinEdges(reference, 10);
    const exact = binCounts(current, edges);
    const sketched = sketchBinCounts(currentSketch, edges);
    for (let i = 0; i < exact.length; i++)
      expect(Math.abs(sketched[i] - exact[i]) / current.length).toBeLessThanOrEqual(2 * cdfError(currentSketch));
  });
});
