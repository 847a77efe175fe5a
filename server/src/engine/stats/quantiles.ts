/**
 * `numpy.quantile(x, q)` with the default 'linear' method (Hyndman & Fan type 7):
 * the value at position q·(n − 1) of the sorted data, interpolated linearly between
 * its two neighbours with numpy 1.24's `_lerp`, so finite results are bit-identical.
 *
 * `sorted` must be ascending without NaN. Deviations from numpy: an empty input gives
 * NaN (numpy raises), and an exact position returns that order statistic itself,
 * where numpy's lerp gives NaN for an infinite one (inf·0, inf − inf).
 * Throws RangeError unless 0 ≤ q ≤ 1, as numpy raises ValueError.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  if (below >= n - 1) return sorted[n - 1];
  const fraction = position - below;
  if (fraction === 0) return sorted[below];
  const a = sorted[below];
  const b = sorted[below + 1];
  const difference = b - a;
  // numpy interpolates from the nearer end; doing the same keeps results bit-identical.
  return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction;
}
