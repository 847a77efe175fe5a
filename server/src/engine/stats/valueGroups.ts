/**
 * A column of few distinct values (delays in whole minutes, distances of a few hundred
 * routes) as its distinct values and how often each occurs, found by hash-counting, which
 * costs a fraction of sorting millions of values. The sorted column is then written out
 * run by run, and the rank and cdf statistics read the groups instead of the values
 * (see tieGroups). A column with more distinct values than the cap is given up on early.
 */

/** A side's distinct values, ascending in the order of `Float64Array.prototype.sort` (−0 before 0, as two entries), and the running count up to and including each. */
export interface ValueGroups {
  values: Float64Array;
  /** ends[g]: how many values are ≤ values[g] (in sort order); ends[last] is the non-NaN count. */
  ends: Int32Array;
}

/** At most this many distinct values, and at most one per this many values, or hashing stops. */
const MAX_GROUPS = 1 << 14;
const VALUES_PER_GROUP = 8;

/**
 * The distinct non-NaN values of `values` with their counts, or undefined as soon as there are
 * more than min(16,384, n/8) of them (a cheap probe: a high-cardinality column is dropped after
 * about that many values). Values are told apart by their bits, so −0 and 0 stay apart as a
 * sort keeps them.
 */
export function countValueGroups(values: Float64Array): ValueGroups | undefined {
  const n = values.length;
  const cap = Math.min(MAX_GROUPS, Math.floor(n / VALUES_PER_GROUP));
  // Open addressing on a power-of-two table at most half full.
  let bits = 4;
  while (1 << bits < 2 * cap) bits++;
  const size = 1 << bits;
  const mask = size - 1;
  const shift = 32 - bits;
  const keyLow = new Uint32Array(size);
  const keyHigh = new Uint32Array(size);
  const counts = new Int32Array(size);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value !== value) continue;
    const low = words[2 * i];
    const high = words[2 * i + 1];
    let slot = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> shift;
    while (counts[slot] !== 0 && (keyLow[slot] !== low || keyHigh[slot] !== high)) slot = (slot + 1) & mask;
    if (counts[slot] === 0) {
      if (++distinct > cap) return undefined;
      keyLow[slot] = low;
      keyHigh[slot] = high;
    }
    counts[slot]++;
  }
  return groupsInOrder(keyLow, keyHigh, counts, distinct);
}

function groupsInOrder(keyLow: Uint32Array, keyHigh: Uint32Array, counts: Int32Array, distinct: number): ValueGroups {
  const keys = new Float64Array(2);
  const keyWords = new Uint32Array(keys.buffer);
  const found: { value: number; count: number }[] = [];
  for (let slot = 0; slot < counts.length; slot++) {
    if (counts[slot] === 0) continue;
    keyWords[0] = keyLow[slot];
    keyWords[1] = keyHigh[slot];
    found.push({ value: keys[0], count: counts[slot] });
  }
  // −0 before 0, as the typed-array sort puts them.
  found.sort((a, b) => a.value - b.value || (Object.is(a.value, -0) ? -1 : Object.is(b.value, -0) ? 1 : 0));
  const values = new Float64Array(distinct);
  const ends = new Int32Array(distinct);
  let total = 0;
  found.forEach(({ value, count }, g) => {
    values[g] = value;
    ends[g] = total += count;
  });
  return { values, ends };
}

/** The sorted column the groups stand for: each value written `count` times, in order. */
export function sortedFromGroups({ values, ends }: ValueGroups): Float64Array {
  const sorted = new Float64Array(ends.length === 0 ? 0 : ends[ends.length - 1]);
  for (let g = 0, start = 0; g < ends.length; start = ends[g], g++) sorted.fill(values[g], start, ends[g]);
  return sorted;
}

/** The value groups of an ascending array without NaN, read off its runs (−0 and 0 apart, as countValueGroups has them). */
export function valueGroupsOfSorted(sorted: Float64Array): ValueGroups {
  const values = new Float64Array(sorted.length);
  const ends = new Int32Array(sorted.length);
  let groups = 0;
  for (let i = 0; i < sorted.length;) {
    const value = sorted[i];
    while (i < sorted.length && Object.is(sorted[i], value)) i++;
    values[groups] = value;
    ends[groups++] = i;
  }
  return { values: values.subarray(0, groups), ends: ends.subarray(0, groups) };
}

/**
 * The groups of the sorted arrays made from them, for the statistics that read a sorted column
 * (tieGroups). Sorted arrays are never changed once made; the entry goes with the array.
 */
const groupsOfSorted = new WeakMap<Float64Array, ValueGroups>();

export function rememberValueGroups(sorted: Float64Array, groups: ValueGroups): void {
  groupsOfSorted.set(sorted, groups);
}

/** The groups `sorted` was written from, if it was. */
export function valueGroupsOf(sorted: Float64Array): ValueGroups | undefined {
  return groupsOfSorted.get(sorted);
}
