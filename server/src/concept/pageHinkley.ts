import type { DetectorResult } from './detector';

export interface PageHinkleyOptions {
  /** Observations since the last reset before a drift can be signalled. */
  minInstances: number;
  /** Magnitude of change tolerated, in the units of the values. */
  delta: number;
  /** λ: the cumulative deviation at which drift is signalled, in the units of the values. */
  threshold: number;
  /** Forgetting factor applied to the cumulative sums. */
  alpha: number;
  /** Watch for an increase of the mean ('up'), a decrease ('down') or both. */
  mode: 'up' | 'down' | 'both';
}

export const PAGE_HINKLEY_DEFAULTS: PageHinkleyOptions = {
  minInstances: 30,
  delta: 0.005,
  threshold: 50,
  alpha: 1 - 0.0001,
  mode: 'both',
};

export function pageHinkley(values: ArrayLike<number>, options: Partial<PageHinkleyOptions> = {}): DetectorResult {
  const { minInstances, delta, threshold, alpha, mode } = { ...PAGE_HINKLEY_DEFAULTS, ...options };
  const watchUp = mode !== 'down';
  const watchDown = mode !== 'up';
  const detections: number[] = [];
  let n = 0;
  let mean = 0;
  let sumUp = 0;
  let sumDown = 0;
  let minUp = Infinity;
  let maxDown = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) throw new RangeError(`value ${x} at ${i} is not a finite number`);
    n += 1;
    mean += (1 / n) * (x - mean);
    const deviation = x - mean;
    sumUp = alpha * sumUp + deviation - delta;
    sumDown = alpha * sumDown + deviation + delta;
    if (sumUp < minUp) minUp = sumUp;
    if (sumDown > maxDown) maxDown = sumDown;
    if (n < minInstances) continue;
    if ((watchUp && sumUp - minUp > threshold) || (watchDown && maxDown - sumDown > threshold)) {
      detections.push(i);
      n = 0;
      mean = 0;
      sumUp = 0;
      sumDown = 0;
      minUp = Infinity;
      maxDown = -Infinity;
    }
  }
  return { detector: 'page-hinkley', detections, warnings: [], parameters: { minInstances, delta, threshold, alpha, mode } };
}
