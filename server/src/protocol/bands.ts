/**
 * Dynamic thresholds: is a value unusual next to the ones before it? The time windows judge
 * each window against the earlier windows, and the History view each run against the earlier
 * runs, by this one rule. Part of the contract: pure data and small pure functions.
 */
import type { DriftMethod } from './methods';

/** k of mean ± k·σ when the config sets no `windows.dynamic_k`. */
export const DEFAULT_DYNAMIC_K = 3;

export interface Band {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  std: number;
  /** mean − k·max(std, floor), raised to the lowest value the quantity can take. */
  low: number;
  /** mean + k·max(std, floor), lowered to the highest value the quantity can take. */
  high: number;
}

export interface BandLimits {
  /**
   * The smallest σ the band is drawn with: the sampling error of the value being judged. Earlier
   * values that (nearly) repeat give σ ≈ 0, and a band of zero width would flag every wobble.
   */
  floor?: number;
  /** The values the quantity can take, [lowest, highest]: a rate's band stays in [0, 1]. */
  range?: readonly [number, number];
}

/**
 * mean ± k·max(σ, floor) of the finite values in `history` (the earlier windows' values; others
 * are skipped), clamped to `range`, or null when fewer than `minHistory` are finite.
 *
 * `minHistory` defaults to 3: two values give σ from their one difference (a single degree
 * of freedom), so a band around them is mostly chance, and one gives no σ at all. Three
 * give σ more than one difference to go on, while a short trend of weekly windows still
 * gets a band from its fourth window on. It must be at least 2.
 */
export function dynamicBand(history: number[], k: number, minHistory = 3, limits: BandLimits = {}): Band | null {
  if (minHistory < 2)
    throw new RangeError(`minHistory must be at least 2 for a sample standard deviation, not ${minHistory}.`);
  const values = history.filter(Number.isFinite);
  if (values.length < minHistory) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const std = Math.sqrt(squares / (values.length - 1));
  const spread = k * Math.max(std, limits.floor ?? 0);
  const [lowest, highest] = limits.range ?? [-Infinity, Infinity];
  return { mean, std, low: Math.max(mean - spread, lowest), high: Math.min(mean + spread, highest) };
}

/** True when `value` lies strictly outside the band; a NaN value never does. */
export function isOutsideBand(value: number, band: Band): boolean {
  return value < band.low || value > band.high;
}

/**
 * What the time windows band for a feature, by its deciding method. A distance is banded as
 * it is. A p-value has no scale (it is near 0 for any large shift and uniform on [0, 1]
 * without one, so mean ± k·σ of p-values runs below 0), so a p-value method's windows are
 * banded on the size of the difference its test measures, a figure that does not grow with
 * the window's row count. Every drift size is 0 for no difference and rises with drift.
 */
export const WINDOW_DRIFT_SIZE: { readonly [M in DriftMethod]: { label: string; range: readonly [number, number] } } = {
  ks: { label: 'KS distance D', range: [0, 1] },
  // |2U/(n·m) − 1|, the rank-biserial correlation: how far P(reference < current) is from ½.
  mannwhitney: { label: 'rank-biserial |r|', range: [0, 1] },
  // T·(n + m)/(n·m) = ∫(F − G)² dH, the distance T estimates.
  cramervonmises: { label: 'Cramér–von Mises ω²', range: [0, 1] },
  // Its standardized statistic is no distance either; the KS distance of the same window stands in.
  andersondarling: { label: 'KS distance D', range: [0, 1] },
  // √(χ²/nₑ) with nₑ = n·m/(n + m): Cohen's w of the two samples (for two categories √(χ²) = |z|).
  chisquare: { label: "Cohen's w", range: [0, Infinity] },
  ztest: { label: "Cohen's w", range: [0, Infinity] },
  psi: { label: 'PSI', range: [0, Infinity] },
  wasserstein: { label: 'normed Wasserstein', range: [0, Infinity] },
  jensenshannon: { label: 'Jensen–Shannon distance', range: [0, 1] },
  kl: { label: 'KL divergence', range: [0, Infinity] },
  hellinger: { label: 'Hellinger distance', range: [0, 1] },
  energy: { label: 'normed energy distance', range: [0, Infinity] },
};

/** The series of the time windows that are not a feature or a metric. */
export const DRIFT_SHARE_SERIES = 'drift share';
