import { describe, expect, it } from 'vitest';
import { distinctNumbers } from '../../../src/engine/quality/distinctNumbers';
import { distinctOfSorted, knownDistinctCount, sortedWithoutNaN } from '../../../src/engine/stats/sortNumbers';

describe('distinct numbers', () => {
  it('leaves NaN out and counts −0 as 0', () => {
    expect(distinctNumbers(Float64Array.from([NaN, 0, -0, NaN, 1.5, 1.5, -1.5]))).toBe(3);
    expect(distinctNumbers(Float64Array.from([NaN, NaN]))).toBe(0);
    expect(distinctNumbers(new Float64Array(0))).toBe(0);
  });

  it('agrees with a Set on many values, about half of them repeats', () => {
    let seed = 11;
    const values = Float64Array.from({ length: 100_000 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % 7 === 0 ? NaN : (seed >>> 16) / 64;
    });
    const expected = new Set(Array.from(values).filter((v) => !Number.isNaN(v))).size;
    expect(expected).toBeGreaterThan(30_000);
    expect(expected).toBeLessThan(60_000);
    expect(distinctNumbers(values)).toBe(expected);
  });
});

describe('distinct numbers of a sorted column', () => {
  it('gives the count found when the column was sorted, the same as counting afresh', () => {
    let seed = 5;
    const values = Float64Array.from({ length: 50_000 }, (_, i) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return i % 11 === 0 ? NaN : i % 13 === 0 ? -0 : (seed >>> 20) / 8 - 100;
    });
    const afresh = distinctNumbers(Float64Array.from(values));
    expect(knownDistinctCount(values)).toBeUndefined();
    sortedWithoutNaN(values);
    expect(knownDistinctCount(values)).toBe(afresh);
    expect(distinctNumbers(values)).toBe(afresh);
    expect(distinctOfSorted(Float64Array.from([-1, -0, 0, 0, 2]))).toBe(3);
  });
});
