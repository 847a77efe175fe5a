/**
 * The sketch's sorts give the arrays the built-in sorts give, bit for bit (−0 before +0 for
 * `Float64Array.prototype.sort`; equal values in their order for a stable comparator sort),
 * on ranges of random, tied, signed-zero, infinite and run-made values, at any offset.
 */
import { describe, expect, it } from 'vitest';
import { sortLikeBuiltIn, sortRunsLikeBuiltIn, stableSort } from '../../../src/engine/stats/sketchSort';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

const random = mulberry32(5);
const pick = (choices: number[]) => choices[Math.floor(random() * choices.length)];
const shapes: Record<string, (n: number) => Float64Array> = {
  'signed random': (n) => Float64Array.from({ length: n }, () => random() - 0.5),
  'signed zeros among few values': (n) => Float64Array.from({ length: n }, () => pick([0, -0, 1, -1, -0.25, 3])),
  'infinities and extremes': (n) =>
    Float64Array.from({ length: n }, () => pick([Infinity, -Infinity, Number.MAX_VALUE, -Number.MIN_VALUE, 0, -0])),
  cents: (n) => Float64Array.from({ length: n }, () => Math.round(random() * 1e7) / 100),
  'sorted runs end to end': (n) => {
    const runs = Array.from({ length: 4 }, () =>
      Float64Array.from({ length: n >> 2 }, () => pick([0, -0, random(), -random()])).sort(),
    );
    return Float64Array.from([pick([-0, 0, 2]), ...runs.flatMap((run) => [...run])]);
  },
};

/** The bits of each double: toEqual would take −0 for +0. */
const bits = (values: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(values).buffer));

/** values sorted by `sort` in place, inside a larger array (the range starts at an offset). */
function sortedInRange(values: Float64Array, sort: (a: Float64Array, start: number, end: number) => void) {
  const offset = 3;
  const around = new Float64Array(values.length + 2 * offset).fill(7);
  around.set(values, offset);
  sort(around, offset, offset + values.length);
  expect(Array.from(around.subarray(0, offset))).toEqual([7, 7, 7]);
  expect(Array.from(around.subarray(offset + values.length))).toEqual([7, 7, 7]);
  return around.subarray(offset, offset + values.length);
}

describe('the sketch sorts', () => {
  for (const [shape, make] of Object.entries(shapes)) {
    it(`sort ${shape} exactly as Float64Array.prototype.sort does`, () => {
      for (const n of [0, 1, 2, 23, 24, 25, 100, 497, 2_048, 5_000]) {
        const values = make(n);
        const expected = bits(Float64Array.from(values).sort());
        expect(bits(sortedInRange(values, sortLikeBuiltIn)), `${n} values, radix`).toEqual(expected);
        expect(bits(sortedInRange(values, sortRunsLikeBuiltIn)), `${n} values, runs`).toEqual(expected);
      }
    });

    it(`sort ${shape} stably, as a comparator sort does`, () => {
      for (const n of [0, 1, 30, 497, 5_000]) {
        const values = make(n);
        const expected = bits(Float64Array.from([...values].sort((a, b) => a - b)));
        expect(bits(sortedInRange(values, stableSort)), `${n} values`).toEqual(expected);
      }
    });
  }

  it('keep −0 and +0 where they were when sorting stably, and put −0 first otherwise', () => {
    const values = () => Float64Array.from([1, 0, -0, -1, 0, -0]);
    expect(bits(sortedInRange(values(), stableSort))).toEqual(bits(Float64Array.from([-1, 0, -0, 0, -0, 1])));
    expect(bits(sortedInRange(values(), sortLikeBuiltIn))).toEqual(bits(Float64Array.from([-1, -0, -0, 0, 0, 1])));
  });
});
