import { describe, expect, it } from 'vitest';
import { numericalDrift, sortedValues } from '../../../src/engine/analysis/numericalDrift';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { pairwiseSum, SparsePairwiseSum } from '../../../src/engine/stats/pairwiseSum';
import { tieGroups } from '../../../src/engine/stats/tieGroups';
import { countValueGroups, sortedFromGroups, valueGroupsOf } from '../../../src/engine/stats/valueGroups';

const next = mulberry32(16);

/** Few distinct values with many copies each, and the cells that need care: NaN, ±0, ±∞. */
function lowCardinality(length: number, special: boolean): Float64Array {
  return Float64Array.from({ length }, () => {
    const r = next();
    if (special && r < 0.02) return NaN;
    if (special && r < 0.04) return -0;
    if (special && r < 0.06) return 0;
    if (special && r < 0.07) return -Infinity;
    if (special && r < 0.08) return Infinity;
    return Math.floor(next() * 700) - 50 + (r < 0.5 ? 0.25 : 0);
  });
}

/** The same values as a plain array, which the statistics can only read by merging. */
function unGrouped(sorted: Float64Array): Float64Array {
  return Float64Array.from(sorted);
}

describe('value groups of a column of few distinct values', () => {
  it('write out the very array the built-in sort makes, NaN cut off, −0 before 0', () => {
    const values = lowCardinality(50_000, true);
    const groups = countValueGroups(values);
    expect(groups).toBeDefined();
    const expected = Float64Array.from(values)
      .sort()
      .filter((x) => !Number.isNaN(x));
    expect(Buffer.from(sortedFromGroups(groups!).buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });

  it('are given up on for a column of many distinct values', () => {
    expect(countValueGroups(Float64Array.from({ length: 50_000 }, next))).toBeUndefined();
    // Past one distinct value per 8 values the sort is no dearer than counting.
    expect(countValueGroups(Float64Array.from({ length: 8_000 }, (_, i) => i % 1_001))).toBeUndefined();
  });

  it('give the same tie groups as merging the sorted values', () => {
    const reference = sortedValues(lowCardinality(30_000, true));
    const current = sortedValues(lowCardinality(20_000, true));
    expect(valueGroupsOf(reference)).toBeDefined();
    expect(valueGroupsOf(current)).toBeDefined();
    const fromGroups = tieGroups(reference, current);
    const merged = tieGroups(unGrouped(reference), unGrouped(current));
    expect(fromGroups.count).toBe(merged.count);
    for (const key of ['aEnd', 'bEnd'] as const)
      expect(Array.from(fromGroups[key].subarray(0, fromGroups.count))).toEqual(
        Array.from(merged[key].subarray(0, merged.count)),
      );
  });
});

describe('the drift tests on a column of few distinct values', () => {
  it.each([
    ['ties only', false, 30_000, 20_000],
    ['ties with NaN, ±0 and ±∞', true, 30_000, 20_000],
    ['ties, one side below the size for counting', false, 30_000, 3_000],
  ])('are those of the sorted path, bit for bit (%s)', (_, special, referenceLength, currentLength) => {
    const reference = { sorted: sortedValues(lowCardinality(referenceLength, special)), missing: 0 };
    const current = { sorted: sortedValues(lowCardinality(currentLength, special)), missing: 0 };
    expect(valueGroupsOf(reference.sorted)).toBeDefined();
    const grouped = numericalDrift(reference, current, 10);
    const sorted = numericalDrift(
      { sorted: unGrouped(reference.sorted), missing: 0 },
      { sorted: unGrouped(current.sorted), missing: 0 },
      10,
    );
    expect(grouped).toStrictEqual(sorted);
    // Every test gave a number on plain ties (a NaN everywhere would pass the comparison too).
    if (!special)
      for (const test of Object.values(grouped.tests))
        expect(Number.isFinite('statistic' in test ? test.statistic : test.value)).toBe(true);
  });
});

describe('SparsePairwiseSum', () => {
  /** Terms of many magnitudes, so that a different order of additions shows in the last digits. */
  function sparse(length: number, share: number, draw: () => number): [Float64Array, Int32Array, Float64Array] {
    const dense = new Float64Array(length);
    const positions: number[] = [];
    for (let p = 0; p < length; p++) {
      if (next() >= share) continue;
      dense[p] = draw();
      positions.push(p);
    }
    return [dense, Int32Array.from(positions), Float64Array.from(positions, (p) => dense[p])];
  }

  it.each(
    [0, 1, 7, 8, 127, 129, 8_191, 8_192, 8_193, 40_000].flatMap((length) =>
      [0.05, 0.3, 0.9, 1].map((share) => [length, share]),
    ),
  )('is numpy’s sum of the dense array, bit for bit (%i values, a share %s of them terms)', (length, share) => {
    const [dense, positions, terms] = sparse(length, share, () => next() * 2 ** Math.floor(next() * 30));
    const sparseSum = new SparsePairwiseSum(length);
    positions.forEach((position, k) => sparseSum.add(position, terms[k]));
    expect(sparseSum.sum()).toBe(pairwiseSum(dense));
  });
});
