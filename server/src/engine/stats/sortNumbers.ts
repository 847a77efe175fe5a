/**
 * Sorting numbers without a comparator: an LSD radix sort on the bits of each double, giving
 * the very same array as `Float64Array.prototype.sort` (the order of doubles is total once
 * NaN is out, −0 before +0). Passes whose digit every value shares are skipped (few distinct
 * values, integers, amounts of one magnitude: the usual case in a CSV), and the values are
 * moved as whole doubles, so a pass costs one read and one write per value. A column of few
 * distinct values is not sorted at all: its values are counted and written out (valueGroups).
 */

import { countValueGroups, rememberValueGroups, sortedFromGroups } from './valueGroups';

/** Below this, the built-in sort is as fast. */
const SMALL = 4096;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
/** 64 bits in digits of 11 (the histogram loop below is written out for these): 6 passes, each skipped when every value has the same digit. */
const PASSES = 6;

/**
 * The number of distinct values of each array sortedWithoutNaN has sorted (NaN left out, −0
 * counted as 0), found for almost nothing on the sorted copy: the data-quality checks ask for
 * it about the same columns the drift tests sort. Column arrays are never changed once read;
 * the entry goes with the array.
 */
const distinctCounts = new WeakMap<Float64Array, number>();

/** The distinct non-NaN values of `values` if sortedWithoutNaN has sorted it, else undefined. */
export function knownDistinctCount(values: Float64Array): number | undefined {
  return distinctCounts.get(values);
}

/** Takes note of the count sortedWithoutNaN found on a copy of `values` (in a worker thread: see analysis/parallelDrift.ts). */
export function rememberDistinctCount(values: Float64Array, count: number): void {
  distinctCounts.set(values, count);
}

/** Distinct values of an ascending array without NaN (−0 and 0 are one value). */
export function distinctOfSorted(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  let count = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/**
 * The non-NaN values of `values` in ascending order, as a new array (`values` is not
 * changed): identical to `Float64Array.from(values).sort()` with the trailing NaNs cut off.
 */
export function sortedWithoutNaN(values: Float64Array): Float64Array {
  const groups = values.length >= SMALL ? countValueGroups(values) : undefined;
  if (groups === undefined) {
    const sorted = sortWithoutNaN(values);
    distinctCounts.set(values, distinctOfSorted(sorted));
    return sorted;
  }
  // Few distinct values: counted, then written out in order (the same array a sort makes).
  const sorted = sortedFromGroups(groups);
  rememberValueGroups(sorted, groups);
  distinctCounts.set(values, distinctOfSorted(groups.values));
  return sorted;
}

function sortWithoutNaN(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < SMALL) return withoutNaN(values, countNonNaN(values)).sort();

  // The raw bits, read as unsigned 64-bit numbers, order the non-negative doubles ascending,
  // followed by the negative ones (−0 first) by ascending magnitude. Sorted on those bits,
  // the negative run is reversed into place at the end.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const histograms = new Int32Array(PASSES * BUCKETS);
  let count = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value !== value) continue;
    count++;
    const low = words[2 * i];
    const high = words[2 * i + 1];
    negative += high >>> 31;
    // The six digits of 11 bits: 0–10, 11–21, 22–32 (straddling), 33–43, 44–54, 55–63.
    histograms[low & MASK]++;
    histograms[BUCKETS + ((low >>> 11) & MASK)]++;
    histograms[2 * BUCKETS + (((low >>> 22) | (high << 10)) & MASK)]++;
    histograms[3 * BUCKETS + ((high >>> 1) & MASK)]++;
    histograms[4 * BUCKETS + ((high >>> 12) & MASK)]++;
    histograms[5 * BUCKETS + (high >>> 23)]++;
  }
  if (count < SMALL) return withoutNaN(values, count).sort();

  // The first pass reads `values` itself, leaving NaN behind; the others alternate between two buffers.
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(count);
  let spare: Float64Array | undefined;
  const offsets = new Int32Array(BUCKETS);
  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * BUCKETS;
    // A digit every value shares orders nothing.
    let single = false;
    for (let d = 0; d < BUCKETS; d++) {
      const c = histograms[base + d];
      if (c === count) single = true;
      if (c !== 0) break;
    }
    if (single) continue;
    for (let d = 0, sum = 0; d < BUCKETS; d++) {
      offsets[d] = sum;
      sum += histograms[base + d];
    }
    scatter(source, target, offsets, pass * DIGIT_BITS);
    const written = target;
    target = source === values ? (spare ??= new Float64Array(count)) : source;
    source = written;
  }
  // Every value alike in all 64 bits: nothing was moved.
  const sorted = source === values ? withoutNaN(values, count) : source;
  if (negative > 0) {
    reverse(sorted, 0, count);
    reverse(sorted, negative, count);
  }
  return sorted;
}

/**
 * One stable counting pass on the digit of `shift` bits up: each non-NaN value of `source`
 * to `target[offsets[digit]++]`.
 */
function scatter(source: Float64Array, target: Float64Array, offsets: Int32Array, shift: number): void {
  const n = source.length;
  const words = new Uint32Array(source.buffer, source.byteOffset, 2 * n);
  if (shift + DIGIT_BITS <= 32) {
    for (let i = 0; i < n; i++) {
      const value = source[i];
      if (value !== value) continue;
      target[offsets[(words[2 * i] >>> shift) & MASK]++] = value;
    }
  } else if (shift >= 32) {
    const high = shift - 32;
    for (let i = 0; i < n; i++) {
      const value = source[i];
      if (value !== value) continue;
      target[offsets[(words[2 * i + 1] >>> high) & MASK]++] = value;
    }
  } else {
    const up = 32 - shift;
    for (let i = 0; i < n; i++) {
      const value = source[i];
      if (value !== value) continue;
      target[offsets[((words[2 * i] >>> shift) | (words[2 * i + 1] << up)) & MASK]++] = value;
    }
  }
}

function countNonNaN(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) count++;
  return count;
}

/** A copy of the `count` non-NaN values of `values`, in their order. */
function withoutNaN(values: Float64Array, count: number): Float64Array {
  const copy = new Float64Array(count);
  if (count === values.length) copy.set(values);
  else for (let i = 0, k = 0; i < values.length; i++) if (values[i] === values[i]) copy[k++] = values[i];
  return copy;
}

function reverse(array: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
}
