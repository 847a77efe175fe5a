/** Error-based concept drift on synthetic error streams with and without a change. */
import { describe, expect, it } from 'vitest';
import { errorDrift } from '../../../src/engine/monitoring/conceptDrift';
import { stream } from '../concept/streams';

const DAY = 86_400_000;
/** One row a minute from 2026-01-01, in file order. */
function minuteOrder(rows: number) {
  const times = Float64Array.from({ length: rows }, (_, i) => Date.UTC(2026, 0, 1) + i * 60_000);
  return { rows: Int32Array.from({ length: rows }, (_, i) => i), times, sorted: times };
}

describe('errorDrift', () => {
  it('raises nothing on 100,000 stationary misclassifications', () => {
    for (const seed of [1, 2, 3]) {
      const reference = stream(seed, [{ length: 20_000, rate: 0.2 }]);
      const current = stream(seed + 100, [{ length: 100_000, rate: 0.2 }]);
      const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
      expect(result.changePoints.map((c) => [c.detector, c.detections.length])).toEqual([
        ['ddm', 0],
        ['page-hinkley', 0],
        ['adwin', 0],
      ]);
      expect(result.confirmedChange).toBeNull();
      expect(result.errorsRose).toBe(false);
    }
  });

  it('confirms a rise in the error rate within a day of rows, with its timestamp', () => {
    const reference = stream(7, [{ length: 5000, rate: 0.2 }]);
    const current = stream(8, [
      { length: 3000, rate: 0.2 },
      { length: 3000, rate: 0.36 },
    ]);
    const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
    expect(result.errorsRose).toBe(true);
    const confirmed = result.confirmedChange!;
    expect(confirmed.index).toBeGreaterThanOrEqual(3000);
    expect(confirmed.index).toBeLessThan(3000 + 1440);
    expect(Date.parse(confirmed.time) - Date.UTC(2026, 0, 1)).toBeLessThan(3000 * 60_000 + DAY);
  });

  it('sees residuals grow, whatever the units of the target', () => {
    for (const scale of [1, 1e6]) {
      const reference = stream(11, [{ length: 4000, mean: 0 }]).map((r) => r * scale);
      const current = stream(12, [
        { length: 2000, mean: 0 },
        { length: 2000, mean: 0 },
      ]).map((r, i) => r * scale * (i < 2000 ? 1 : 2));
      const result = errorDrift('m', 'regression', reference, current, minuteOrder(current.length));
      expect(result.error).toBe('residual');
      expect(result.errorsRose, `scale ${scale}`).toBe(true);
      expect(result.confirmedChange!.index).toBeGreaterThanOrEqual(2000);
    }
  });
});
