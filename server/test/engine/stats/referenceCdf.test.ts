/**
 * Time windows are tested against one CDF of the reference, shared by all of them: their
 * Wasserstein and energy distances and their KS test must be those of the full merge
 * (cdfDistances, ksTwoSample without it), bit for bit, so that windowed reports stay what they were.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { pairwiseSum } from '../../../src/engine/stats/pairwiseSum';
import { referenceCdf } from '../../../src/engine/stats/referenceCdf';
import { sortedWithoutNaN } from '../../../src/engine/stats/sortNumbers';
import { sparsePairwiseSum } from '../../../src/engine/stats/sparsePairwiseSum';
import { cdfDistances, cdfDistancesFromReference } from '../../../src/engine/stats/wasserstein';
import { ksTwoSample } from '../../../src/engine/stats/ks';

const next = mulberry32(16);

function sample(size: number, draw: () => number): Float64Array {
  return sortedWithoutNaN(Float64Array.from({ length: size }, draw));
}

/** Object.is, so that a last-bit difference (or −0 against +0) fails. */
function expectSameBits(actual: { wasserstein: number; energy: number }, expected: typeof actual): void {
  expect(Object.is(actual.wasserstein, expected.wasserstein), `${actual.wasserstein} vs ${expected.wasserstein}`).toBe(
    true,
  );
  expect(Object.is(actual.energy, expected.energy), `${actual.energy} vs ${expected.energy}`).toBe(true);
}

describe('sparsePairwiseSum', () => {
  it('sums an array that is mostly +0 exactly as pairwiseSum sums it whole', () => {
    for (const length of [1, 7, 8, 9, 127, 128, 129, 1000, 8192, 8193, 20000, 70001]) {
      for (const density of [0.001, 0.05, 0.5, 1]) {
        const dense = Float64Array.from({ length }, () => (next() < density ? next() * 10 ** (next() * 8 - 4) : 0));
        const positions = Int32Array.from(dense.keys()).filter((i) => dense[i] !== 0);
        const terms = Float64Array.from(positions, (i) => dense[i]);
        const sum = sparsePairwiseSum(positions, terms, positions.length, length);
        expect(Object.is(sum, pairwiseSum(dense)), `length ${length}, density ${density}`).toBe(true);
      }
    }
  });
});

describe('cdfDistancesFromReference', () => {
  const cases: [string, () => number][] = [
    ['few distinct values (delays in minutes)', () => Math.round(next() * 60 - 10)],
    ['a thousand distinct values (distances)', () => Math.round(next() * 1000) * 3],
    ['continuous values, all distinct', () => next() * 100 - 50],
    ['ties with ±0', () => (next() < 0.3 ? (next() < 0.5 ? -0 : 0) : Math.round(next() * 5))],
  ];
  for (const [name, draw] of cases) {
    it(`equals the full merge bit for bit on ${name}`, () => {
      const reference = sample(60_000, draw);
      const shared = referenceCdf(reference);
      // Windows of every size (up to 10,000 with KS's exact p-value, which snaps D to its lattice), some shifted so they hold values the reference lacks.
      for (const size of [1, 2, 9, 130, 1_000, 8_500, 30_000]) {
        const shift = next() < 0.5 ? 0 : 0.5;
        const window = sample(size, () => draw() + shift);
        expectSameBits(cdfDistancesFromReference(shared, window), cdfDistances(reference, window));
        expect(ksTwoSample(reference, window, shared)).toEqual(ksTwoSample(reference, window));
      }
    });
  }

  it("gives KS's exact p-value the same D on samples small enough for it", () => {
    const draw = () => Math.round(next() * 40);
    const reference = sample(3_000, draw);
    const shared = referenceCdf(reference);
    for (const size of [5, 50, 700, 2_999]) {
      const window = sample(size, () => draw() + (next() < 0.2 ? 0.5 : 0));
      const result = ksTwoSample(reference, window, shared);
      expect(result.method).toBe('exact');
      expect(result).toEqual(ksTwoSample(reference, window));
    }
  });

  it('is NaN where the merge is: empty sides and tied infinities', () => {
    const reference = Float64Array.of(-Infinity, -Infinity, 1, 2);
    expectSameBits(cdfDistancesFromReference(referenceCdf(reference), Float64Array.of(1.5)), {
      wasserstein: NaN,
      energy: NaN,
    });
    expectSameBits(cdfDistances(reference, Float64Array.of(1.5)), { wasserstein: NaN, energy: NaN });
    expectSameBits(cdfDistancesFromReference(referenceCdf(new Float64Array(0)), Float64Array.of(1)), {
      wasserstein: NaN,
      energy: NaN,
    });
  });
});
