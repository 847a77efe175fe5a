import { PAIRWISE_CHUNK, pairwiseSumOfChunk } from './pairwiseSum';

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
