/**
 * A profile's summary of a stream of numbers (a column's, a model's absolute errors): count,
 * exact moments by Welford's update, extremes, zeros, whether every number is whole, the
 * first and last and whether they strictly rise or fall, and the distribution: exact counts
 * per value up to a cap of distinct values, beyond it a KLL sketch (kll.ts) that the counts
 * so far go into without error. Summaries merge (mergeNumbers) into the summary of the
 * concatenated streams.
 */
import { KllSketch, type KllState } from '../stats/kll';
import type { ProfileNumbers } from './profileFormat';

export class NumberSummaryBuilder {
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private zeros = 0;
  private whole = true;
  private first = NaN;
  private last = NaN;
  private rising = true;
  private falling = true;
  private counts: Map<number, number> | undefined = new Map();
  private sketch: KllSketch | undefined;

  constructor(
    private readonly exactNumbers: number,
    private readonly k: number,
    private readonly seed: number,
  ) {}

  /** The next number (not NaN). */
  add(value: number): void {
    if (this.count === 0) this.first = value;
    else {
      if (!(value > this.last)) this.rising = false;
      if (!(value < this.last)) this.falling = false;
    }
    this.last = value;
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value === 0) this.zeros++;
    // Not whole: a fraction, or an infinity (∞ − ∞ is NaN).
    else if (this.whole && value - Math.trunc(value) !== 0) this.whole = false;
    if (this.sketch) return this.sketch.update(value);
    const counts = this.counts!;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > this.exactNumbers) {
      this.sketch = sketchOfCounts(counts, this.k, this.seed);
      this.counts = undefined;
    }
  }

  /** Distinct values, while counted. */
  get distinct(): number | undefined {
    return this.counts?.size;
  }

  finish(): ProfileNumbers {
    const summary: ProfileNumbers = {
      count: this.count,
      mean: this.count ? this.mean : null,
      m2: this.m2,
      min: this.count ? this.min : null,
      max: this.count ? this.max : null,
      zeros: this.zeros,
      wholeNumbers: this.whole,
      first: this.count ? this.first : null,
      last: this.count ? this.last : null,
      rising: this.rising,
      falling: this.falling,
    };
    if (this.counts) summary.counts = sortedCounts(this.counts);
    else summary.sketch = sketchText(this.sketch!.state());
    return summary;
  }
}

/** A KLL sketch holding `counts` exactly (each value on the levels of its count's binary digits). */
export function sketchOfCounts(counts: Iterable<[number, number]>, k: number, seed: number): KllSketch {
  const sketch = new KllSketch(k, seed);
  for (const [value, count] of counts) sketch.updateWeighted(value, count);
  return sketch;
}

export function sortedCounts(counts: Map<number, number>): [number, number][] {
  return [...counts].sort((a, b) => a[0] - b[0]);
}

export function sketchText(state: KllState): NonNullable<ProfileNumbers['sketch']> {
  return { levels: state.levels.map((level) => [...level]), squaredSteps: state.squaredSteps };
}

export function sketchState(sketch: NonNullable<ProfileNumbers['sketch']>, k: number): KllState {
  const levels = sketch.levels.map((level) => Float64Array.from(level));
  const count = levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
  return { k, levels, count, squaredSteps: sketch.squaredSteps };
}

/**
 * The summary of `a`'s numbers followed by `b`'s: moments combined as Chan, Golub & LeVeque
 * ("Updating formulae and a pairwise algorithm for computing sample variances", 1979), counts
 * added until they pass the cap, sketches merged (kll.ts).
 */
export function mergeNumbers(
  a: ProfileNumbers,
  b: ProfileNumbers,
  exactNumbers: number,
  k: number,
  seed: number,
): ProfileNumbers {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const count = a.count + b.count;
  const delta = b.mean! - a.mean!;
  const merged: ProfileNumbers = {
    count,
    mean: a.mean! + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
    min: Math.min(a.min!, b.min!),
    max: Math.max(a.max!, b.max!),
    zeros: a.zeros + b.zeros,
    wholeNumbers: a.wholeNumbers && b.wholeNumbers,
    first: a.first,
    last: b.last,
    rising: a.rising && b.rising && b.first! > a.last!,
    falling: a.falling && b.falling && b.first! < a.last!,
  };
  const labels = new Map(b.labels);
  for (const [value, label] of a.labels ?? []) labels.set(value, label);
  if (a.counts && b.counts) {
    const counts = new Map(a.counts);
    for (const [value, rows] of b.counts) counts.set(value, (counts.get(value) ?? 0) + rows);
    if (counts.size <= exactNumbers) {
      merged.counts = sortedCounts(counts);
      if (labels.size) merged.labels = [...labels].sort((x, y) => x[0] - y[0]);
      return merged;
    }
  }
  const sketch = a.sketch ? KllSketch.fromState(sketchState(a.sketch, k), seed) : sketchOfCounts(a.counts!, k, seed);
  sketch.merge(b.sketch ? sketchState(b.sketch, k) : sketchOfCounts(b.counts!, k, seed).state());
  merged.sketch = sketchText(sketch.state());
  return merged;
}
