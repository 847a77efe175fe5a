import { chiSquareSf } from './distributions';
import { pairwiseSum } from './pairwiseSum';
import { assertPairedCounts } from './proportions';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: the number of categories used, minus 1. */
  dof: number;
}

/**
 * Pearson's chi-square test of homogeneity of the reference and current counts
 * (per category or bin): `scipy.stats.chi2_contingency(np.array([ref, cur]),
 * correction=False)` (scipy 1.10), the 2×k table's expected counts being
 * row total × column total / grand total, and the p-value `chi2.sf(statistic, k − 1)`.
 *
 * Categories that are zero on both sides are dropped first: they carry no
 * information and scipy raises on their zero expected counts. With fewer than 2
 * categories left the test is degenerate: statistic 0, p-value 1, dof 0, as scipy
 * returns for dof 0. When one side has no observations at all scipy raises; this
 * returns NaN statistic and p-value.
 */
export function chiSquareHomogeneity(referenceCounts: Float64Array, currentCounts: Float64Array): ChiSquareResult {
  assertPairedCounts(referenceCounts, currentCounts);
  const used: number[] = [];
  for (let i = 0; i < referenceCounts.length; i++) {
    if (referenceCounts[i] > 0 || currentCounts[i] > 0) used.push(i);
  }
  const k = used.length;
  if (k < 2) return { statistic: 0, pValue: 1, dof: 0 };
  const dof = k - 1;

  // The table flattened row by row, as scipy sums it.
  const observed = new Float64Array(2 * k);
  used.forEach((category, j) => {
    observed[j] = referenceCounts[category];
    observed[k + j] = currentCounts[category];
  });
  const referenceTotal = pairwiseSum(observed.subarray(0, k));
  const currentTotal = pairwiseSum(observed.subarray(k));
  if (referenceTotal === 0 || currentTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, dof };
  const total = pairwiseSum(observed);

  const terms = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    const categoryTotal = observed[j] + observed[k + j];
    terms[j] = pearsonTerm(observed[j], (referenceTotal * categoryTotal) / total);
    terms[k + j] = pearsonTerm(observed[k + j], (currentTotal * categoryTotal) / total);
  }
  const statistic = pairwiseSum(terms);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

function pearsonTerm(observed: number, expected: number): number {
  const difference = observed - expected;
  return (difference * difference) / expected;
}
