/**
 * Sorting the short ranges of numbers a quantile sketch keeps (see kll.ts): a few hundred to
 * a few thousand values at a time, millions of times over a wide file. At these lengths
 * `Float64Array.prototype.sort` costs 50–100 ns a value, nearly all of it in comparisons
 * whose outcome the processor cannot predict on values in random order.
 *
 * - `sortLikeBuiltIn`: an LSD radix sort on the bits of each double, in digits of 8 bits
 *   (small ranges cannot pay for the counters of wider digits), passes whose digit every
 *   value shares skipped; it gives the very array the built-in sort gives (−0 before +0),
 *   and leaves the shortest ranges to it.
 * - `stableSort`: a merge sort that keeps equal values (−0 and +0 among them) in their
 *   order, as `Array.prototype.sort` with a comparator does; it takes ascending runs as they
 *   come, so a range made of a few sorted runs costs a few merges.
 * - `sortRunsLikeBuiltIn`: `stableSort`, then its zeros put −0 first: the built-in's array
 *   again, quicker than the radix sort on a few sorted runs (a sketch's upper levels).
 *
 * Neither handles NaN: a sketch holds none.
 */

const DIGIT_BITS = 8;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
/** 64 bits in digits of 8. */
const PASSES = 8;
/** Below this many values the radix sort's counters cost more than the built-in's comparisons. */
const RADIX_FROM = 192;
/** Runs shorter than this are lengthened by insertion before merging. */
const MIN_RUN = 24;

const histograms = new Int32Array(PASSES * BUCKETS);
const offsets = new Int32Array(BUCKETS);
/** One scratch buffer for every sort on this thread, grown as needed: sketches sort one range at a time. */
let scratch = new Float64Array(4096);

function scratchFor(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  return scratch;
}

/**
 * Sorts values[start, end) in place into the array `Float64Array.prototype.sort` makes of
 * it: ascending, −0 before +0. No NaN.
 */
export function sortLikeBuiltIn(values: Float64Array, start: number, end: number): void {
  const n = end - start;
  if (n < RADIX_FROM) {
    values.subarray(start, end).sort();
    return;
  }
  // The raw bits, read as unsigned 64-bit numbers, order the non-negative doubles ascending,
  // followed by the negative ones (−0 first) by ascending magnitude. Sorted on those bits,
  // the negative run is reversed into place at the end.
  const words = new Uint32Array(values.buffer, values.byteOffset + 8 * start, 2 * n);
  histograms.fill(0);
  let negative = 0;
  for (let i = 0; i < n; i++) {
    const low = words[2 * i];
    const high = words[2 * i + 1];
    negative += high >>> 31;
    histograms[low & MASK]++;
    histograms[BUCKETS + ((low >>> 8) & MASK)]++;
    histograms[2 * BUCKETS + ((low >>> 16) & MASK)]++;
    histograms[3 * BUCKETS + (low >>> 24)]++;
    histograms[4 * BUCKETS + (high & MASK)]++;
    histograms[5 * BUCKETS + ((high >>> 8) & MASK)]++;
    histograms[6 * BUCKETS + ((high >>> 16) & MASK)]++;
    histograms[7 * BUCKETS + (high >>> 24)]++;
  }
  const spare = scratchFor(n);
  let source = values.subarray(start, end);
  let target = spare.subarray(0, n);
  let sourceWords = words;
  let targetWords = new Uint32Array(spare.buffer, 0, 2 * n);
  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * BUCKETS;
    // A digit every value shares orders nothing.
    let single = false;
    for (let d = 0; d < BUCKETS; d++) {
      const c = histograms[base + d];
      if (c === n) single = true;
      if (c !== 0) break;
    }
    if (single) continue;
    for (let d = 0, sum = 0; d < BUCKETS; d++) {
      offsets[d] = sum;
      sum += histograms[base + d];
    }
    const word = pass >>> 2;
    const shift = (pass & 3) * DIGIT_BITS;
    for (let i = 0; i < n; i++) target[offsets[(sourceWords[2 * i + word] >>> shift) & MASK]++] = source[i];
    [source, target] = [target, source];
    [sourceWords, targetWords] = [targetWords, sourceWords];
  }
  if (negative > 0) {
    reverse(source, 0, n);
    reverse(source, negative, n);
  }
  if (source.buffer !== values.buffer) values.set(source, start);
}

/**
 * Sorts values[start, end) ascending in place, stably: equal values, −0 and +0 among them,
 * keep their order.
 */
export function stableSort(values: Float64Array, start: number, end: number): void {
  if (end - start < 2) return;
  // Run boundaries, ascending: a run is runs[i] .. runs[i + 1].
  let runs: number[] = [start];
  for (let i = start; i < end;) {
    let j = i + 1;
    while (j < end && !(values[j] < values[j - 1])) j++;
    if (j - i < MIN_RUN && j < end) {
      j = Math.min(end, i + MIN_RUN);
      insertionSort(values, i, j);
    }
    runs.push(j);
    i = j;
  }
  // The scratch range stands for values[start, end): index i there is start + i here.
  let source = values;
  let target = scratchFor(end - start);
  let sourceShift = 0;
  let targetShift = start;
  while (runs.length > 2) {
    const merged = [runs[0]];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const high = r + 2 < runs.length ? runs[r + 2] : runs[r + 1];
      merge(
        source,
        runs[r] - sourceShift,
        runs[r + 1] - sourceShift,
        high - sourceShift,
        target,
        runs[r] - targetShift,
      );
      merged.push(high);
    }
    runs = merged;
    [source, target] = [target, source];
    [sourceShift, targetShift] = [targetShift, sourceShift];
  }
  if (source !== values) values.set(source.subarray(start - sourceShift, end - sourceShift), start);
}

/**
 * Sorts values[start, end), best made of a few ascending runs, in place into the array
 * `Float64Array.prototype.sort` makes of it: ascending, −0 before +0. No NaN.
 */
export function sortRunsLikeBuiltIn(values: Float64Array, start: number, end: number): void {
  stableSort(values, start, end);
  negativeZerosFirst(values, start, end);
}

/** In a sorted range, its zeros rewritten −0 first (a stable sort leaves them in their first order). */
function negativeZerosFirst(values: Float64Array, start: number, end: number): void {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < 0) low = middle + 1;
    else high = middle;
  }
  let negative = 0;
  let last = low;
  for (; last < end && values[last] === 0; last++) if (Object.is(values[last], -0)) negative++;
  if (negative === 0) return;
  values.fill(-0, low, low + negative);
  values.fill(0, low + negative, last);
}

/** Stable insertion sort of values[start, end). */
function insertionSort(values: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const x = values[i];
    let j = i - 1;
    while (j >= start && x < values[j]) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = x;
  }
}

/** Merges the sorted source[low, middle) and source[middle, high) into target from `at`, ties from the left first. */
function merge(
  source: Float64Array,
  low: number,
  middle: number,
  high: number,
  target: Float64Array,
  at: number,
): void {
  let i = low;
  let j = middle;
  let k = at;
  while (i < middle && j < high) target[k++] = source[j] < source[i] ? source[j++] : source[i++];
  while (i < middle) target[k++] = source[i++];
  while (j < high) target[k++] = source[j++];
}

function reverse(array: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
}
