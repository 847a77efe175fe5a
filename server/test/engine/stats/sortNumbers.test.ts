import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { sortedWithoutNaN } from '../../../src/engine/stats/sortNumbers';

/** What sortedWithoutNaN replaces: the built-in sort, NaN (sorted last) cut off. */
function builtIn(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let end = sorted.length;
  while (end > 0 && Number.isNaN(sorted[end - 1])) end--;
  return sorted.subarray(0, end);
}

/** Element by element with Object.is, so that −0 and +0 differ. */
function expectSame(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    if (!Object.is(actual[i], expected[i])) expect([i, actual[i]]).toEqual([i, expected[i]]);
}

describe('sortedWithoutNaN', () => {
  const next = mulberry32(7);
  const kinds: [string, () => number][] = [
    [
      'random doubles of every magnitude and sign, with NaN, ±0 and ±Infinity',
      () => {
        const r = next();
        if (r < 0.05) return NaN;
        if (r < 0.1) return -0;
        if (r < 0.15) return 0;
        if (r < 0.18) return -Infinity;
        if (r < 0.21) return Infinity;
        return (next() - 0.5) * 10 ** (next() * 600 - 300);
      },
    ],
    ['small integers', () => Math.floor(next() * 50) - 10],
    ['amounts in cents', () => Math.round(next() * 1e7) / 100],
    [
      'subnormals and the extremes',
      () =>
        [Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 2.2e-308, -2.2e-308, 1, -1][
          Math.floor(next() * 8)
        ],
    ],
  ];
  it.each(
    kinds.flatMap(([name, draw]) =>
      [0, 1, 2, 4095, 4096, 4097, 100_000].map((length) => [name, length, draw] as const),
    ),
  )('equals the built-in sort on %s (%i values)', (_, length, draw) => {
    const values = Float64Array.from({ length }, draw);
    const copy = Float64Array.from(values);
    expectSame(sortedWithoutNaN(values), builtIn(values));
    expectSame(values, copy);
  });

  it('gives an empty array when every value is NaN', () => {
    expect(sortedWithoutNaN(new Float64Array(10_000).fill(NaN)).length).toBe(0);
  });
});
