/**
 * Dynamic thresholds: is a value unusual next to the ones before it? The time windows judge
 * each window against the earlier windows, and the History view each run against the earlier
 * runs, by this one rule. Part of the contract: pure, importing nothing.
 */

/** k of mean ± k·σ when the config sets no `windows.dynamic_k`. */
export const DEFAULT_DYNAMIC_K = 3;

export interface Band {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  std: number;
  /** mean − k·std */
  low: number;
  /** mean + k·std */
  high: number;
}

/**
 * mean ± k·σ of the finite values in `history` (the earlier windows' values; others are
 * skipped), or null when fewer than `minHistory` are finite.
 *
 * `minHistory` defaults to 3: two values give σ from their one difference (a single degree
 * of freedom), so a band around them is mostly chance, and one gives no σ at all. Three
 * give σ more than one difference to go on, while a short trend of weekly windows still
 * gets a band from its fourth window on. It must be at least 2.
 */
export function dynamicBand(history: number[], k: number, minHistory = 3): Band | null {
  if (minHistory < 2)
    throw new RangeError(`minHistory must be at least 2 for a sample standard deviation, not ${minHistory}.`);
  const values = history.filter(Number.isFinite);
  if (values.length < minHistory) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const std = Math.sqrt(squares / (values.length - 1));
  return { mean, std, low: mean - k * std, high: mean + k * std };
}

/** True when `value` lies strictly outside the band; a NaN value never does. */
export function isOutsideBand(value: number, band: Band): boolean {
  return value < band.low || value > band.high;
}
