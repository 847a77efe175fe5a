/** What the KLL tests measure a sketch by. */
import type { QuantileSketch } from '../../../src/engine/stats/kll';

/** The largest |sketched − true| number of values ≤ x over the sketch's items (where its cdf steps). */
export function largestRankError(sketch: QuantileSketch, values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  let worst = 0;
  let below = 0;
  for (let i = 0; i < sketch.values.length; i++) {
    const x = sketch.values[i];
    while (below < sorted.length && sorted[below] <= x) below++;
    // The sketch's weight ≤ x: items tied at x end at the last of them.
    if (i + 1 < sketch.values.length && sketch.values[i + 1] === x) continue;
    worst = Math.max(worst, Math.abs(sketch.cumulative[i] - below));
  }
  return worst;
}
