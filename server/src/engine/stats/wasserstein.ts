import { PAIRWISE_CHUNK, pairwiseSumOfChunk } from './pairwiseSum';
import type { ReferenceCdf } from './referenceCdf';
import { sparsePairwiseSum } from './sparsePairwiseSum';

/**
 * The first Wasserstein (earth mover's) distance and the energy distance between the two
 * empirical distributions, from one merge of the two samples (the drift tests want both):
 *
 * - `wasserstein`: ∫ |F_reference − F_current| dx, `scipy.stats.wasserstein_distance` (scipy 1.10);
 * - `energy`: √(2·∫ (F_reference − F_current)² dx) = √(2E|X−Y| − E|X−X'| − E|Y−Y'|) (Székely &
 *   Rizzo; Bellemare et al. 2017, arXiv:1705.10743), `scipy.stats.energy_distance`.
 *
 * Both inputs must be sorted ascending and free of NaN; O(n1 + n2). Empty samples, for which
 * scipy raises, give NaN.
 */
export function cdfDistances(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
): { wasserstein: number; energy: number } {
  if (sortedReference.length === 0 || sortedCurrent.length === 0)
    return { wasserstein: Number.NaN, energy: Number.NaN };
  const { absolute, squared } = computeCdfDistanceSums(sortedReference, sortedCurrent);
  return { wasserstein: absolute, energy: Math.SQRT2 * Math.sqrt(squared) };
}

/**
 * `cdfDistances(reference.sorted, sortedCurrent)`, bit for bit, in O(distinct reference values
 * + current values): what each time window costs against the reference's shared CDF. Of the
 * terms the merge makes, only those on intervals between distinct pooled values are not +0;
 * they are made one per distinct value and summed in the merge's order (sparsePairwiseSum).
 */
export function cdfDistancesFromReference(
  reference: ReferenceCdf,
  sortedCurrent: Float64Array,
): { wasserstein: number; energy: number } {
  if (reference.sorted.length === 0 || sortedCurrent.length === 0)
    return { wasserstein: Number.NaN, energy: Number.NaN };
  const { absolute, squared } = cdfDistanceSumsFromReference(reference, sortedCurrent);
  return { wasserstein: absolute, energy: Math.SQRT2 * Math.sqrt(squared) };
}

interface CdfDistanceSums {
  /** Σ |F_a − F_b| × width: the Wasserstein distance. */
  absolute: number;
  /** Σ (F_a − F_b)² × width: half the square of the energy distance. */
  squared: number;
}

/**
 * The sums, each in numpy's pairwise order, of the integrand of scipy's `_cdf_distance` on each
 * interval between consecutive pooled values: |F_a − F_b| and its square × interval width,
 * both cdfs right-continuous. The terms are made in pooled order (zero-width intervals
 * included) and summed a chunk at a time as numpy does (see pairwiseSum), so the result is
 * that of summing the whole array of terms, without making it or the pooled sample.
 */
function computeCdfDistanceSums(a: Float64Array, b: Float64Array): CdfDistanceSums {
  const n1 = a.length;
  const n2 = b.length;
  const intervals = n1 + n2 - 1;
  const length = Math.min(PAIRWISE_CHUNK, intervals);
  const absoluteChunk = new Float64Array(length);
  const squaredChunk = new Float64Array(length);
  let absolute = 0;
  let squared = 0;
  let filled = 0;
  // The merge: a[i] and b[j] are the next pooled values.
  let i = 0;
  let j = 0;
  let value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i++] : b[j++];
  let countA = 0;
  let countB = 0;
  for (let k = 0; k < intervals; k++) {
    const next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i++] : b[j++];
    while (countA < n1 && a[countA] <= value) countA++;
    while (countB < n2 && b[countB] <= value) countB++;
    const gap = countA / n1 - countB / n2;
    const width = next - value;
    absoluteChunk[filled] = Math.abs(gap) * width;
    squaredChunk[filled++] = gap * gap * width;
    if (filled === length) {
      absolute += pairwiseSumOfChunk(absoluteChunk, filled);
      squared += pairwiseSumOfChunk(squaredChunk, filled);
      filled = 0;
    }
    value = next;
  }
  if (filled > 0) {
    absolute += pairwiseSumOfChunk(absoluteChunk, filled);
    squared += pairwiseSumOfChunk(squaredChunk, filled);
  }
  return { absolute, squared };
}

/**
 * computeCdfDistanceSums with the merge walked one distinct pooled value at a time: the last
 * copy of each value v starts the only interval of non-zero width among v's copies, at
 * position (pooled values ≤ v) − 1 of the merge's terms.
 */
function cdfDistanceSumsFromReference(reference: ReferenceCdf, b: Float64Array): CdfDistanceSums {
  const { values: a, atMost } = reference;
  const n1 = reference.sorted.length;
  const n2 = b.length;
  const groups = a.length + n2;
  const positions = new Int32Array(groups);
  const absoluteTerms = new Float64Array(groups);
  const squaredTerms = new Float64Array(groups);
  let terms = 0;
  // Copies of ±∞ side by side make an interval ∞ − ∞ wide: the merge's sums are NaN.
  let infiniteTie = false;
  let i = 0;
  let j = 0;
  let countA = 0;
  let countB = 0;
  let value = j >= n2 || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
  for (;;) {
    const copiesBefore = countA + countB;
    if (i < a.length && a[i] === value) countA = atMost[i++];
    while (j < n2 && b[j] === value) j++;
    countB = j;
    if (countA + countB - copiesBefore > 1 && !Number.isFinite(value)) infiniteTie = true;
    if (i >= a.length && j >= n2) break;
    const next = j >= n2 || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    const gap = countA / n1 - countB / n2;
    const width = next - value;
    positions[terms] = countA + countB - 1;
    absoluteTerms[terms] = Math.abs(gap) * width;
    squaredTerms[terms++] = gap * gap * width;
    value = next;
  }
  if (infiniteTie) return { absolute: Number.NaN, squared: Number.NaN };
  const length = n1 + n2 - 1;
  return {
    absolute: sparsePairwiseSum(positions, absoluteTerms, terms, length),
    squared: sparsePairwiseSum(positions, squaredTerms, terms, length),
  };
}
