/**
 * Bounds on the drift statistics computed from quantile sketches: for each, an interval that
 * holds the statistic of the exact values, at the sketches' confidence.
 *
 * Everything follows from one fact, the sketch's rank error (kll.ts): with 99% confidence,
 * |F̂(x) − F(x)| ≤ ε at every x, where F̂ is the sketch's cdf, F the exact one and ε its
 * `cdfError`. The stream also knows each side's exact minimum and maximum, so F is exactly 0
 * below the minimum and exactly 1 from the maximum on. Each statistic is then bounded over
 * every pair of cdfs that fit those constraints:
 *
 * - Kolmogorov–Smirnov: D = sup |F − G| moves by at most ε_F + ε_G, so D ∈ D̂ ± (ε_F + ε_G)
 *   and the p-value lies between the p-values at those two ends (the p-value falls with D).
 * - Wasserstein ∫|F − G| and energy √(2∫(F − G)²): between two neighbouring points of either
 *   sketch (or the exact extremes) F̂ and Ĝ are constant, so F − G lies in a known interval
 *   there; the integral of the smallest and of the largest |F − G| that interval allows, over
 *   the span of the values, bound the exact integral. Far tails count at full width: a sketch
 *   cannot see how an outlier's mass is spread, and the bound says so by widening.
 * - The binned statistics (PSI, Jensen–Shannon, KL, Hellinger), on the bins the sketch cut:
 *   each bin's share is F(upper edge) − F(lower edge), so it lies within the errors of its two
 *   edges (0 at an edge beyond a side's extremes) of the sketched share. Each statistic is a
 *   sum of one term per bin, each term convex in the bin's two shares: its largest value over
 *   the box of possible shares is at a corner; PSI's, Jensen–Shannon's and Hellinger's
 *   terms, and KL's written as r·ln(r/c) − r + c (equal to it, as both sides' shares sum to
 *   1), are 0 where the shares can be equal and otherwise smallest at the box's corner
 *   closest to equal shares (each is q·φ(p/q) with φ convex, 0 at 1, falling before 1 and
 *   rising after). Bounding each term apart ignores that the shares sum to 1, so the bound is
 *   valid, if wider than the tightest one.
 */
import { nextUp } from './binning';
import { ksPValue } from './ks';
import { cdfError, weightBelow } from './sketchStatistics';
import type { QuantileSketch } from './kll';

/** The interval that holds the exact value. */
export interface Bound {
  low: number;
  high: number;
}

/** One side: its sketch and its exact extremes. */
export interface SketchedSide {
  sketch: QuantileSketch;
  min: number;
  max: number;
}

/**
 * The exact Kolmogorov–Smirnov p-value, from the sketched statistic (see sketchKs): the
 * p-values, by ks_2samp's method for these sizes (ks.ts), at the two ends of the statistic's
 * bound. A streamed file has far more than 10,000 rows, so there the asymptotic method
 * decides; a reference profile of fewer rows against a small current file takes the exact one.
 */
export function ksPValueBound(reference: SketchedSide, current: SketchedSide, statistic: number): Bound {
  const n = reference.sketch.count;
  const m = current.sketch.count;
  const error = cdfError(reference.sketch) + cdfError(current.sketch);
  return {
    low: ksPValue(Math.min(1, statistic + error), n, m).pValue,
    high: ksPValue(Math.max(0, statistic - error), n, m).pValue,
  };
}

/**
 * The exact Wasserstein and energy distances (not normed). One walk over the pooled points
 * (both sketches' items and the four extremes, ascending, each once), each side's weight at
 * or below the point followed as the walk goes.
 */
export function cdfDistanceBounds(
  reference: SketchedSide,
  current: SketchedSide,
): { wasserstein: Bound; energy: Bound } {
  const points = pooledPoints(reference, current);
  const f = cdfWalk(reference);
  const g = cdfWalk(current);
  let [absoluteLow, absoluteHigh, squaredLow, squaredHigh] = [0, 0, 0, 0];
  for (let i = 0; i + 1 < points.length; i++) {
    const width = points[i + 1] - points[i];
    f.moveTo(points[i]);
    g.moveTo(points[i]);
    // F − G ranges over [f.low − g.high, f.high − g.low] on [points[i], points[i + 1]).
    const lowest = f.low - g.high;
    const highest = f.high - g.low;
    const nearest = lowest > 0 ? lowest : highest < 0 ? -highest : 0;
    const farthest = Math.max(Math.abs(lowest), Math.abs(highest));
    absoluteLow += nearest * width;
    absoluteHigh += farthest * width;
    squaredLow += nearest * nearest * width;
    squaredHigh += farthest * farthest * width;
  }
  const energy = (squared: number) => Math.SQRT2 * Math.sqrt(squared);
  return {
    wasserstein: { low: absoluteLow, high: absoluteHigh },
    energy: { low: energy(squaredLow), high: energy(squaredHigh) },
  };
}

/** Both sketches' items and both sides' extremes, ascending, each value once (−0 and +0 are one). */
function pooledPoints(reference: SketchedSide, current: SketchedSide): Float64Array {
  const extremes = Float64Array.of(reference.min, reference.max, current.min, current.max).sort();
  const lists = [reference.sketch.values, current.sketch.values, extremes];
  const at = [0, 0, 0];
  const points = new Float64Array(lists[0].length + lists[1].length + extremes.length);
  let n = 0;
  for (;;) {
    let smallest = -1;
    for (let l = 0; l < 3; l++)
      if (at[l] < lists[l].length && (smallest < 0 || lists[l][at[l]] < lists[smallest][at[smallest]])) smallest = l;
    if (smallest < 0) return points.subarray(0, n);
    const x = lists[smallest][at[smallest]++];
    if (n === 0 || x !== points[n - 1]) points[n++] = x;
  }
}

/**
 * The values F(x) may take at x (right-continuous), given the sketch's F̂(x) and the exact
 * extremes, for x visited in ascending order (`moveTo`).
 */
function cdfWalk(side: SketchedSide): { moveTo: (x: number) => void; low: number; high: number } {
  const { values, cumulative, count } = side.sketch;
  const error = cdfError(side.sketch);
  let atOrBelow = 0;
  const walk = {
    low: 0,
    high: 0,
    moveTo(x: number) {
      while (atOrBelow < values.length && values[atOrBelow] <= x) atOrBelow++;
      if (x < side.min) walk.low = walk.high = 0;
      else if (x >= side.max) walk.low = walk.high = 1;
      else {
        // weightBelow(sketch, x, false): the weight at or below x.
        const share = (atOrBelow === 0 ? 0 : cumulative[atOrBelow - 1]) / count;
        walk.low = Math.max(0, share - error);
        walk.high = Math.min(1, share + error);
      }
    },
  };
  return walk;
}

export interface BinnedBounds {
  psi: Bound;
  jensenshannon: Bound;
  kl: Bound;
  hellinger: Bound;
}

/**
 * The exact PSI, Jensen–Shannon distance (nats), KL divergence D(reference ‖ current) and
 * Hellinger distance on the bins of `edges` (as binning.binCounts reads them), with the
 * proportion floor of psi.ts and divergences.ts.
 */
export function binnedBounds(
  reference: SketchedSide,
  current: SketchedSide,
  edges: Float64Array,
  floor = 1e-4,
): BinnedBounds {
  return boundsOfShares(shareRanges(reference, edges), shareRanges(current, edges), floor);
}

/**
 * The exact numpy quantile ('linear', as stats/quantiles.ts) of the values a side sketched:
 * it lies between the order statistics ⌊h⌋ and ⌈h⌉, h = q·(n − 1), and the i-th value
 * (0-based) between the sketch's items at ranks ⌊i − E⌋ + 1 and i + 1 + E, E the rank
 * error: at most i values lie below the i-th, at least i + 1 at or below it, and the sketch
 * counts each within E. The exact extremes close the ends.
 */
export function quantileBound(side: SketchedSide, q: number): Bound {
  const { count, rankError } = side.sketch;
  if (count === 0) return { low: Number.NaN, high: Number.NaN };
  const position = q * (count - 1);
  const lowRank = Math.floor(Math.floor(position) - rankError) + 1;
  const highRank = Math.ceil(position) + 1 + rankError;
  return {
    low: lowRank <= 1 ? side.min : Math.max(side.min, itemAtRank(side.sketch, lowRank)),
    high: highRank > count ? side.max : Math.min(side.max, itemAtRank(side.sketch, highRank)),
  };
}

/** The first item whose cumulative weight reaches `rank`. */
function itemAtRank({ values, cumulative }: QuantileSketch, rank: number): number {
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
 * The binned statistics on the bins the exact reference would cut (binning.quantileBinEdges:
 * its minimum, its quantiles i/bins, the double above its maximum), whose inner edges the
 * sketch knows only within quantileBound. Each bin's share on a side then lies between the
 * least weight below its upper edge's range less the most below its lower edge's, and the
 * reverse. quantileBinEdges drops an edge with no reference value between it and the last
 * kept one: edges surely equal (both exactly one value, or an edge exactly the minimum) are
 * dropped here too; when another might be, the bins are not known, and as merging bins never
 * raises these statistics (each is a sum of convex terms), the bound is 0 to its value on
 * every edge kept.
 */
export function binnedBoundsOnExactBins(
  reference: SketchedSide,
  current: SketchedSide,
  bins: number,
  floor = 1e-4,
): BinnedBounds {
  const ranges: Bound[] = [{ low: reference.min, high: reference.min }];
  for (let i = 1; i < bins; i++) {
    const range = quantileBound(reference, i / bins);
    const last = ranges[ranges.length - 1];
    const surelyEqual = range.low === range.high && last.low === last.high && range.low === last.low;
    if (!surelyEqual) ranges.push(range);
  }
  ranges.push({ low: nextUp(reference.max), high: nextUp(reference.max) });
  const r = shareRangesOnEdgeRanges(reference, ranges);
  const c = shareRangesOnEdgeRanges(current, ranges);
  const bounds = boundsOfShares(r, c, floor);
  // Every bin between the outer two surely holds reference values: no edge is dropped.
  if (r.slice(1, -1).every((share) => share.low > 0)) return bounds;
  const fromZero = (b: Bound): Bound => ({ low: 0, high: b.high });
  return {
    psi: fromZero(bounds.psi),
    jensenshannon: fromZero(bounds.jensenshannon),
    kl: fromZero(bounds.kl),
    hellinger: fromZero(bounds.hellinger),
  };
}

/** Each bin's share when each edge lies somewhere in its range (the outer bins open, as binCounts counts). */
function shareRangesOnEdgeRanges(side: SketchedSide, ranges: Bound[]): Bound[] {
  const n = side.sketch.count;
  const error = cdfError(side.sketch);
  // The share of values below x: exact outside the side's range, within the error inside it.
  const below = (x: number, slack: number) =>
    x <= side.min ? 0 : x > side.max ? 1 : Math.min(1, Math.max(0, weightBelow(side.sketch, x) / n + slack));
  const least = [0, ...ranges.map((range) => below(range.low, -error)), 1];
  const most = [0, ...ranges.map((range) => below(range.high, error)), 1];
  return least.slice(1).map((_, i) => ({
    low: Math.max(0, least[i + 1] - most[i]),
    high: Math.min(1, most[i + 1] - least[i]),
  }));
}

function boundsOfShares(r: Bound[], c: Bound[], floor: number): BinnedBounds {
  const floored = (b: Bound): Bound => ({ low: Math.max(b.low, floor), high: Math.max(b.high, floor) });
  const rf = r.map(floored);
  const cf = c.map(floored);
  const sum = (terms: Bound[]): Bound => ({
    low: terms.reduce((a, t) => a + t.low, 0),
    high: terms.reduce((a, t) => a + t.high, 0),
  });
  const halfRoot = (b: Bound, max: number): Bound => ({
    low: Math.sqrt(Math.max(0, b.low / 2)),
    high: Math.min(max, Math.sqrt(Math.max(0, b.high / 2))),
  });
  const psi = sum(rf.map((rb, i) => zeroOnEqualRange(psiTerm, rb, cf[i])));
  const jensenShannon = sum(r.map((rb, i) => zeroOnEqualRange(jensenShannonTerm, rb, c[i])));
  const hellinger = sum(r.map((rb, i) => zeroOnEqualRange(hellingerTerm, rb, c[i])));
  return {
    psi,
    jensenshannon: halfRoot(jensenShannon, Math.sqrt(Math.LN2)),
    kl: klRange(rf, cf, floor),
    hellinger: halfRoot(hellinger, 1),
  };
}

/**
 * Each bin's share of the side's values: the sketched share, give or take the error at each
 * of its edges; an edge at or below the side's minimum, or above its maximum, is exact.
 */
function shareRanges(side: SketchedSide, edges: Float64Array): Bound[] {
  const n = side.sketch.count;
  const error = cdfError(side.sketch);
  const below = [0, ...Array.from(edges, (e) => weightBelow(side.sketch, e) / n), 1];
  const errors = [0, ...Array.from(edges, (e) => (e <= side.min || e > side.max ? 0 : error)), 0];
  return below.slice(1).map((upper, i) => {
    const share = upper - below[i];
    const slack = errors[i] + errors[i + 1];
    return { low: Math.max(0, share - slack), high: Math.min(1, share + slack) };
  });
}

type Term = (r: number, c: number) => number;

const relativeEntropy = (x: number, y: number) => (x > 0 ? x * Math.log(x / y) : 0);
const psiTerm: Term = (r, c) => (c - r) * Math.log(c / r);
const jensenShannonTerm: Term = (r, c) => relativeEntropy(r, (r + c) / 2) + relativeEntropy(c, (r + c) / 2);
const hellingerTerm: Term = (r, c) => (Math.sqrt(r) - Math.sqrt(c)) ** 2;

/** The range of a convex term, 0 at equal shares, over the box r × c (see the file comment). */
function zeroOnEqualRange(term: Term, r: Bound, c: Bound): Bound {
  const high = Math.max(term(r.low, c.low), term(r.low, c.high), term(r.high, c.low), term(r.high, c.high));
  const low = r.high < c.low ? term(r.high, c.low) : c.high < r.low ? term(r.low, c.high) : 0;
  return { low, high };
}

/**
 * KL on floored shares renormalized to sum to 1 (r' = r̃/R, c' = c̃/C), as scipy.stats.entropy.
 * As both sum to 1, KL = Σ (r'·ln(r'/c') − r' + c'), whose terms are 0 at equal shares and
 * convex: bounded as the others, far tighter than Σ r'·ln(r'/c') term by term. Each floored
 * sum lies in [1, 1 + bins·floor] (the exact shares sum to 1, and flooring adds at most the
 * floor to each), which widens each renormalized share's range.
 */
function klRange(r: Bound[], c: Bound[], floor: number): Bound {
  const renormalized = (shares: Bound[]) => {
    const low = Math.max(
      1,
      shares.reduce((a, x) => a + x.low, 0),
    );
    const high = Math.min(
      1 + shares.length * floor,
      shares.reduce((a, x) => a + x.high, 0),
    );
    return shares.map((x) => ({ low: x.low / high, high: x.high / low }));
  };
  const [rn, cn] = [renormalized(r), renormalized(c)];
  const term: Term = (x, y) => x * Math.log(x / y) - x + y;
  const terms = rn.map((rb, i) => zeroOnEqualRange(term, rb, cn[i]));
  return { low: terms.reduce((a, t) => a + t.low, 0), high: terms.reduce((a, t) => a + t.high, 0) };
}
