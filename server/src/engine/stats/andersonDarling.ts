import { pairwiseSum } from './pairwiseSum';
import { tieGroups, type TieGroups } from './tieGroups';

export interface AndersonDarlingResult {
  /** The standardized statistic (A²akN − 1)/σ of Scholz & Stephens. */
  statistic: number;
  /** scipy's `significance_level`, interpolated and limited to [0.001, 0.25]. */
  pValue: number;
  /** The p-value hit a limit (scipy warns): the true value is above 0.25 or below 0.001. */
  pValueCapped: boolean;
}

/**
 * Critical values of the standardized statistic for two samples, b0 + b1/√m + b2/m with
 * m = 1 (Scholz & Stephens 1987, Table 2), at the significance levels below.
 */
const CRITICAL = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085].map(
  (b0, i) =>
    b0 +
    [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615][i] +
    [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154][i],
);
const SIGNIFICANCE = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
/** log(significance) as a least-squares quadratic in the critical value (scipy's `np.polyfit(critical, log(sig), 2)`). */
const LOG_SIGNIFICANCE_FIT = fitQuadratic(CRITICAL, SIGNIFICANCE.map(Math.log));

/**
 * Anderson–Darling k-sample test for k = 2 with midranks:
 * `scipy.stats.anderson_ksamp([reference, current], midrank=True)` (scipy 1.10), its
 * statistic and `significance_level`.
 *
 * A²akN = (N−1)/N · Σ_i 1/n_i Σ_j l_j/N · (N·M_ij − n_i·B_j)² / (B_j(N − B_j) − N·l_j/4)
 * over the distinct pooled values z_j, l_j how often z_j occurs, B_j the number of pooled
 * values below z_j plus l_j/2 and M_ij the same count within sample i (Scholz & Stephens
 * 1987, "K-sample Anderson–Darling tests", JASA 82(399), eq. 7). It is standardized by its
 * exact null variance, and the p-value interpolates log(significance) quadratically in the
 * table's critical values; outside the table it is capped at 0.25 or floored at 0.001.
 *
 * Both inputs must be sorted ascending and free of NaN; one merge pass, O(n1 + n2).
 * With fewer than 2 distinct values or an empty sample scipy raises, and with 2 values in
 * all it indexes past an empty array: all give NaN. With 3 values the variance is 0/0 and
 * scipy, like this, returns NaN.
 */
export function andersonDarlingKSample(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  groups: TieGroups = tieGroups(sortedReference, sortedCurrent),
): AndersonDarlingResult {
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;
  const N = n1 + n2;
  const invalid = { statistic: Number.NaN, pValue: Number.NaN, pValueCapped: false };
  if (n1 === 0 || n2 === 0 || N <= 2) return invalid;
  const [referenceTerms, currentTerms] = midrankTerms(sortedReference.length, sortedCurrent.length, groups);
  if (referenceTerms.length < 2) return invalid;

  let sum = 0;
  sum += pairwiseSum(referenceTerms) / n1;
  sum += pairwiseSum(currentTerms) / n2;
  sum *= (N - 1) / N;

  const statistic = (sum - 1) / Math.sqrt(nullVariance(n1, n2));
  if (statistic < CRITICAL[0]) return { statistic, pValue: SIGNIFICANCE[0], pValueCapped: true };
  if (statistic > CRITICAL[CRITICAL.length - 1])
    return { statistic, pValue: SIGNIFICANCE[SIGNIFICANCE.length - 1], pValueCapped: true };
  return { statistic, pValue: Math.exp(LOG_SIGNIFICANCE_FIT(statistic)), pValueCapped: false };
}

/** The summands of A²akN for each sample, one per distinct pooled value. */
function midrankTerms(n1: number, n2: number, { count, aEnd, bEnd }: TieGroups): [Float64Array, Float64Array] {
  const N = n1 + n2;
  const termsA = new Float64Array(count);
  const termsB = new Float64Array(count);
  for (let g = 0, aStart = 0, bStart = 0; g < count; aStart = aEnd[g], bStart = bEnd[g], g++) {
    const i = aEnd[g];
    const j = bEnd[g];
    const tied = i - aStart + (j - bStart);
    const B = aStart + bStart + tied / 2;
    const denominator = B * (N - B) - (N * tied) / 4;
    const Ma = i - (i - aStart) / 2;
    const Mb = j - (j - bStart) / 2;
    termsA[g] = ((tied / N) * (N * Ma - B * n1) ** 2) / denominator;
    termsB[g] = ((tied / N) * (N * Mb - B * n2) ** 2) / denominator;
  }
  return [termsA, termsB];
}

/**
 * σ², the exact null variance of A²akN for k = 2 samples of sizes n1, n2
 * (Scholz & Stephens 1987), with scipy's summation order for h and g.
 */
function nullVariance(n1: number, n2: number): number {
  // O(N) and the same for every column of a pair of files without missing values: once.
  const key = `${n1},${n2}`;
  let variance = nullVariances.get(key);
  if (variance === undefined) {
    if (nullVariances.size >= MAX_REMEMBERED) nullVariances.clear();
    nullVariances.set(key, (variance = computeNullVariance(n1, n2)));
  }
  return variance;
}

const nullVariances = new Map<string, number>();
const MAX_REMEMBERED = 64;

function computeNullVariance(n1: number, n2: number): number {
  const k = 2;
  const N = n1 + n2;
  const H = 1 / n1 + 1 / n2;
  // Running sums Σ_{i=j}^{N−1} 1/i for j = N−1 down to 2, i.e. numpy's cumsum of 1/(N−1), …, 1/2.
  const tailSums = new Float64Array(N - 2);
  let running = 0;
  for (let t = 0; t < N - 2; t++) {
    running += 1 / (N - 1 - t);
    tailSums[t] = running;
  }
  const h = tailSums[N - 3] + 1;
  for (let t = 0; t < N - 2; t++) tailSums[t] /= t + 2;
  const g = pairwiseSum(tailSums);

  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  return (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
}

/**
 * The least-squares quadratic through the points (x_i, y_i), as a function. Solved by the
 * normal equations in x − mean(x), which keeps them well conditioned.
 */
function fitQuadratic(xs: number[], ys: number[]): (x: number) => number {
  const center = xs.reduce((s, x) => s + x, 0) / xs.length;
  // Moments Σu^p (p = 0..4) and Σu^p·y (p = 0..2), u = x − center.
  const moments = [0, 0, 0, 0, 0];
  const targets = [0, 0, 0];
  xs.forEach((x, i) => {
    const u = x - center;
    for (let p = 0; p < 5; p++) moments[p] += u ** p;
    for (let p = 0; p < 3; p++) targets[p] += u ** p * ys[i];
  });
  const system = [0, 1, 2].map((r) => [moments[r], moments[r + 1], moments[r + 2], targets[r]]);
  // Gaussian elimination with partial pivoting on the 3×3 system.
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(system[r][col]) > Math.abs(system[pivot][col])) pivot = r;
    [system[col], system[pivot]] = [system[pivot], system[col]];
    for (let r = col + 1; r < 3; r++) {
      const factor = system[r][col] / system[col][col];
      for (let c = col; c < 4; c++) system[r][c] -= factor * system[col][c];
    }
  }
  const coefficients = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = system[r][3];
    for (let c = r + 1; c < 3; c++) s -= system[r][c] * coefficients[c];
    coefficients[r] = s / system[r][r];
  }
  return (x) => {
    const u = x - center;
    return coefficients[0] + u * (coefficients[1] + u * coefficients[2]);
  };
}
