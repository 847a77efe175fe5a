import { normalSf } from './distributions';
import { tieGroups, type TieGroups } from './tieGroups';

export interface MannWhitneyResult {
  /** U1 = R1 − n1(n1+1)/2, R1 the sum of the reference values' midranks in the pooled sample. */
  statistic: number;
  pValue: number;
}

/**
 * Mann–Whitney U test, two-sided, normal approximation with continuity and tie correction:
 * `scipy.stats.mannwhitneyu(reference, current, alternative='two-sided', method='asymptotic',
 * use_continuity=True)` (scipy 1.10).
 *
 * With U = max(U1, n1·n2 − U1), z = (U − n1·n2/2 − 1/2) / σ where
 * σ² = n1·n2/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))), t the sizes of the tie groups
 * (Hollander & Wolfe; Mann & Whitney 1947), and p = 2·P(Z > z), clipped to [0, 1].
 *
 * Both inputs must be sorted ascending and free of NaN; the midranks come from one merge
 * pass (`groups`, when the caller has them), O(n1 + n2). Empty samples, for which scipy raises, give NaN.
 */
export function mannWhitneyU(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  groups: TieGroups = tieGroups(sortedReference, sortedCurrent),
): MannWhitneyResult {
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  const n = n1 + n2;

  let referenceRankSum = 0;
  let tieTerm = 0;
  const { count, aEnd, bEnd } = groups;
  for (let g = 0, aStart = 0, bStart = 0; g < count; aStart = aEnd[g], bStart = bEnd[g], g++) {
    const inA = aEnd[g] - aStart;
    const tied = inA + bEnd[g] - bStart;
    // The group holds ranks below+1 … below+tied, below = aStart + bStart; each gets their mean.
    referenceRankSum += inA * (aStart + bStart + (tied + 1) / 2);
    // t³ − t is 0 for a value seen once (most of them): no power to compute.
    if (tied > 1) tieTerm += tied ** 3 - tied;
  }

  const u1 = referenceRankSum - (n1 * (n1 + 1)) / 2;
  const u = Math.max(u1, n1 * n2 - u1);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
  return { statistic: u1, pValue: Math.min(1, Math.max(0, 2 * normalSf(z))) };
}
