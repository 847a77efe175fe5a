/**
 * A profile's numbers in full, where its sketch kept them all: a sketch without error holds
 * every value with its weight (the number of times it occurs), so the values themselves,
 * sorted, follow from it, and every test that reads sorted values (the rank tests included)
 * gives on them exactly what it gives on the data the profile was made from.
 */
import type { QuantileSketch } from '../stats/kll';

/**
 * The most values rebuilt for one column: as many as a streamed file's sample holds
 * (analysis/streaming.ts), so that memory stays as bounded as it is when streaming.
 */
export const MAX_REBUILT_VALUES = 1_000_000;

/** The sorted values of a sketch without error; undefined when it has an error or too many values. */
export function exactValues(sketch: QuantileSketch): Float64Array | undefined {
  if (sketch.rankError !== 0 || sketch.count > MAX_REBUILT_VALUES) return undefined;
  const values = new Float64Array(sketch.count);
  let at = 0;
  for (let i = 0; i < sketch.values.length; i++) {
    const until = sketch.cumulative[i];
    values.fill(sketch.values[i], at, until);
    at = until;
  }
  return values;
}
