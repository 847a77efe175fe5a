/**
 * Count vectors (per bin or per category) turned into proportions, shared by PSI,
 * the divergences and the chi-square test.
 */
import { pairwiseSum } from './pairwiseSum';

/** `counts / numpy.sum(counts)`; all NaN when the counts sum to 0. */
export function proportions(counts: Float64Array): Float64Array {
  const total = pairwiseSum(counts);
  const result = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) result[i] = counts[i] / total;
  return result;
}

/**
 * `numpy.maximum(counts / numpy.sum(counts), floor)`: each proportion raised to at
 * least `floor`, so that an empty bin gives a large but finite log ratio instead of ±∞.
 * The result is not renormalized.
 */
export function flooredProportions(counts: Float64Array, floor: number): Float64Array {
  if (!(floor > 0 && floor < 1)) throw new RangeError(`proportion floor must be in (0, 1), got ${floor}`);
  const result = proportions(counts);
  for (let i = 0; i < result.length; i++) result[i] = Math.max(result[i], floor);
  return result;
}

/** Throws RangeError unless both count vectors have the same length and hold finite counts ≥ 0. */
export function assertPairedCounts(reference: Float64Array, current: Float64Array): void {
  if (reference.length !== current.length) {
    throw new RangeError(`count vectors differ in length: ${reference.length} vs ${current.length}`);
  }
  for (const counts of [reference, current]) {
    for (let i = 0; i < counts.length; i++) {
      if (!(counts[i] >= 0 && counts[i] < Infinity))
        throw new RangeError(`count ${counts[i]} at ${i} is not a finite count ≥ 0`);
    }
  }
}
