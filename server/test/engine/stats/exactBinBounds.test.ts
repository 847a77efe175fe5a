/**
 * The bounds a reference profile's report states against the exact reference: numpy's
 * quantiles of the exact values (quantileBound), and the binned statistics on the bins the
 * exact reference cuts (binnedBoundsOnExactBins: quantileBinEdges of the exact values, which
 * the sketch knows only within its error), over seeded cases of several shapes, with the
 * profile's small sketch (k = 200) against a current side read whole. On exact samples both
 * close onto the exact value.
 */
import { describe, expect, it } from 'vitest';
import { binCounts, quantileBinEdges } from '../../../src/engine/stats/binning';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../../../src/engine/stats/divergences';
import { KllSketch } from '../../../src/engine/stats/kll';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { populationStabilityIndex } from '../../../src/engine/stats/psi';
import { quantileSorted } from '../../../src/engine/stats/quantiles';
import {
  binnedBoundsOnExactBins,
  quantileBound,
  type Bound,
  type SketchedSide,
} from '../../../src/engine/stats/sketchBounds';
import { exactSketch } from '../../../src/engine/stats/sketchStatistics';

const N = 60_000;
const random = mulberry32(17);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const draw = (n: number, value: () => number) => Float64Array.from({ length: n }, value).sort();
const cases: Record<string, () => [Float64Array, Float64Array]> = {
  'a small shift': () => [draw(N, normal), draw(5_000, () => 0.05 + normal())],
  'a change of scale': () => [draw(N, normal), draw(5_000, () => 1.3 * normal())],
  'zero-inflated': () => [
    draw(N, () => (random() < 0.35 ? 0 : Math.exp(normal()))),
    draw(5_000, () => (random() < 0.3 ? 0 : Math.exp(0.2 + normal()))),
  ],
  'heavy ties (12 values)': () => [
    draw(N, () => Math.floor(12 * random())),
    draw(5_000, () => Math.floor(12 * random() ** 1.2)),
  ],
  'whole miles (a thousand values)': () => [
    draw(N, () => Math.round(800 + 300 * normal())),
    draw(5_000, () => Math.round(820 + 300 * normal())),
  ],
};

function sketched(values: Float64Array, seed: number): SketchedSide {
  const sketch = new KllSketch(200, seed);
  for (const v of values) sketch.update(v);
  return { sketch: sketch.summary(), min: values[0], max: values.at(-1)! };
}

const whole = (values: Float64Array): SketchedSide => ({
  sketch: exactSketch(values),
  min: values[0],
  max: values.at(-1)!,
});

function expectWithin(exact: number, bound: Bound, what: string): void {
  expect(exact, `${what}: ${exact} in [${bound.low}, ${bound.high}]`).toBeGreaterThanOrEqual(bound.low);
  expect(exact, `${what}: ${exact} in [${bound.low}, ${bound.high}]`).toBeLessThanOrEqual(bound.high);
}

function exactBinned(reference: Float64Array, current: Float64Array) {
  const edges = quantileBinEdges(reference, 10);
  const [r, c] = [binCounts(reference, edges), binCounts(current, edges)];
  return {
    psi: populationStabilityIndex(r, c).value,
    jensenshannon: jensenShannonDistance(r, c),
    kl: klDivergence(r, c),
    hellinger: hellingerDistance(r, c),
  };
}

describe('bounds of a profile-sized sketch (k = 200) on the exact reference', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(`hold numpy's quantiles and the binned statistics on the exact bins: ${name}`, () => {
      for (let seed = 1; seed <= 4; seed++) {
        const [reference, current] = make();
        const ref = sketched(reference, seed);
        expect(ref.sketch.rankError).toBeGreaterThan(0);
        for (const q of [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
          expectWithin(quantileSorted(reference, q), quantileBound(ref, q), `quantile ${q}`);
        const bounds = binnedBoundsOnExactBins(ref, whole(current), 10);
        for (const [statistic, value] of Object.entries(exactBinned(reference, current)))
          expectWithin(value, bounds[statistic as keyof typeof bounds], statistic);
      }
    });
  }

  it('on exact samples, hold numpy’s quantile between the two values it interpolates, and the binned statistics', () => {
    const [reference, current] = cases['a small shift']();
    const n = reference.length;
    for (const q of [0.05, 0.5, 0.95]) {
      const position = q * (n - 1);
      expect(quantileBound(whole(reference), q)).toEqual({
        low: reference[Math.floor(position)],
        high: reference[Math.ceil(position)],
      });
    }
    const bounds = binnedBoundsOnExactBins(whole(reference), whole(current), 10);
    for (const [statistic, value] of Object.entries(exactBinned(reference, current)))
      expectWithin(value, bounds[statistic as keyof typeof bounds], statistic);
  });
});
