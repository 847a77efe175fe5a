/**
 * The report's display histogram, the picture of a column's two distributions (not a drift
 * statistic): for numbers, equal-width bins over the central 99% of both sides, the tails
 * folded into the end bins so one outlier cannot squash the picture; for categories, the
 * most frequent over both files, the rest folded into "(other)". One rule whether a side is
 * read whole or streamed into a sketch.
 */
import type { Histogram } from '../../protocol/report';
import { binCounts, equalWidthEdges } from '../stats/binning';
import type { QuantileSketch } from '../stats/kll';
import { quantileSorted } from '../stats/quantiles';
import { sketchBinCounts, sketchQuantile } from '../stats/sketchStatistics';

const DISPLAY_BINS = 30;
const DISPLAY_CATEGORIES = 20;
const OTHER = '(other)';

/** A side's numbers as the histogram needs them, from all its values or from a sketch of them. */
export interface HistogramSide {
  /** Non-missing values. */
  count: number;
  quantile(q: number): number;
  /** Values sorted ascending that include the side's smallest and largest (all of them, or a sketch's retained ones). */
  sorted: Float64Array;
  /** Counts per bin for inner edges, outer bins open (binning.ts `binCounts`). */
  binCounts(innerEdges: Float64Array): Float64Array;
}

/** A side read whole: its sorted non-missing values. */
export function wholeSide(sorted: Float64Array): HistogramSide {
  return {
    count: sorted.length,
    quantile: (q) => quantileSorted(sorted, q),
    sorted,
    binCounts: (inner) => binCounts(sorted, inner),
  };
}

/** A streamed side: its sketch stands for its values. */
export function sketchedSide(sketch: QuantileSketch): HistogramSide {
  return {
    count: sketch.count,
    quantile: (q) => sketchQuantile(sketch, q),
    sorted: sketch.values,
    binCounts: (inner) => sketchBinCounts(sketch, inner),
  };
}

export function numericalHistogram(reference: HistogramSide, current: HistogramSide): Histogram {
  const sides = [reference, current].filter((side) => side.count > 0);
  const central = [
    Math.min(...sides.map((side) => side.quantile(0.005))),
    Math.max(...sides.map((side) => side.quantile(0.995))),
  ] as const;
  const range = displayRange(
    central,
    sides.map((side) => side.sorted),
  );
  if (range === undefined) return { kind: 'numerical', edges: [], reference: [], current: [] };
  const [low, high] = range;
  const edges = equalWidthEdges(low, high, high > low ? DISPLAY_BINS : 1);
  // Counting against the inner edges only puts everything outside [low, high] into the end bins.
  const inner = edges.subarray(1, edges.length - 1);
  const proportions = (side: HistogramSide) =>
    Array.from(side.binCounts(inner), (c) => (side.count ? c / side.count : 0));
  return {
    kind: 'numerical',
    edges: Array.from(edges),
    reference: proportions(reference),
    current: proportions(current),
  };
}

/**
 * The span of the display histogram: the central 99% of both sides, unless it is empty (a
 * column of one value but a few) or reaches an infinity (`inf` cells); then the smallest and
 * largest finite values of the sorted `sides`. Undefined when no value is finite.
 */
function displayRange(central: readonly [number, number], sides: Float64Array[]): [number, number] | undefined {
  const [low, high] = central;
  if (Number.isFinite(low) && Number.isFinite(high) && high > low) return [low, high];
  let min = Infinity;
  let max = -Infinity;
  for (const sorted of sides) {
    // Infinities sort to the ends: the finite values lie between them.
    let first = 0;
    while (first < sorted.length && !Number.isFinite(sorted[first])) first++;
    let last = sorted.length - 1;
    while (last >= first && !Number.isFinite(sorted[last])) last--;
    if (first <= last) {
      min = Math.min(min, sorted[first]);
      max = Math.max(max, sorted[last]);
    }
  }
  return min <= max ? [min, max] : undefined;
}

/** The most frequent categories over both files as proportions; the rest folded into "(other)". */
export function categoricalHistogram(categories: string[], reference: Float64Array, current: Float64Array): Histogram {
  const referenceTotal = sum(reference) || 1;
  const currentTotal = sum(current) || 1;
  const order = categories
    .map((_, i) => i)
    .sort(
      (a, b) =>
        reference[b] / referenceTotal +
        current[b] / currentTotal -
        (reference[a] / referenceTotal + current[a] / currentTotal),
    );
  const shown = order.slice(0, DISPLAY_CATEGORIES);
  const histogram = {
    kind: 'categorical' as const,
    categories: shown.map((i) => categories[i]),
    reference: shown.map((i) => reference[i] / referenceTotal),
    current: shown.map((i) => current[i] / currentTotal),
  };
  const rest = order.slice(DISPLAY_CATEGORIES);
  if (rest.length > 0) {
    histogram.categories.push(OTHER);
    histogram.reference.push(rest.reduce((s, i) => s + reference[i], 0) / referenceTotal);
    histogram.current.push(rest.reduce((s, i) => s + current[i], 0) / currentTotal);
  }
  return histogram;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
