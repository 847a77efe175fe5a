/** Seeded random streams for the detector tests. */
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

/** Standard normals by Box–Muller from a uniform generator. */
function normals(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** One piece of a piecewise-stationary stream: `length` draws of N(mean, 1) or Bernoulli(rate). */
export type Segment = { length: number; mean: number } | { length: number; rate: number };

/** The concatenated segments, drawn from mulberry32(seed). */
export function stream(seed: number, segments: Segment[]): Float64Array {
  const uniform = mulberry32(seed);
  const normal = normals(uniform);
  const out = new Float64Array(segments.reduce((sum, s) => sum + s.length, 0));
  let i = 0;
  for (const segment of segments) {
    for (let j = 0; j < segment.length; j++, i++) {
      out[i] = 'mean' in segment ? segment.mean + normal() : uniform() < segment.rate ? 1 : 0;
    }
  }
  return out;
}

/**
 * Python's `random.Random(seed)` (MT19937 seeded by init_by_array with the seed's 32-bit words), for
 * replaying the streams of River's doctests. Seeds must be below 2^32.
 */
export class PythonRandom {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    const mt = this.state;
    mt[0] = 19650218;
    for (let i = 1; i < 624; i++) mt[i] = Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    let i = 1;
    for (let k = 0; k < 624; k++) {
      mt[i] = (mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1664525)) + seed;
      i += 1;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
    }
    for (let k = 0; k < 623; k++) {
      mt[i] = (mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1566083941)) - i;
      i += 1;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** `random.random()`: 53 random bits in [0, 1). */
  random(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random.choices(population, k=k)`, or with `weights` for a two-element population. */
  choices(population: number[], k: number, weights?: [number, number]): number[] {
    return Array.from({ length: k }, () => {
      const u = this.random();
      if (weights === undefined) return population[Math.floor(u * population.length)];
      return u * (weights[0] + weights[1]) < weights[0] ? population[0] : population[1];
    });
  }

  private next(): number {
    const mt = this.state;
    if (this.index >= 624) {
      for (let i = 0; i < 624; i++) {
        const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
        mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return (y ^ (y >>> 18)) >>> 0;
  }
}

/** Constant runs: steps([v, n], …) repeats each v n times. */
export function steps(...runs: [value: number, count: number][]): number[] {
  return runs.flatMap(([value, count]) => Array<number>(count).fill(value));
}
