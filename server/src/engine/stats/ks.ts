import { kolmogorovSf } from './kolmogorov';
import { tieGroups, type TieGroups } from './tieGroups';

export interface KsResult {
  /** D = max |F_reference − F_current| over the pooled sample. */
  statistic: number;
  pValue: number;
  /** How the p-value was computed, as scipy's `method='auto'` decides. */
  method: 'exact' | 'asymptotic';
}

/** scipy's MAX_AUTO_N: the exact distribution is used while both sizes are at most this. */
const MAX_EXACT_SIZE = 10_000;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided:
 * `scipy.stats.ks_2samp(reference, current, alternative='two-sided', method='auto')` (scipy 1.10).
 *
 * D is the largest distance between the two empirical cdfs, both evaluated (right-continuous)
 * at every pooled value, so ties are counted as scipy counts them. While both samples have
 * at most 10 000 values the p-value is exact: P(D ≥ d) under the null, by lattice-path
 * counting (Hodges 1958, "The significance probability of the Smirnov two-sample test",
 * Ark. Mat. 3; computed as 1 − P(inside) with Viehmann's stable recursion, arXiv:2102.08037),
 * with D snapped to the lattice, h/lcm(n1, n2), as scipy reports it. Otherwise, or if the
 * exact value is not a probability, it is `kstwo.sf(D, round(n1·n2/(n1+n2)))`.
 *
 * Both inputs must be sorted ascending and free of NaN. O(n1 + n2) for the statistic, or
 * O(tie groups) given `groups` (tieGroups) of the two.
 * Empty samples, for which scipy raises, give NaN.
 */
export function ksTwoSample(sortedReference: Float64Array, sortedCurrent: Float64Array, groups?: TieGroups): KsResult {
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN, method: 'asymptotic' };
  return ksPValue(largestCdfDistance(n1, n2, groups ?? tieGroups(sortedReference, sortedCurrent)), n1, n2);
}

/**
 * The test of a statistic D between samples of n1 and n2 values, as ksTwoSample gives it: D
 * snapped to the lattice and the exact p-value while both sizes are at most 10 000, the
 * asymptotic one otherwise. The p-value falls as D grows (quantile sketches bound it so).
 */
export function ksPValue(statistic: number, n1: number, n2: number): KsResult {
  if (Math.max(n1, n2) <= MAX_EXACT_SIZE) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(statistic * lcm);
    statistic = h / lcm;
    const pValue = h === 0 ? 1 : n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideCorridor(n1, n2, g, h);
    if (pValue >= 0 && pValue <= 1) return { statistic, pValue, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effectiveSize = roundHalfToEven((m * n) / (m + n));
  return { statistic, pValue: kolmogorovSf(statistic, effectiveSize), method: 'asymptotic' };
}

/** max over pooled values x of |i(x)/n1 − j(x)/n2|, i and j the counts ≤ x: one pass over the tie groups. */
function largestCdfDistance(n1: number, n2: number, { count, aEnd, bEnd }: TieGroups): number {
  let largest = 0;
  for (let g = 0; g < count; g++) largest = Math.max(largest, Math.abs(aEnd[g] / n1 - bEnd[g] / n2));
  return largest;
}

/**
 * P(D ≥ h/n) for two samples of size n: 2·Σ_k (−1)^(k+1) C(2n, n−kh)/C(2n, n), evaluated in
 * scipy's nested form 2·A0(1 − A1(1 − A2(…))) against cancellation (`_compute_prob_outside_square`).
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm(m, n)): the share of monotone lattice paths from (0, 0) to (m, n) that leave
 * the corridor |x/m − y/n| < h/lcm, computed column by column over the corridor only, as
 * the probability of having already left it, scaled so every entry stays in [0, 1]
 * (scipy's `_compute_outer_prob_inside_method`). O(m · h/(m/g)) time, O(n) memory.
 */
function probabilityOutsideCorridor(n1: number, n2: number, g: number, h: number): number {
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const A = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  A.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (A[jj + minJ - lastMinJ] * i + value * j) / (i + j);
      A[jj] = value;
    }
    currentLength = maxJ - minJ;
    // Entries the window slid past count as paths already outside.
    if (lastLength > currentLength) A.fill(1, currentLength, lastLength);
  }
  return A[maxJ - minJ - 1];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's `round`: halves go to the even neighbour. */
function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}
