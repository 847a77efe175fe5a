/**
 * A profile's numbers in full, where its sketch kept them all: a sketch without error holds
 * every value with its weight (the number of times it occurs), so the values themselves,
 * sorted, follow from it, and every test that reads sorted values (the rank tests included)
 * gives on them exactly what it gives on the data the profile was made from.
 */
import type { QuantileSketch } from '../stats/kll';
import type { ProfiledColumn } from './referenceProfile';

/**
 * The most values rebuilt for one column: as many as a streamed file's sample holds
 * (analysis/streaming.ts), so that memory stays as bounded as it is when streaming.
 */
export const MAX_REBUILT_VALUES = 1_000_000;

/** Whether the values of a sketch can be rebuilt: it has no error and not too many values. */
export function hasExactValues(sketch: QuantileSketch): boolean {
  return sketch.rankError === 0 && sketch.count <= MAX_REBUILT_VALUES;
}

/** The sorted values of a sketch without error; undefined when it has an error or too many values. */
export function exactValues(sketch: QuantileSketch): Float64Array | undefined {
  if (!hasExactValues(sketch)) return undefined;
  const values = new Float64Array(sketch.count);
  let at = 0;
  for (let i = 0; i < sketch.values.length; i++) {
    const until = sketch.cumulative[i];
    values.fill(sketch.values[i], at, until);
    at = until;
  }
  return values;
}

/** How many categories a profile counted before its cap (beyond it, its heavy hitters). */
export function categoriesKept(column: ProfiledColumn): number {
  return column.heavyHitters?.counts.size ?? column.distinct.low;
}
