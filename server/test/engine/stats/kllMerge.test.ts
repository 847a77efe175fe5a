/**
 * The KLL sketch's state and merge (kll.ts), as profiles use them: the sketch of four parts
 * merged is the one the same algorithm in Python gives (test-fixtures/profile/generate.py);
 * a state read back is the same sketch; weighted updates are exact until a compaction; a
 * sketch merged from the
 * sketches of parts states a rank error that holds against the exact ranks of the
 * concatenated data, over seeded runs and shapes of data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KllSketch, type QuantileSketch } from '../../../src/engine/stats/kll';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

/** The largest |sketched − true| weight at or below each item (where the sketch's cdf steps). */
function largestRankError(sketch: QuantileSketch, values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  let worst = 0;
  let below = 0;
  for (let i = 0; i < sketch.values.length; i++) {
    const x = sketch.values[i];
    while (below < sorted.length && sorted[below] <= x) below++;
    if (i + 1 < sketch.values.length && sketch.values[i + 1] === x) continue;
    worst = Math.max(worst, Math.abs(sketch.cumulative[i] - below));
  }
  return worst;
}

function sketchOf(values: Float64Array, k: number, seed: number): KllSketch {
  const sketch = new KllSketch(k, seed);
  for (const value of values) sketch.update(value);
  return sketch;
}

const SHAPES: Record<string, (next: () => number, i: number) => number> = {
  uniform: (next) => next(),
  'heavy tail': (next) => 1 / (1 - next()) ** 2,
  'rising (sorted input)': (_, i) => i,
  'few values': (next) => Math.floor(next() * 7),
};

describe('KLL state and merge', () => {
  it('merges the sketches of four parts as the Python reference does', () => {
    const golden = (
      JSON.parse(readFileSync('test-fixtures/profile/golden.json', 'utf8')) as {
        kllOfQuarters: { column: string; k: number; values: number[]; weights: number[]; rankError: number };
      }
    ).kllOfQuarters;
    const lines = readFileSync('test-fixtures/profile/data.csv', 'utf8').trim().split('\n');
    const at = lines[0].split(',').indexOf(golden.column);
    const values = Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[at]));
    const quarter = values.length / 4;
    const parts = [0, 1, 2, 3].map((p) => sketchOf(values.subarray(p * quarter, (p + 1) * quarter), golden.k, p + 1));
    const merged = KllSketch.fromState(parts[0].state(), 1);
    for (const part of parts.slice(1)) merged.merge(part.state());
    const summary = merged.summary();
    expect([...summary.values]).toEqual(golden.values);
    expect([...summary.cumulative].map((c, i, all) => c - (i ? all[i - 1] : 0))).toEqual(golden.weights);
    expect(summary.rankError).toBeCloseTo(golden.rankError, 9);
  });

  it('reads back the sketch it saved', () => {
    const next = mulberry32(3);
    const sketch = sketchOf(
      Float64Array.from({ length: 50_000 }, () => next()),
      64,
      5,
    );
    const again = KllSketch.fromState(sketch.state(), 9);
    expect(again.summary()).toEqual(sketch.summary());
    expect(again.state()).toEqual(sketch.state());
  });

  it('holds weighted values without error until it must compact', () => {
    const sketch = new KllSketch(64, 1);
    sketch.updateWeighted(2.5, 1000);
    sketch.updateWeighted(-1, 37);
    const summary = sketch.summary();
    expect(summary.rankError).toBe(0);
    expect([...summary.values].filter((v, i, all) => all.indexOf(v) === i)).toEqual([-1, 2.5]);
    expect(summary.cumulative.at(-1)).toBe(1037);
    expect(summary.count).toBe(1037);
    const below = summary.values.lastIndexOf(-1);
    expect(summary.cumulative[below]).toBe(37);
  });

  it('refuses to merge sketches of another k', () => {
    expect(() => new KllSketch(64).merge(new KllSketch(128).state())).toThrow(/k = 128/);
  });

  for (const [shape, draw] of Object.entries(SHAPES)) {
    it(`states a rank error that holds after merging four parts: ${shape}`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const next = mulberry32(seed);
        const values = Float64Array.from({ length: 40_000 }, (_, i) => draw(next, i));
        const parts = [0, 1, 2, 3].map((p) => sketchOf(values.subarray(p * 10_000, (p + 1) * 10_000), 64, seed + p));
        const merged = KllSketch.fromState(parts[0].state(), seed);
        for (const part of parts.slice(1)) merged.merge(part.state());
        const summary = merged.summary();
        expect(summary.count).toBe(values.length);
        expect(summary.cumulative.at(-1)).toBe(values.length);
        expect(largestRankError(summary, values)).toBeLessThanOrEqual(summary.rankError);
        // The merge's bound is of the order of a sketch of the whole: its Σw² grows with it.
        const whole = sketchOf(values, 64, seed).summary();
        expect(summary.rankError).toBeLessThan(3 * whole.rankError + 1);
      }
    });
  }
});
