/**
 * Tail probabilities of the reference distributions behind the p-values.
 *
 * jStat's cdfs are computed as 1 - cdf and lose every digit below ~1e-16 (its
 * erfc returns 0 at z = 7), so the upper tails come from stdlib's regularized
 * incomplete gamma and erfc, which agree with scipy to ~1e-14 relative deep in the tail.
 *
 * Except near the centre of a χ² with thousands of degrees of freedom (a high-cardinality
 * column), where stdlib's gammainc is off by ~1% (χ²(8448) at 1.01·dof: 0.2593 against scipy's
 * 0.2569) and jStat's series and continued fraction are right to ~1e-11; there the tail is
 * far from 0, so 1 − cdf keeps its digits.
 */
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import { jStat } from 'jstat';

/** Upper tails at least this large are taken as 1 − jStat's cdf (at most ~1e-8 relative lost). */
const CDF_COMPLEMENT_FLOOR = 1e-8;

/** P(Z > z) for a standard normal Z; matches `scipy.stats.norm.sf`. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(X > x) for X ~ χ²(dof); matches `scipy.stats.chi2.sf`. */
export function chiSquareSf(x: number, dof: number): number {
  if (x <= 0) return 1;
  const complement = 1 - jStat.lowRegGamma(dof / 2, x / 2);
  return complement >= CDF_COMPLEMENT_FLOOR ? complement : gammainc(x / 2, dof / 2, true, true);
}
