/**
 * Regression metrics of one prediction column against the truth, as scikit-learn 1.2.1
 * and numpy 1.24 compute them.
 */
import { pairwiseSum, pairwiseSumOfSquaredDeviations } from '../stats/pairwiseSum';
import type { RegressionMetrics } from '../../protocol/report';
import type { NumericalColumn } from '../data/column';

/** sklearn's floor on |truth| in MAPE: `numpy.finfo(float64).eps`. */
const EPS = 2 ** -52;

/**
 * The metrics of `predicted` against `truth` on the rows where both are numbers. Reference
 * (scikit-learn 1.2.1, sums in numpy's order, see stats/pairwiseSum):
 * - mae: `mean_absolute_error`; rmse: `sqrt(mean_squared_error)`;
 * - r2: `r2_score` = 1 − Σ(t − p)² / Σ(t − mean t)², with sklearn's force_finite: 1 when
 *   the numerator is 0, 0 when only the denominator is; NaN with fewer than 2 rows;
 * - mape: `mean_absolute_percentage_error` on the rows with truth ≠ 0 (sklearn itself keeps
 *   zeros and divides by eps, which gives ~10^15 per such row; we skip and count them).
 *   On the other rows sklearn's floor max(|t|, eps) is kept, so the two agree exactly;
 * - meanError: `numpy.mean(p − t)`.
 *
 * No used rows: every metric NaN and mape null (sklearn raises).
 */
export function regressionMetrics(truth: NumericalColumn, predicted: NumericalColumn): RegressionMetrics {
  const t = truth.values;
  const p = predicted.values;
  if (t.length !== p.length) throw new RangeError('truth and prediction must have the same number of rows');
  let rows = 0;
  let nonZero = 0;
  for (let row = 0; row < t.length; row++) {
    if (Number.isNaN(t[row]) || Number.isNaN(p[row])) continue;
    rows++;
    if (t[row] !== 0) nonZero++;
  }

  const usedTruth = new Float64Array(rows);
  const errors = new Float64Array(rows);
  const absoluteErrors = new Float64Array(rows);
  const percentageErrors = new Float64Array(nonZero);
  let i = 0;
  let j = 0;
  for (let row = 0; row < t.length; row++) {
    if (Number.isNaN(t[row]) || Number.isNaN(p[row])) continue;
    usedTruth[i] = t[row];
    errors[i] = p[row] - t[row];
    absoluteErrors[i] = Math.abs(errors[i]);
    if (t[row] !== 0) percentageErrors[j++] = absoluteErrors[i] / Math.max(Math.abs(t[row]), EPS);
    i++;
  }

  const squaredErrorSum = pairwiseSumOfSquaredDeviations(errors, 0);
  return {
    task: 'regression',
    rows,
    skippedRows: t.length - rows,
    mae: pairwiseSum(absoluteErrors) / rows,
    rmse: Math.sqrt(squaredErrorSum / rows),
    r2: rSquared(usedTruth, squaredErrorSum),
    mape: nonZero === 0 ? null : pairwiseSum(percentageErrors) / nonZero,
    mapeZeroTargetsSkipped: rows - nonZero,
    meanError: pairwiseSum(errors) / rows,
  };
}

/** `r2_score` from the residual sum of squares, with force_finite=True. */
function rSquared(truth: Float64Array, squaredErrorSum: number): number {
  if (truth.length < 2) return Number.NaN;
  const totalSum = pairwiseSumOfSquaredDeviations(truth, pairwiseSum(truth) / truth.length);
  if (squaredErrorSum === 0) return 1;
  if (totalSum === 0) return 0;
  return 1 - squaredErrorSum / totalSum;
}
