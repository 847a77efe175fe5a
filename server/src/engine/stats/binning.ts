/**
 * Bins for the binned drift statistics (PSI, Jensen–Shannon, KL, Hellinger on numeric
 * columns) and for the report's display histogram. Values must be sorted ascending
 * without NaN: counts then come from a binary search per edge (numpy.histogram's own
 * `searchsorted` method), never a pass per value.
 */
import { quantileSorted } from './quantiles';

/**
 * The edges of the reference-quantile bins: the reference minimum, the reference quantiles
 * i/bins, i = 1 … bins − 1 (deciles by default; `numpy.quantile`, 'linear'), and the double
 * just above the reference maximum. With `binCounts`' open outer bins this makes
 * (−∞, min) | [min, e₁) | … | [eₖ, max] | (max, +∞): the two outer bins hold the current
 * values beyond the reference's range, where the reference has no mass, so distributions
 * that do not overlap reach each distance's maximum (Jensen–Shannon √ln 2, Hellinger 1). With
 * open bins at the outer deciles instead, N(0, 1) against N(7, 1) shared the top decile and
 * stopped at Jensen–Shannon 0.725 (0.871 in bits) and Hellinger 0.827.
 *
 * A quantile edge is kept only if at least one reference value lies in [previous kept edge,
 * edge), so every bin between the outer two holds reference data by construction. This
 * drops duplicate edges (`numpy.unique`), and deliberately goes further than plain
 * de-duplication, which still leaves empty reference bins in two cases: an edge equal to the
 * reference minimum (a zero-inflated column puts several deciles on its minimum) and, for
 * small or heavily tied samples, an interpolated edge with no data between it and the next
 * one. The golden script applies the same rule with numpy. An empty reference gives no edges
 * (one bin).
 */
export function quantileBinEdges(sortedReference: Float64Array, bins = 10): Float64Array {
  assertBinCount(bins);
  const n = sortedReference.length;
  if (n === 0) return new Float64Array(0);
  const edges = [sortedReference[0]];
  let belowPrevious = 0;
  for (let i = 1; i < bins; i++) {
    const edge = quantileSorted(sortedReference, i / bins);
    // A NaN edge (numpy's lerp meeting infinities) counts 0 below it and is dropped here.
    const below = countBelow(sortedReference, edge);
    if (below > belowPrevious) {
      edges.push(edge);
      belowPrevious = below;
    }
  }
  edges.push(nextUp(sortedReference[n - 1]));
  return Float64Array.from(edges);
}

/**
 * The smallest double above x (`numpy.nextafter(x, inf)`): the edge that closes a bin at
 * x, as bins are [a, b). Infinity stays infinite.
 */
export function nextUp(x: number): number {
  if (x === Infinity || Number.isNaN(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] += x > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

/**
 * Counts per bin for edges e₁ ≤ … ≤ eₖ with open outer bins: identical to
 * `numpy.histogram(values, bins=[-inf, *edges, inf])[0]`, i.e. bins [eᵢ, eᵢ₊₁) with
 * the last one closed, so a value equal to an edge falls in the bin above it.
 * Returns k + 1 counts.
 */
export function binCounts(sortedValues: Float64Array, innerEdges: Float64Array): Float64Array {
  assertNonDecreasing(innerEdges);
  const counts = new Float64Array(innerEdges.length + 1);
  let below = 0;
  for (let i = 0; i < innerEdges.length; i++) {
    const belowEdge = countBelow(sortedValues, innerEdges[i]);
    counts[i] = belowEdge - below;
    below = belowEdge;
  }
  counts[innerEdges.length] = sortedValues.length - below;
  return counts;
}

/**
 * `bins` + 1 equal-width edges from min to max, as
 * `numpy.histogram_bin_edges(x, bins, range=(min, max))`: `numpy.linspace`, with the
 * range widened by 0.5 on each side when min == max. Throws RangeError for a
 * non-finite or reversed range, as numpy raises ValueError.
 */
export function equalWidthEdges(min: number, max: number, bins: number): Float64Array {
  assertBinCount(bins);
  if (!(Number.isFinite(min) && Number.isFinite(max)))
    throw new RangeError(`histogram range [${min}, ${max}] is not finite`);
  if (min > max) throw new RangeError(`histogram range [${min}, ${max}] is reversed`);
  const first = min === max ? min - 0.5 : min;
  const last = min === max ? max + 0.5 : max;
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** The number of values < x: `numpy.searchsorted(sorted, x, side='left')`. */
function countBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

function assertBinCount(bins: number): void {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bin count must be a positive integer, got ${bins}`);
}

function assertNonDecreasing(edges: Float64Array): void {
  for (let i = 0; i < edges.length; i++) {
    if (Number.isNaN(edges[i]) || (i > 0 && edges[i] < edges[i - 1])) {
      throw new RangeError('bin edges must increase monotonically and not be NaN');
    }
  }
}
