import { pairwiseSum } from './pairwiseSum';

/**
 * The first Wasserstein (earth mover's) distance between the two empirical distributions,
 * ∫ |F_reference − F_current| dx: `scipy.stats.wasserstein_distance(reference, current)`
 * (scipy 1.10). Both inputs must be sorted ascending and free of NaN; O(n1 + n2).
 * Empty samples, for which scipy raises, give NaN.
 */
export function wasserstein(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  if (sortedReference.length === 0 || sortedCurrent.length === 0) return Number.NaN;
  return pairwiseSum(cdfDistanceTerms(sortedReference, sortedCurrent, (gap) => Math.abs(gap)));
}

/**
 * The energy distance between the two empirical distributions,
 * √(2·∫ (F_reference − F_current)² dx) = √(2E|X−Y| − E|X−X'| − E|Y−Y'|) (Székely & Rizzo;
 * Bellemare et al. 2017, arXiv:1705.10743): `scipy.stats.energy_distance(reference, current)`
 * (scipy 1.10). Both inputs must be sorted ascending and free of NaN; O(n1 + n2).
 * Empty samples, for which scipy raises, give NaN.
 */
export function energyDistance(sortedReference: Float64Array, sortedCurrent: Float64Array): number {
  if (sortedReference.length === 0 || sortedCurrent.length === 0) return Number.NaN;
  return Math.SQRT2 * Math.sqrt(pairwiseSum(cdfDistanceTerms(sortedReference, sortedCurrent, (gap) => gap * gap)));
}

/**
 * The integrand of scipy's `_cdf_distance` on each interval between consecutive pooled
 * values: distance(F_a − F_b) × interval width, both cdfs right-continuous. Kept in pooled
 * order (zero-width intervals included) so the pairwise sum matches numpy's.
 */
function cdfDistanceTerms(a: Float64Array, b: Float64Array, distance: (gap: number) => number): Float64Array {
  const n1 = a.length;
  const n2 = b.length;
  const pooled = new Float64Array(n1 + n2);
  for (let i = 0, j = 0, k = 0; k < pooled.length; k++) {
    pooled[k] = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i++] : b[j++];
  }
  const terms = new Float64Array(pooled.length - 1);
  let countA = 0;
  let countB = 0;
  for (let k = 0; k < terms.length; k++) {
    const value = pooled[k];
    while (countA < n1 && a[countA] <= value) countA++;
    while (countB < n2 && b[countB] <= value) countB++;
    terms[k] = distance(countA / n1 - countB / n2) * (pooled[k + 1] - value);
  }
  return terms;
}
