import { SparsePairwiseSum } from './pairwiseSum';
import { tieGroups, type TieGroups } from './tieGroups';

/**
 * The first Wasserstein (earth mover's) distance and the energy distance between the two
 * empirical distributions, from one merge of the two samples (the drift tests want both):
 *
 * - `wasserstein`: ∫ |F_reference − F_current| dx, `scipy.stats.wasserstein_distance` (scipy 1.10);
 * - `energy`: √(2·∫ (F_reference − F_current)² dx) = √(2E|X−Y| − E|X−X'| − E|Y−Y'|) (Székely &
 *   Rizzo; Bellemare et al. 2017, arXiv:1705.10743), `scipy.stats.energy_distance`.
 *
 * Both inputs must be sorted ascending and free of NaN; O(n1 + n2), or O(tie groups) given
 * `groups` (tieGroups) of the two. Empty samples, for which scipy raises, give NaN.
 */
export function cdfDistances(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  groups?: TieGroups,
): { wasserstein: number; energy: number } {
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;
  if (n1 === 0 || n2 === 0) return { wasserstein: Number.NaN, energy: Number.NaN };
  const { absolute, squared } = computeCdfDistanceSums(
    sortedReference,
    sortedCurrent,
    groups ?? tieGroups(sortedReference, sortedCurrent),
  );
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
 * of the n1 + n2 − 1 intervals between consecutive pooled values: |F_a − F_b| and its square ×
 * interval width, both cdfs right-continuous. Only an interval from the last copy of a value to
 * the next value has width; the others, between copies, are +0 and are left out of a sum in
 * the same order as numpy's over the whole array of terms (SparsePairwiseSum), so the result
 * is that sum without making the array. Between copies of an infinity the width is ∞ − ∞,
 * NaN, and so are both sums, as scipy's.
 */
function computeCdfDistanceSums(a: Float64Array, b: Float64Array, { count, aEnd, bEnd }: TieGroups): CdfDistanceSums {
  const n1 = a.length;
  const n2 = b.length;
  const intervals = n1 + n2 - 1;
  const absolute = new SparsePairwiseSum(intervals);
  const squared = new SparsePairwiseSum(intervals);
  // A group's value, from whichever side holds it (−0 or 0 alike: the widths are the same).
  const valueOf = (g: number) => (aEnd[g] > (g === 0 ? 0 : aEnd[g - 1]) ? a[aEnd[g] - 1] : b[bEnd[g] - 1]);
  let value = valueOf(0);
  for (let g = 0, start = 0; g < count; start = aEnd[g] + bEnd[g], g++) {
    const end = aEnd[g] + bEnd[g];
    if (end - start > 1 && !Number.isFinite(value)) return { absolute: Number.NaN, squared: Number.NaN };
    if (g === count - 1) break;
    const next = valueOf(g + 1);
    const gap = aEnd[g] / n1 - bEnd[g] / n2;
    const width = next - value;
    value = next;
    absolute.add(end - 1, Math.abs(gap) * width);
    squared.add(end - 1, gap * gap * width);
  }
  return { absolute: absolute.sum(), squared: squared.sum() };
}
