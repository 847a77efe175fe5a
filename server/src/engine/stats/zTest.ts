import { normalSf } from './distributions';

export interface ZTestResult {
  /** (reference proportion − current proportion) / pooled standard error. */
  statistic: number;
  /** Two-sided. */
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with pooled variance:
 * z = (x₁/n₁ − x₂/n₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂),
 * p-value = 2·P(Z > |z|). This is `statsmodels.stats.proportion.proportions_ztest(
 * [x₁, x₂], [n₁, n₂])` and Evidently's z_stat_test, but the tail comes from
 * `normalSf` (as `scipy.stats.norm.sf`) so tiny p-values keep their digits where
 * Evidently's 1 − cdf gives 0.
 *
 * Degenerate: when p̂ is 0 or 1 (no successes, or only successes, on both sides)
 * the proportions cannot differ; statistic 0, p-value 1. NaN when a total is 0.
 * Throws RangeError unless 0 ≤ successes ≤ total on each side.
 */
export function twoProportionZTest(
  referenceSuccesses: number,
  referenceTotal: number,
  currentSuccesses: number,
  currentTotal: number,
): ZTestResult {
  assertProportion(referenceSuccesses, referenceTotal);
  assertProportion(currentSuccesses, currentTotal);
  if (referenceTotal === 0 || currentTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  const pooled = (referenceSuccesses + currentSuccesses) / (referenceTotal + currentTotal);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1 };
  const difference = referenceSuccesses / referenceTotal - currentSuccesses / currentTotal;
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / referenceTotal + 1 / currentTotal));
  const statistic = difference / standardError;
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}

function assertProportion(successes: number, total: number): void {
  if (!(successes >= 0 && successes <= total && total < Infinity)) {
    throw new RangeError(`successes ${successes} out of ${total} is not a valid count`);
  }
}
