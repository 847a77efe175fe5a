import { pairwiseSum, pairwiseSumOfSquaredDeviations } from './pairwiseSum';
import { quantileSorted } from './quantiles';

export interface NumericSummary {
  count: number;
  mean: number;
  /** Sample standard deviation (ddof = 1). */
  std: number;
  min: number;
  max: number;
  quantiles: { p05: number; p25: number; p50: number; p75: number; p95: number };
}

/**
 * The numeric summary of a column, as pandas `describe` (1.5) reports it plus the
 * 5th and 95th percentiles. `sorted` must be ascending without NaN.
 *
 * - mean = `numpy.mean(x)`, std = `numpy.std(x, ddof=1)` (two-pass, as numpy and
 *   pandas compute it), both summed in numpy's pairwise order (see pairwiseSum):
 *   bit-identical to numpy 1.24 on the golden data.
 * - quantiles = `numpy.quantile(x, [0.05, 0.25, 0.5, 0.75, 0.95])` ('linear').
 * - min, max are the first and last values.
 *
 * Empty input: count 0 and every other field NaN (numpy warns or raises instead).
 * A single value: std NaN, as pandas reports.
 */
export function describeNumeric(sorted: Float64Array): NumericSummary {
  const count = sorted.length;
  const mean = count === 0 ? Number.NaN : pairwiseSum(sorted) / count;
  const std = count < 2 ? Number.NaN : Math.sqrt(pairwiseSumOfSquaredDeviations(sorted, mean) / (count - 1));
  return {
    count,
    mean,
    std,
    min: count === 0 ? Number.NaN : sorted[0],
    max: count === 0 ? Number.NaN : sorted[count - 1],
    quantiles: {
      p05: quantileSorted(sorted, 0.05),
      p25: quantileSorted(sorted, 0.25),
      p50: quantileSorted(sorted, 0.5),
      p75: quantileSorted(sorted, 0.75),
      p95: quantileSorted(sorted, 0.95),
    },
  };
}
