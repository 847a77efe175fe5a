/** The display histogram: one rule for a side read whole and a side streamed into a sketch. */
import { describe, expect, it } from 'vitest';
import {
  categoricalHistogram,
  numericalHistogram,
  sketchedSide,
  wholeSide,
} from '../../../src/engine/analysis/displayHistogram';
import { exactSketch } from '../../../src/engine/stats/sketchStatistics';

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('numericalHistogram', () => {
  const reference = sorted(Array.from({ length: 1_000 }, (_, i) => i / 10));
  const current = sorted([...Array.from({ length: 999 }, (_, i) => 20 + i / 10), 10_000]);

  it('spans the central 99% of both sides in 30 equal bins, the tails folded into the end bins', () => {
    const h = numericalHistogram(wholeSide(reference), wholeSide(current));
    if (h.kind !== 'numerical') throw new Error('numerical histogram expected');
    expect(h.edges).toHaveLength(31);
    // 0.5% quantiles: reference 0.4995, current's 99.5% below the outlier.
    expect(h.edges[0]).toBeCloseTo(0.4995, 10);
    expect(h.edges.at(-1)!).toBeLessThan(10_000);
    expect(h.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('from an exact sketch differs from the values only by how the sketch reads a quantile (a rank, not an interpolation)', () => {
    const whole = numericalHistogram(wholeSide(reference), wholeSide(current));
    const sketched = numericalHistogram(sketchedSide(exactSketch(reference)), sketchedSide(exactSketch(current)));
    if (whole.kind !== 'numerical' || sketched.kind !== 'numerical') throw new Error('numerical histograms expected');
    expect(sketched.edges).toHaveLength(whole.edges.length);
    // The values are 0.1 apart: the quantiles, and so the span, agree to within one step.
    expect(Math.abs(sketched.edges[0]! - whole.edges[0]!)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(sketched.edges.at(-1)! - whole.edges.at(-1)!)).toBeLessThanOrEqual(0.1);
    for (const side of ['reference', 'current'] as const)
      whole[side].forEach((share, i) => expect(Math.abs(sketched[side][i]! - share)).toBeLessThanOrEqual(0.002));
  });

  it('spans the finite values when the central range reaches an infinity, and is empty with none', () => {
    const withInfinities = sorted([-Infinity, 1, 2, 3, Infinity]);
    const h = numericalHistogram(wholeSide(withInfinities), wholeSide(sorted([2, 4])));
    if (h.kind !== 'numerical') throw new Error('numerical histogram expected');
    expect([h.edges[0], h.edges.at(-1)]).toEqual([1, 4]);
    expect(numericalHistogram(wholeSide(sorted([])), wholeSide(sorted([])))).toEqual({
      kind: 'numerical',
      edges: [],
      reference: [],
      current: [],
    });
  });
});

describe('categoricalHistogram', () => {
  it('shows the 20 most frequent categories over both files, the rest as (other)', () => {
    const categories = Array.from({ length: 25 }, (_, i) => `c${i}`);
    const reference = Float64Array.from(categories, (_, i) => 25 - i);
    const current = Float64Array.from(categories, () => 1);
    const h = categoricalHistogram(categories, reference, current);
    if (h.kind !== 'categorical') throw new Error('categorical histogram expected');
    expect(h.categories).toEqual([...categories.slice(0, 20), '(other)']);
    expect(h.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.current.at(-1)).toBeCloseTo(5 / 25, 12);
  });
});
