import { knownDistinctCount } from '../stats/sortNumbers';

/**
 * How many distinct numbers a column holds, NaN left out and −0 counted as 0 (as a Set would).
 * A column the drift tests have sorted was counted then, on the sorted copy (see
 * sortNumbers); any other is counted here by linear probing in a table of the values
 * themselves, sized for the whole column at load ≤ 1/2: one probe or so per value, several times faster than a Set of a million numbers.
 * Free slots hold 0, so the table needs no filling and zero is counted apart.
 */
export function distinctNumbers(values: Float64Array): number {
  const known = knownDistinctCount(values);
  if (known !== undefined) return known;
  let size = 2;
  while (size < 2 * values.length) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  let count = 0;
  let zero = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== value) continue;
    if (value === 0) {
      zero = 1;
      continue;
    }
    let slot = hashWords(words[2 * row], words[2 * row + 1]) & mask;
    let key = keys[slot];
    while (key !== 0 && key !== value) {
      slot = (slot + 1) & mask;
      key = keys[slot];
    }
    if (key === 0) {
      keys[slot] = value;
      count++;
    }
  }
  return count + zero;
}

/** The two 32-bit halves of a number mixed into one hash whose low bits pick the slot (MurmurHash3's finaliser). */
function hashWords(low: number, high: number): number {
  let hash = low ^ Math.imul(high, 0x9e3779b1);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
