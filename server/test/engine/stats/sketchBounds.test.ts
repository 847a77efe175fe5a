/**
 * The bounds on statistics computed from KLL sketches hold the exact statistic: over seeded
 * cases of several shapes (a small shift, a change of scale, outliers, heavy ties, samples
 * that do not overlap), for KS's p-value, the Wasserstein and energy distances, and PSI,
 * Jensen–Shannon, KL and Hellinger on the bins the sketch cut (exact counts on those bins).
 * On exact samples the bounds close onto the statistic.
 */
import { describe, expect, it } from 'vitest';
import { binCounts } from '../../../src/engine/stats/binning';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../../../src/engine/stats/divergences';
import { KllSketch } from '../../../src/engine/stats/kll';
import { ksTwoSample } from '../../../src/engine/stats/ks';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { populationStabilityIndex } from '../../../src/engine/stats/psi';
import {
  binnedBounds,
  cdfDistanceBounds,
  ksPValueBound,
  type Bound,
  type SketchedSide,
} from '../../../src/engine/stats/sketchBounds';
import {
  cdfError,
  exactSketch,
  sketchBinCounts,
  sketchBinEdges,
  sketchCdfDistances,
  sketchKs,
  weightBelow,
} from '../../../src/engine/stats/sketchStatistics';
import { cdfDistances } from '../../../src/engine/stats/wasserstein';

const N = 150_000;
const random = mulberry32(2026);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const draw = (value: () => number) => Float64Array.from({ length: N }, value).sort();
const cases: Record<string, () => [Float64Array, Float64Array]> = {
  'a small shift': () => [draw(normal), draw(() => 0.05 + normal())],
  'a change of scale': () => [draw(normal), draw(() => 1.3 * normal())],
  'log-normal with outliers': () => [
    draw(() => (random() < 0.001 ? 1e6 : Math.exp(normal()))),
    draw(() => (random() < 0.002 ? 1e6 : Math.exp(0.1 + normal()))),
  ],
  'heavy ties (12 values)': () => [draw(() => Math.floor(12 * random())), draw(() => Math.floor(12 * random() ** 1.1))],
  'no overlap': () => [draw(normal), draw(() => 7 + normal())],
};

function sketched(values: Float64Array, seed: number): SketchedSide {
  const sketch = new KllSketch(undefined, seed);
  for (const v of values) sketch.update(v);
  return { sketch: sketch.summary(), min: values[0], max: values.at(-1)! };
}

function expectWithin(exact: number, bound: Bound, what: string): void {
  expect(exact, `${what}: ${exact} in [${bound.low}, ${bound.high}]`).toBeGreaterThanOrEqual(bound.low);
  expect(exact, `${what}: ${exact} in [${bound.low}, ${bound.high}]`).toBeLessThanOrEqual(bound.high);
}

describe('bounds from KLL sketches of 150,000 values per side hold the exact statistic', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(`${name}, over 3 seeds`, () => {
      const [reference, current] = make();
      for (let seed = 1; seed <= 3; seed++) {
        const ref = sketched(reference, seed);
        const cur = sketched(current, seed + 100);
        expect(ref.sketch.rankError, 'the sketch compacted').toBeGreaterThan(0);

        const ks = sketchKs(ref.sketch, cur.sketch);
        expectWithin(ksTwoSample(reference, current).pValue, ksPValueBound(ref, cur, ks.statistic), 'KS p-value');

        const exactDistances = cdfDistances(reference, current);
        const distances = cdfDistanceBounds(ref, cur);
        expectWithin(exactDistances.wasserstein, distances.wasserstein, 'Wasserstein');
        expectWithin(exactDistances.energy, distances.energy, 'energy');
        // The sketched value is inside its own bound too.
        expectWithin(sketchCdfDistances(ref.sketch, cur.sketch).wasserstein, distances.wasserstein, 'sketched');

        const edges = sketchBinEdges(ref.sketch, 10, ref.min, ref.max);
        const [p, q] = [binCounts(reference, edges), binCounts(current, edges)];
        const binned = binnedBounds(ref, cur, edges);
        expectWithin(populationStabilityIndex(p, q).value, binned.psi, 'PSI');
        expectWithin(jensenShannonDistance(p, q), binned.jensenshannon, 'Jensen–Shannon');
        expectWithin(klDivergence(p, q), binned.kl, 'KL');
        expectWithin(hellingerDistance(p, q), binned.hellinger, 'Hellinger');
      }
    });
  }

  it('is narrow enough to decide a shift of 0.05 standard deviations against 0.1', () => {
    const [reference, current] = cases['a small shift']();
    const distances = cdfDistanceBounds(sketched(reference, 1), sketched(current, 2));
    // The reference's standard deviation is about 1, so normed ≈ raw: 0.05 apart, the bound well under 0.1.
    expect(distances.wasserstein.high).toBeLessThan(0.1);
  });
});

describe('bounds on exact samples (no compaction) close onto the statistic', () => {
  it('Wasserstein, energy, KS and the binned statistics', () => {
    const reference = Float64Array.from({ length: 2_000 }, normal).sort();
    const current = Float64Array.from({ length: 3_000 }, () => 0.2 + normal()).sort();
    const side = (values: Float64Array): SketchedSide => ({
      sketch: exactSketch(values),
      min: values[0],
      max: values.at(-1)!,
    });
    const [ref, cur] = [side(reference), side(current)];
    const exact = cdfDistances(reference, current);
    const distances = cdfDistanceBounds(ref, cur);
    expect(distances.wasserstein.low).toBeCloseTo(exact.wasserstein, 12);
    expect(distances.wasserstein.high).toBeCloseTo(exact.wasserstein, 12);
    expect(distances.energy.high).toBeCloseTo(exact.energy, 12);
    const ks = sketchKs(ref.sketch, cur.sketch);
    const p = ksPValueBound(ref, cur, ks.statistic);
    expect(p.low).toBe(p.high);
    const edges = sketchBinEdges(ref.sketch, 10, ref.min, ref.max);
    const counts = [sketchBinCounts(ref.sketch, edges), sketchBinCounts(cur.sketch, edges)] as const;
    const binned = binnedBounds(ref, cur, edges);
    expect(binned.jensenshannon.low).toBeCloseTo(jensenShannonDistance(...counts), 12);
    expect(binned.jensenshannon.high).toBeCloseTo(jensenShannonDistance(...counts), 12);
    expect(binned.psi.high).toBeCloseTo(populationStabilityIndex(...counts).value, 12);
    expect(binned.kl.low).toBeCloseTo(klDivergence(...counts), 6);
    expect(binned.kl.high).toBeCloseTo(klDivergence(...counts), 6);
  });
});

/**
 * cdfDistanceBounds by its definition, as it was first written: the set of points sorted,
 * the cdf range at each found by binary search. The one-walk version must give the same
 * bits, so that the streamed reports' figures stay those of before.
 */
function boundsByDefinition(reference: SketchedSide, current: SketchedSide): ReturnType<typeof cdfDistanceBounds> {
  const points = Float64Array.from(
    new Set([
      ...reference.sketch.values,
      ...current.sketch.values,
      reference.min,
      reference.max,
      current.min,
      current.max,
    ]),
  ).sort();
  const range = (side: SketchedSide, x: number): Bound => {
    if (x < side.min) return { low: 0, high: 0 };
    if (x >= side.max) return { low: 1, high: 1 };
    const share = weightBelow(side.sketch, x, false) / side.sketch.count;
    const error = cdfError(side.sketch);
    return { low: Math.max(0, share - error), high: Math.min(1, share + error) };
  };
  let [absoluteLow, absoluteHigh, squaredLow, squaredHigh] = [0, 0, 0, 0];
  for (let i = 0; i + 1 < points.length; i++) {
    const width = points[i + 1] - points[i];
    const f = range(reference, points[i]);
    const g = range(current, points[i]);
    const lowest = f.low - g.high;
    const highest = f.high - g.low;
    const nearest = lowest > 0 ? lowest : highest < 0 ? -highest : 0;
    const farthest = Math.max(Math.abs(lowest), Math.abs(highest));
    absoluteLow += nearest * width;
    absoluteHigh += farthest * width;
    squaredLow += nearest * nearest * width;
    squaredHigh += farthest * farthest * width;
  }
  const energy = (squared: number) => Math.SQRT2 * Math.sqrt(squared);
  return {
    wasserstein: { low: absoluteLow, high: absoluteHigh },
    energy: { low: energy(squaredLow), high: energy(squaredHigh) },
  };
}

describe('cdfDistanceBounds', () => {
  it('gives the bits of its definition (sorted points, binary searches), sketched or exact, with ties and signed zeros', () => {
    const signedZeros = () => draw(() => [0, -0, 1, -1, 2.5][Math.floor(5 * random())]);
    const pairs: [string, SketchedSide, SketchedSide][] = [];
    for (const [name, make] of Object.entries(cases)) {
      const [reference, current] = make();
      pairs.push([`${name}, sketched`, sketched(reference, 1), sketched(current, 2)]);
    }
    const [zerosReference, zerosCurrent] = [signedZeros(), signedZeros()];
    pairs.push(['signed zeros, sketched', sketched(zerosReference, 1), sketched(zerosCurrent, 2)]);
    const exact = (values: Float64Array): SketchedSide => ({
      sketch: exactSketch(values),
      min: values[0],
      max: values.at(-1)!,
    });
    pairs.push([
      'signed zeros, exact',
      exact(zerosReference.subarray(0, 5_000)),
      exact(zerosCurrent.subarray(0, 7_000)),
    ]);
    const [a, b] = cases['a small shift']();
    pairs.push(['exact against sketched', exact(a.subarray(0, 20_000)), sketched(b, 3)]);
    for (const [name, reference, current] of pairs)
      expect(cdfDistanceBounds(reference, current), name).toEqual(boundsByDefinition(reference, current));
  });
});
