/**
 * The drift statistics on quantile sketches: each side a weighted step cdf (its items and
 * their cumulative weights), in place of the sorted values the exact tests read. An exact
 * sample is the sketch whose items are its values, each of weight 1 (`exactSketch`); on it
 * every function here gives the exact test's statistic.
 */
import { nextUp } from './binning';
import type { QuantileSketch } from './kll';
import { kolmogorovSf } from './kolmogorov';

/** The sorted values as a sketch without error. */
export function exactSketch(sorted: Float64Array): QuantileSketch {
  const cumulative = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) cumulative[i] = i + 1;
  return { values: sorted, cumulative, count: sorted.length, rankError: 0, confidence: 1 };
}

/** The bound on |sketched cdf − true cdf| (a share of the values) at every point. */
export function cdfError(sketch: QuantileSketch): number {
  return sketch.count === 0 ? 0 : sketch.rankError / sketch.count;
}

/** The sketched number of values < x (`strict`) or ≤ x. */
export function weightBelow(sketch: QuantileSketch, x: number, strict = true): number {
  const { values, cumulative } = sketch;
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (strict ? values[middle] < x : values[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? 0 : cumulative[low - 1];
}

/**
 * The value of rank q·count: the first item whose cumulative weight reaches it (for an exact
 * sample, numpy's 'inverted_cdf' quantile).
 */
export function sketchQuantile(sketch: QuantileSketch, q: number): number {
  return sketch.count === 0 ? Number.NaN : itemAtRank(sketch, q * sketch.count);
}

/** The first item whose cumulative weight reaches `rank`. */
export function itemAtRank({ values, cumulative }: QuantileSketch, rank: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] < rank) low = middle + 1;
    else high = middle;
  }
  return values[low];
}

/**
 * The two-sample Kolmogorov–Smirnov test on two sketches: D, the largest distance between
 * the two right-continuous cdfs over the pooled items (ks_2samp's statistic on exact
 * samples), and its asymptotic p-value, kstwo.sf(D, round(n·m/(n+m))), ks_2samp's
 * method for samples above 10,000 values.
 */
export function sketchKs(
  reference: QuantileSketch,
  current: QuantileSketch,
): { statistic: number; pValue: number; method: 'asymptotic' } {
  const n = reference.count;
  const m = current.count;
  if (n === 0 || m === 0) return { statistic: Number.NaN, pValue: Number.NaN, method: 'asymptotic' };
  let statistic = 0;
  forEachPooledStep(reference, current, (gap) => (statistic = Math.max(statistic, Math.abs(gap))));
  const effectiveSize = Math.round((Math.max(n, m) * Math.min(n, m)) / (n + m));
  return { statistic, pValue: kolmogorovSf(statistic, effectiveSize), method: 'asymptotic' };
}

/**
 * The Wasserstein distance ∫|F − G| dx and the energy distance √(2∫(F − G)² dx) between the
 * two sketched cdfs (scipy's wasserstein_distance and energy_distance on exact samples).
 */
export function sketchCdfDistances(
  reference: QuantileSketch,
  current: QuantileSketch,
): { wasserstein: number; energy: number } {
  if (reference.count === 0 || current.count === 0) return { wasserstein: Number.NaN, energy: Number.NaN };
  let absolute = 0;
  let squared = 0;
  forEachPooledStep(reference, current, (gap, width) => {
    absolute += Math.abs(gap) * width;
    squared += gap * gap * width;
  });
  return { wasserstein: absolute, energy: Math.SQRT2 * Math.sqrt(squared) };
}

/**
 * The edges of `bins` reference-quantile bins, binning.quantileBinEdges' rule on the
 * sketch's quantiles: the reference minimum, each quantile edge with reference weight between
 * it and the previous kept edge, and the double above the reference maximum. The extremes
 * are the stream's exact ones (a sketch may have compacted them away).
 */
export function sketchBinEdges(reference: QuantileSketch, bins: number, min: number, max: number): Float64Array {
  if (reference.count === 0) return new Float64Array(0);
  const edges = [min];
  let belowPrevious = 0;
  for (let i = 1; i < bins; i++) {
    const edge = sketchQuantile(reference, i / bins);
    const below = weightBelow(reference, edge);
    if (below > belowPrevious) {
      edges.push(edge);
      belowPrevious = below;
    }
  }
  edges.push(nextUp(max));
  return Float64Array.from(edges);
}

/** Weight per bin [eᵢ, eᵢ₊₁) with open outer bins, as binning.binCounts counts values. */
export function sketchBinCounts(sketch: QuantileSketch, innerEdges: Float64Array): Float64Array {
  const counts = new Float64Array(innerEdges.length + 1);
  let below = 0;
  innerEdges.forEach((edge, i) => {
    const belowEdge = weightBelow(sketch, edge);
    counts[i] = belowEdge - below;
    below = belowEdge;
  });
  counts[innerEdges.length] = sketch.count - below;
  return counts;
}

/**
 * Walks the pooled items in order; at each distinct value x (but the last) calls
 * `step(F(x) − G(x), next − x)` with both cdfs right-continuous.
 */
function forEachPooledStep(a: QuantileSketch, b: QuantileSketch, step: (gap: number, width: number) => void): void {
  const { values: va, cumulative: ca, count: na } = a;
  const { values: vb, cumulative: cb, count: nb } = b;
  let i = 0;
  let j = 0;
  while (i < va.length || j < vb.length) {
    const x = j >= vb.length || (i < va.length && va[i] <= vb[j]) ? va[i] : vb[j];
    while (i < va.length && va[i] === x) i++;
    while (j < vb.length && vb[j] === x) j++;
    if (i === va.length && j === vb.length) return;
    const next = j >= vb.length || (i < va.length && va[i] <= vb[j]) ? va[i] : vb[j];
    const gap = (i === 0 ? 0 : ca[i - 1]) / na - (j === 0 ? 0 : cb[j - 1]) / nb;
    step(gap, next - x);
  }
}
