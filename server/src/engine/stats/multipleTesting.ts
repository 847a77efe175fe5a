/**
 * Adjusted p-values for many tests at once (multiple-testing corrections). A test is
 * rejected at level α when its adjusted p-value is below α.
 *
 * NaN marks a p-value that was not computed (a column with nothing to test): it is not
 * counted among the m tests and stays NaN, where scipy refuses it.
 */
import type { PValueCorrection } from '../../protocol/report';

/**
 * Benjamini–Hochberg: the i-th smallest of m p-values becomes p_(i) · m / i, then each takes
 * the smallest value at or above its rank, capped at 1; ties get the same value. Rejecting
 * below α controls the false discovery rate at α for independent (or positively dependent)
 * tests. Matches `scipy.stats.false_discovery_control(ps, method='bh')`.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, index) => ({ p, index })).filter(({ p }) => !Number.isNaN(p));
  tested.sort((a, b) => a.p - b.p);
  const m = tested.length;
  const adjusted = pValues.map(() => NaN);
  let smallest = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = tested[rank - 1];
    // p · (m / i), as scipy computes it, so that the values agree to the last digit.
    smallest = Math.min(smallest, p * (m / rank));
    adjusted[index] = Math.min(1, smallest);
  }
  return adjusted;
}

/**
 * Bonferroni: p · m, capped at 1. Rejecting below α bounds the chance of any false
 * rejection among the m tests by α, whatever their dependence.
 */
export function bonferroni(pValues: readonly number[]): number[] {
  const m = pValues.filter((p) => !Number.isNaN(p)).length;
  return pValues.map((p) => Math.min(1, p * m));
}

export function adjustPValues(pValues: readonly number[], correction: Exclude<PValueCorrection, 'none'>): number[] {
  return correction === 'fdr' ? benjaminiHochberg(pValues) : bonferroni(pValues);
}
