/**
 * Two sorted samples merged, one run of equal values at a time: the rank and cdf tests
 * (KS, Mann–Whitney, Cramér–von Mises, Anderson–Darling, Wasserstein, energy) all need the
 * tie groups of the pooled sample and how many of each group came from each side.
 */
import { valueGroupsOf, valueGroupsOfSorted, type ValueGroups } from './valueGroups';

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
 * b[bEnd[g−1] … bEnd[g]) (from 0 for g = 0). Made once per column and read by every rank and
 * cdf test in plain loops (a callback per group is not inlined across call sites).
 */
export interface TieGroups {
  count: number;
  aEnd: Int32Array;
  bEnd: Int32Array;
}

/**
 * The tie groups of two sorted samples: from their value groups when either was written from
 * them (few distinct values: one step per distinct value, see valueGroups; the other side's
 * groups read off its sorted values), else by merging the values. A time window, however few
 * its rows, is thus merged with the reference's groups, not with every reference value.
 */
export function tieGroups(a: Float64Array, b: Float64Array): TieGroups {
  const aGroups = valueGroupsOf(a);
  const bGroups = valueGroupsOf(b);
  return aGroups || bGroups
    ? mergeGroups(aGroups ?? valueGroupsOfSorted(a), bGroups ?? valueGroupsOfSorted(b))
    : mergeValues(a, b);
}

function mergeValues(a: Float64Array, b: Float64Array): TieGroups {
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

/** mergeValues on the distinct values: the same groups (−0 and 0 are one, as `===` has it). */
function mergeGroups(a: ValueGroups, b: ValueGroups): TieGroups {
  const na = a.values.length;
  const nb = b.values.length;
  const aEnd = new Int32Array(na + nb);
  const bEnd = new Int32Array(na + nb);
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < na || j < nb) {
    const value = j >= nb || (i < na && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < na && a.values[i] === value) i++;
    while (j < nb && b.values[j] === value) j++;
    aEnd[count] = i === 0 ? 0 : a.ends[i - 1];
    bEnd[count++] = j === 0 ? 0 : b.ends[j - 1];
  }
  return { count, aEnd, bEnd };
}
