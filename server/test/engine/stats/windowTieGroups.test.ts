/**
 * Time windows are tested against one reference: a reference of few distinct values is sorted
 * from its value groups, and every window is merged with those groups, also a window too small
 * (or of too many distinct values) to be counted itself. Its statistics must be those of
 * merging all the values, bit for bit, so that windowed reports stay what they were.
 */
import { describe, expect, it } from 'vitest';
import { numericalTests, sortedValues } from '../../../src/engine/analysis/numericalDrift';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { tieGroups } from '../../../src/engine/stats/tieGroups';
import { valueGroupsOf } from '../../../src/engine/stats/valueGroups';

const next = mulberry32(27);

/** Delays in whole minutes, with the cells that need care: ±0 and ±∞. */
function delays(length: number, special: boolean): Float64Array {
  return Float64Array.from({ length }, () => {
    const r = next();
    if (special && r < 0.02) return -0;
    if (special && r < 0.04) return 0;
    if (special && r < 0.045) return -Infinity;
    if (special && r < 0.05) return Infinity;
    return Math.round(next() * 120 - 20);
  });
}

/** A window's values: a shifted share it adds values the reference lacks; `continuous`: all distinct. */
function window(length: number, special: boolean, continuous: boolean): Float64Array {
  const values = continuous ? Float64Array.from({ length }, () => next() * 140 - 30) : delays(length, special);
  return sortedValues(values.map((x) => (next() < 0.2 ? x + 0.5 : x)));
}

/** The same values as a plain array, which the statistics can only read by merging. */
function unGrouped(sorted: Float64Array): Float64Array {
  return Float64Array.from(sorted);
}

describe('a window against the value groups of the reference', () => {
  const reference = sortedValues(delays(60_000, false));
  const special = sortedValues(delays(60_000, true));

  it.each([
    ['1 row', reference, 1, false],
    ['9 rows', reference, 9, false],
    ['130 rows', reference, 130, false],
    ['4,000 rows', reference, 4_000, false],
    ['3,000 rows with ±0 and ±∞', special, 3_000, true],
    ['20,000 distinct values', reference, 20_000, false, true],
  ])(
    'gives the tie groups and every test of the full merge, bit for bit (%s)',
    (_, ref, rows, withSpecial, continuous = false) => {
      const values = window(rows, withSpecial, continuous);
      expect(valueGroupsOf(ref)).toBeDefined();
      // The window is merged from its runs: it was too small or too varied to be counted.
      expect(valueGroupsOf(values)).toBeUndefined();
      const fromGroups = tieGroups(ref, values);
      const merged = tieGroups(unGrouped(ref), values);
      expect(fromGroups.count).toBe(merged.count);
      for (const key of ['aEnd', 'bEnd'] as const)
        expect(Array.from(fromGroups[key].subarray(0, fromGroups.count))).toEqual(
          Array.from(merged[key].subarray(0, merged.count)),
        );
      expect(numericalTests(ref, values, 10, 1)).toStrictEqual(numericalTests(unGrouped(ref), values, 10, 1));
    },
  );
});
