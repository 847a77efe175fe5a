/**
 * The reference's empirical CDF made once and shared by every time window tested against it:
 * its distinct values and, for each, how many reference values are at most that value. A
 * window's statistics then walk the window's values and the reference's tie groups, not every
 * reference value again: the flights columns hold 1.48M values but at most ~1,100 distinct.
 */
export interface ReferenceCdf {
  /** The reference's values, sorted ascending, no NaN. */
  sorted: Float64Array;
  /** Its distinct values, ascending (−0 and 0 are one value). */
  values: Float64Array;
  /** `atMost[g]`: how many reference values are ≤ values[g]. */
  atMost: Int32Array;
}

/** The shared CDF of a sorted (ascending, NaN-free) reference. */
export function referenceCdf(sorted: Float64Array): ReferenceCdf {
  const values = new Float64Array(sorted.length);
  const atMost = new Int32Array(sorted.length);
  let groups = 0;
  for (let i = 0; i < sorted.length;) {
    const value = sorted[i];
    while (i < sorted.length && sorted[i] === value) i++;
    values[groups] = value;
    atMost[groups++] = i;
  }
  return { sorted, values: values.slice(0, groups), atMost: atMost.slice(0, groups) };
}
