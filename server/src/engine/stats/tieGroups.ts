/**
 * Two sorted samples merged, one run of equal values at a time: the rank-based tests
 * (Mann–Whitney, Cramér–von Mises, Anderson–Darling) all need the tie groups of the
 * pooled sample and how many of each group came from each side.
 */

/**
 * Calls `visit(aStart, aEnd, bStart, bEnd)` for each distinct value of the pooled sample,
 * in ascending order, where a[aStart … aEnd) and b[bStart … bEnd) are its copies in
 * each sample (either range may be empty). Both inputs must be sorted ascending, no NaN.
 */
export function forEachTieGroup(
  a: Float64Array,
  b: Float64Array,
  visit: (aStart: number, aEnd: number, bStart: number, bEnd: number) => void,
): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    const aStart = i;
    const bStart = j;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    visit(aStart, i, bStart, j);
  }
}

/**
 * The tie groups of the pooled sample as arrays: group g holds a[aEnd[g−1] … aEnd[g]) and
 * b[bEnd[g−1] … bEnd[g]) (from 0 for g = 0). Made once per column and read by all three rank
 * tests in plain loops (a callback per group is not inlined across three call sites).
 */
export interface TieGroups {
  count: number;
  aEnd: Int32Array;
  bEnd: Int32Array;
}

export function tieGroups(a: Float64Array, b: Float64Array): TieGroups {
  const aEnd = new Int32Array(a.length + b.length);
  const bEnd = new Int32Array(a.length + b.length);
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    aEnd[count] = i;
    bEnd[count++] = j;
  }
  return { count, aEnd, bEnd };
}
