/**
 * Bins for the binned drift statistics (PSI, divergences, chi-square on numeric
 * columns) and for the report's display histogram. Values must be sorted ascending
 * without NaN: counts then come from a binary search per edge (numpy.histogram's own
 * `searchsorted` method), never a pass per value.
 */
import { quantileSorted } from './quantiles';

/**
 * The inner bin edges at the reference quantiles i/bins, i = 1 … bins − 1 (deciles by
 * default; `numpy.quantile`, 'linear'); the outer bins are open, (−∞, e₁) and [eₖ, +∞).
 *
 * An edge is kept only if at least one reference value lies in [previous kept edge,
 * edge), so every bin holds reference data by construction. This drops duplicate
 * edges (`numpy.unique`), and deliberately goes further than plain de-duplication,
 * which still leaves empty reference bins in two cases: an edge equal to the
 * reference minimum (a zero-inflated column puts several deciles on its minimum,
 * and (−∞, min) is empty) and, for small or heavily tied samples, an interpolated
 * edge with no data between it and the next one. The golden script applies the same
 * rule with numpy. An empty reference gives no edges (one bin).
 */
export function quantileBinEdges(sortedReference: Float64Array, bins = 10): Float64Array {
  assertBinCount(bins);
  const edges = new Float64Array(bins - 1);
  let kept = 0;
  let belowPrevious = 0;
  for (let i = 1; i < bins; i++) {
    const edge = quantileSorted(sortedReference, i / bins);
    // A NaN edge (empty reference, or numpy's lerp meeting infinities) counts 0 below it and is dropped here.
    const below = countBelow(sortedReference, edge);
    if (below > belowPrevious) {
      edges[kept++] = edge;
      belowPrevious = below;
    }
  }
  return edges.slice(0, kept);
}

/**
 * Counts per bin for inner edges e₁ ≤ … ≤ eₖ with open outer bins: identical to
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
