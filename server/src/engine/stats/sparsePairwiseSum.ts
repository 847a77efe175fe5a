import { PAIRWISE_CHUNK } from './pairwiseSum';

/** numpy's PW_BLOCKSIZE (see pairwiseSum). */
const BLOCK = 128;

/**
 * `pairwiseSum` of an array of `length` terms that is +0 everywhere except at `positions[k]`
 * (strictly ascending), where it holds `terms[k]` ≥ 0, without making the array: the same
 * chunks, halvings and 8 interleaved accumulators, only the parts holding a term visited.
 * Bit-identical to the dense sum, because adding +0 to a sum of terms ≥ 0 leaves it unchanged:
 * every addition the dense order makes with a zero side is exact, so skipping it changes no bit.
 */
export function sparsePairwiseSum(positions: Int32Array, terms: Float64Array, count: number, length: number): number {
  let total = 0;
  let k = 0;
  for (let start = 0; start < length && k < count; start += PAIRWISE_CHUNK) {
    const end = Math.min(start + PAIRWISE_CHUNK, length);
    const first = k;
    while (k < count && positions[k] < end) k++;
    if (k > first) total += pairwise(positions, terms, first, k, start, end - start);
  }
  return total;
}

/** The sum of the terms k in [from, to), which all lie in [start, start + size), in numpy's order. */
function pairwise(
  positions: Int32Array,
  terms: Float64Array,
  from: number,
  to: number,
  start: number,
  size: number,
): number {
  if (size > BLOCK) {
    const half = Math.floor(size / 2) - (Math.floor(size / 2) % 8);
    let middle = from;
    while (middle < to && positions[middle] < start + half) middle++;
    const left = middle > from ? pairwise(positions, terms, from, middle, start, half) : 0;
    const right = to > middle ? pairwise(positions, terms, middle, to, start + half, size - half) : 0;
    return left + right;
  }
  if (size < 8) {
    let sum = 0;
    for (let k = from; k < to; k++) sum += terms[k];
    return sum;
  }
  // Accumulator r[j] takes the terms at start + j + 8i of the unrolled part, in order.
  const unrolledEnd = start + size - (size % 8);
  const r = [0, 0, 0, 0, 0, 0, 0, 0];
  let k = from;
  for (; k < to && positions[k] < unrolledEnd; k++) r[(positions[k] - start) % 8] += terms[k];
  // prettier-ignore
  let sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; k < to; k++) sum += terms[k];
  return sum;
}
