/**
 * How many distinct values a column holds, beyond the cap of those a profile counts: a
 * HyperLogLog sketch (Flajolet, Fusy, Gandouet & Meunier, "HyperLogLog: the analysis of a
 * near-optimal cardinality estimation algorithm", AofA 2007) of 2^PRECISION registers over a
 * 32-bit hash of each value (MurmurHash3's x86_32, Appleby 2011, seed 0), with the paper's
 * small-range correction (linear counting) and large-range correction. Two sketches merge
 * by the maximum of each register: the sketch of the union, exactly.
 *
 * The estimate's relative standard error is 1.04/√m (m registers); `distinctBounds` states
 * ±3 of them (about 99.7% under the paper's normal approximation), cut to what the counts
 * allow. test-fixtures/profile/generate.py has the same algorithm in Python.
 */

/**
 * Index bits: 16,384 registers, a relative standard error of 0.81%, so that ±3 of them (2.4%)
 * still tell an identifier (every value distinct) from a column 95% distinct after a merge.
 */
export const PRECISION = 14;
const REGISTERS = 1 << PRECISION;
const STANDARD_ERROR = 1.04 / Math.sqrt(REGISTERS);
/** Standard errors either side of the estimate in `distinctBounds`. */
export const STANDARD_ERRORS = 3;

/** register[i]: the largest rank (leading zeros + 1 of the hash's rest) seen at index i. */
export type HyperLogLog = Uint8Array;

export function emptyHyperLogLog(): HyperLogLog {
  return new Uint8Array(REGISTERS);
}

const textEncoder = new TextEncoder();
const numberBytes = new Float64Array(1);
const numberView = new Uint8Array(numberBytes.buffer);

/** A text by its UTF-8 bytes. */
export function addText(sketch: HyperLogLog, text: string): void {
  addHash(sketch, murmur3(textEncoder.encode(text)));
}

/** A number by its 8 bytes (IEEE 754, little-endian), −0 as 0. */
export function addNumber(sketch: HyperLogLog, value: number): void {
  numberBytes[0] = value === 0 ? 0 : value;
  addHash(sketch, murmur3(numberView));
}

function addHash(sketch: HyperLogLog, hash: number): void {
  const index = hash >>> (32 - PRECISION);
  const rest = (hash << PRECISION) >>> 0;
  // Leading zeros of the remaining 32 − p bits, + 1; all zero counts as 32 − p + 1.
  const rank = rest === 0 ? 32 - PRECISION + 1 : Math.clz32(rest) + 1;
  if (rank > sketch[index]) sketch[index] = rank;
}

/** The sketch of both sketches' values. */
export function mergeHyperLogLogs(a: HyperLogLog, b: HyperLogLog): HyperLogLog {
  const merged = new Uint8Array(REGISTERS);
  for (let i = 0; i < REGISTERS; i++) merged[i] = Math.max(a[i], b[i]);
  return merged;
}

/** The paper's estimate, with its corrections for small and large cardinalities. */
export function distinctEstimate(sketch: HyperLogLog): number {
  const m = REGISTERS;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    sum += 2 ** -sketch[i];
    if (sketch[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  const raw = (alpha * m * m) / sum;
  if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
  const two32 = 2 ** 32;
  if (raw > two32 / 30) return -two32 * Math.log(1 - raw / two32);
  return raw;
}

/**
 * Bounds on the distinct values: the estimate ± STANDARD_ERRORS standard errors, within
 * [`atLeast`, `atMost`] (known from the counts: a part's exact distinct values, the values present).
 */
export function distinctBounds(
  sketch: HyperLogLog,
  atLeast: number,
  atMost: number,
): { estimate: number; low: number; high: number } {
  const estimate = distinctEstimate(sketch);
  const spread = STANDARD_ERRORS * STANDARD_ERROR * estimate;
  const low = Math.min(atMost, Math.max(atLeast, Math.floor(estimate - spread)));
  const high = Math.max(low, Math.min(atMost, Math.ceil(estimate + spread)));
  return { estimate, low, high };
}

/** Registers as text for a profile: base64 of one byte each. */
export function hyperLogLogText(sketch: HyperLogLog): string {
  return Buffer.from(sketch).toString('base64');
}

/** The registers of hyperLogLogText's text; undefined when it is not one. */
export function hyperLogLogOfText(text: string): HyperLogLog | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== REGISTERS || bytes.some((rank) => rank > 32 - PRECISION + 1)) return undefined;
  return new Uint8Array(bytes);
}

/** MurmurHash3 x86_32 (Austin Appleby, public domain) of `bytes`, seed 0, unsigned. */
export function murmur3(bytes: Uint8Array): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = 0;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = bytes.length & 3;
  if (tail > 0) {
    let k = bytes[blocks];
    if (tail > 1) k ^= bytes[blocks + 1] << 8;
    if (tail > 2) k ^= bytes[blocks + 2] << 16;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
