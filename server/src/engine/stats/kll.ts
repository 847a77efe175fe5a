/**
 * A KLL quantile sketch (Karnin, Lang & Liberty, "Optimal Quantile Approximation in Streams",
 * FOCS 2016), in the form of Apache DataSketches' KllDoublesSketch: levels of items, an item
 * on level h standing for 2^h values; level h holds about k·(2/3)^depth items (at least 8),
 * depth counted down from the top level; when the sketch is full, the lowest full level is
 * sorted and every other item, from a random first one, moves up a level.
 *
 * Written here because npm has no maintained KLL (`tdigest` gives no rank guarantee).
 *
 * The error bound is computed, not quoted: compacting a sorted level of weight w changes the
 * weight below any point by 0 or ±w with equal chance (a query between two paired items
 * loses or gains one of them), independently of the past, so the total rank error at a point
 * is a martingale with steps bounded by each w, and Azuma–Hoeffding gives
 * P(|error| ≥ t) ≤ 2·exp(−t² / (2·Σw²)). `summary()` states t for 99% confidence over every
 * point at once (a union bound over the 2·items points where the sketch's cdf can change:
 * between them the exact cdf is monotone and the sketch's constant).
 *
 * Sketches merge as KLL's do (Karnin, Lang & Liberty, section 3; DataSketches' `merge`): the
 * items of each level are put together, level by level, and the full levels compacted. A
 * merged sketch's rank error is the sum of its parts' (their Σw² add up) and of the merge's
 * own compactions, each an independent fair step as above, so the same bound holds for the
 * concatenated data. A sketch's state (`state()`, `KllSketch.fromState`) is what a saved
 * reference profile keeps of it.
 */
import { mulberry32 } from './mulberry32.mjs';
import { sortLikeBuiltIn, sortRunsLikeBuiltIn, stableSort } from './sketchSort';

/** The sketch's distribution: its items with their weights, and the bound on its rank error. */
export interface QuantileSketch {
  /** Items, ascending. */
  values: Float64Array;
  /** cumulative[i]: the weight of values[0..i]; the last is `count`. */
  cumulative: Float64Array;
  /** Values sketched. */
  count: number;
  /** |sketched rank − true rank| ≤ rankError (in values) at every point, with `confidence`. */
  rankError: number;
  confidence: number;
}

/**
 * A sketch as saved and merged: its items per level and its error accounting. Levels hold
 * their items sorted (the order within a level does not change what the sketch says).
 */
export interface KllState {
  k: number;
  /** levels[h]: the items of weight 2^h. */
  levels: Float64Array[];
  /** Values sketched: Σ over h of 2^h · levels[h].length. */
  count: number;
  /** Σ w² over every compaction so far (see above). */
  squaredSteps: number;
}

/** Items at the top level; the rank error falls roughly as 1/k. */
export const DEFAULT_K = 2048;
/** The fewest items a level holds before it is compacted (DataSketches' m). */
const MIN_LEVEL_CAPACITY = 8;
const CAPACITY_DECAY = 2 / 3;
export const CONFIDENCE = 0.99;

export class KllSketch {
  /** levels[h]: items of weight 2^h; lengths[h] of them are in use. */
  private levels: Float64Array[] = [];
  private lengths: number[] = [];
  private capacities: number[] = [];
  private retained = 0;
  private capacity = 0;
  private seen = 0;
  /** Σ w² over every compaction: the variance bound of the rank error (see above). */
  private squaredSteps = 0;
  private readonly random: () => number;

  constructor(
    private readonly k = DEFAULT_K,
    seed = 1,
  ) {
    this.random = mulberry32(seed);
    this.addLevel();
  }

  get count(): number {
    return this.seen;
  }

  /** The sketch of `state`, drawing its coin flips from `seed` from now on. */
  static fromState(state: KllState, seed = 1): KllSketch {
    const sketch = new KllSketch(state.k, seed);
    sketch.append(state.levels);
    sketch.seen = state.count;
    sketch.squaredSteps = state.squaredSteps;
    sketch.compress();
    return sketch;
  }

  state(): KllState {
    const levels = this.levels.map((level, h) => {
      const items = level.slice(0, this.lengths[h]);
      sortLikeBuiltIn(items, 0, items.length);
      return items;
    });
    return { k: this.k, levels, count: this.seen, squaredSteps: this.squaredSteps };
  }

  /** Adds `other`'s values (a sketch of the same k): this sketch then stands for both streams. */
  merge(other: KllState): void {
    if (other.k !== this.k)
      throw new RangeError(`cannot merge a KLL sketch of k = ${other.k} into one of k = ${this.k}`);
    this.append(other.levels);
    this.seen += other.count;
    this.squaredSteps += other.squaredSteps;
    this.compress();
  }

  /**
   * Adds `value` `weight` times (a whole number ≥ 1) without error: one item on each level
   * whose bit is set in the weight's binary digits, as `weight` updates would leave them
   * before any compaction.
   */
  updateWeighted(value: number, weight: number): void {
    for (let h = 0, rest = weight; rest > 0; h++, rest = Math.floor(rest / 2))
      if (rest % 2 === 1) this.append([Float64Array.of(value)], h);
    this.seen += weight;
    this.compress();
  }

  /** Puts `levels[i]` onto level `from + i`, adding levels as needed; no compaction. */
  private append(levels: readonly Float64Array[], from = 0): void {
    while (this.levels.length < from + levels.length) this.addLevel();
    levels.forEach((items, i) => {
      const h = from + i;
      this.ensureRoom(h, items.length).set(items, this.lengths[h]);
      this.lengths[h] += items.length;
      this.retained += items.length;
    });
  }

  /** Adds one value (not NaN). */
  update(value: number): void {
    const level = this.lengths[0] < this.levels[0].length ? this.levels[0] : this.ensureRoom(0, 1);
    level[this.lengths[0]++] = value;
    this.retained++;
    this.seen++;
    if (this.retained >= this.capacity) this.compress();
  }

  /**
   * The distribution as sorted items and cumulative weights. Equal items keep the order of
   * the levels (lower first), then of their places in a level: each level is sorted stably
   * and merged into the levels below it.
   */
  summary(): QuantileSketch {
    let values = new Float64Array(0) as Float64Array;
    let weights = new Float64Array(0) as Float64Array;
    this.levels.forEach((level, h) => {
      const items = level.slice(0, this.lengths[h]);
      stableSort(items, 0, items.length);
      [values, weights] = mergeLevel(values, weights, items, 2 ** h);
    });
    const cumulative = new Float64Array(values.length);
    let total = 0;
    for (let i = 0; i < values.length; i++) cumulative[i] = total += weights[i];
    const points = Math.max(1, 2 * values.length);
    const rankError =
      this.squaredSteps === 0 ? 0 : Math.sqrt(2 * this.squaredSteps * Math.log((2 * points) / (1 - CONFIDENCE)));
    return { values, cumulative, count: this.seen, rankError, confidence: CONFIDENCE };
  }

  /** A new top level; every level below it gets deeper, and so smaller. */
  private addLevel(): void {
    this.levels.push(new Float64Array(this.k));
    this.lengths.push(0);
    const top = this.levels.length - 1;
    this.capacities = this.levels.map((_, h) =>
      Math.max(MIN_LEVEL_CAPACITY, Math.ceil(this.k * CAPACITY_DECAY ** (top - h))),
    );
    this.capacity = this.capacities.reduce((a, b) => a + b, 0);
    // A deeper level holds fewer items from now on: it gives back the room it had higher up
    // (ensureRoom grows it again should it need to). Over a thousand columns that is most of
    // the sketches' memory.
    for (let h = 0; h < top; h++) {
      const room = Math.max(this.lengths[h], this.capacities[h]);
      if (this.levels[h].length > room) this.levels[h] = this.levels[h].slice(0, room);
    }
  }

  /**
   * While the sketch is full, compacts its lowest level at or over capacity (there is one:
   * the levels hold at least their capacities' sum).
   */
  private compress(): void {
    while (this.retained >= this.capacity) {
      const h = this.lengths.findIndex((length, level) => length >= this.capacities[level]);
      if (h + 1 === this.levels.length) this.addLevel();
      this.compact(h);
    }
  }

  /** Sorts level h and moves every other item, from a random first one, to level h + 1. */
  private compact(h: number): void {
    const length = this.lengths[h];
    // An odd item out stays on its level, so that the moved items pair up exactly.
    const paired = length - (length % 2);
    const level = this.levels[h];
    // The same order as the built-in sort, faster: level 0 holds values as they came, a level
    // above it the sorted halves its compactions moved up, laid end to end.
    if (h === 0) sortLikeBuiltIn(level, 0, paired);
    else sortRunsLikeBuiltIn(level, 0, paired);
    const offset = this.random() < 0.5 ? 0 : 1;
    const up = this.ensureRoom(h + 1, paired / 2);
    for (let i = offset; i < paired; i += 2) up[this.lengths[h + 1]++] = level[i];
    if (paired < length) level[0] = level[paired];
    this.lengths[h] = length - paired;
    this.retained -= paired / 2;
    this.squaredSteps += 4 ** h;
  }

  private ensureRoom(h: number, more: number): Float64Array {
    const level = this.levels[h];
    if (this.lengths[h] + more <= level.length) return level;
    const larger = new Float64Array(Math.max(2 * level.length, this.lengths[h] + more));
    larger.set(level.subarray(0, this.lengths[h]));
    return (this.levels[h] = larger);
  }
}

/**
 * The sorted `values` (with their `weights`) and the sorted `items` of one weight merged,
 * `values` first among equals.
 */
function mergeLevel(
  values: Float64Array,
  weights: Float64Array,
  items: Float64Array,
  weight: number,
): [Float64Array, Float64Array] {
  const n = values.length + items.length;
  const mergedValues = new Float64Array(n);
  const mergedWeights = new Float64Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j === items.length || (i < values.length && !(items[j] < values[i]))) {
      mergedValues[k] = values[i];
      mergedWeights[k] = weights[i++];
    } else {
      mergedValues[k] = items[j++];
      mergedWeights[k] = weight;
    }
  }
  return [mergedValues, mergedWeights];
}
