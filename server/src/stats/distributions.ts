/**
 * Tail probabilities of the reference distributions behind the p-values.
 *
 * jStat's cdfs are computed as 1 - cdf and lose every digit below ~1e-16 (its
 * erfc returns 0 at z = 7), so the upper tails come from stdlib's regularized
 * incomplete gamma and erfc, which agree with scipy to ~1e-14 relative deep in the tail.
 */
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';

/** P(Z > z) for a standard normal Z; matches `scipy.stats.norm.sf`. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(X > x) for X ~ χ²(dof); matches `scipy.stats.chi2.sf`. */
export function chiSquareSf(x: number, dof: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, dof / 2, true, true);
}
