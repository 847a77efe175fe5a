import { describe, expect, it } from 'vitest';
import { PAGE_HINKLEY_DEFAULTS, pageHinkley } from '../../../src/engine/concept/pageHinkley';
import { expectDelay } from './expectDelay';
import { PythonRandom, steps, stream } from './streams';

const SEEDS = [1, 2, 3, 4, 5];
const RIVER = { delta: 0.005, threshold: 50, alpha: 1 - 0.0001 };

describe('pageHinkley', () => {
  it("reproduces River's doctest: change detected at index 1006", () => {
    const rng = new PythonRandom(12345);
    const values = [...rng.choices([0, 1], 1000), ...rng.choices([4, 5, 6, 7], 1000)];
    expect(pageHinkley(values, RIVER).detections).toEqual([1006]);
  });

  it.each(SEEDS)(
    'detects a mean shift 0 → 1.5σ at 5,000 within 60 observations (1,000 seeds: median 24, max 43), seed %i',
    (seed) => {
      const values = stream(seed, [
        { length: 5000, mean: 0 },
        { length: 5000, mean: 1.5 },
      ]);
      expectDelay(pageHinkley(values).detections[0], 5000, 60);
    },
  );

  it.each(SEEDS)('raises no alarm on 100,000 standard normals, seed %i', (seed) => {
    expect(pageHinkley(stream(seed, [{ length: 100_000, mean: 0 }])).detections).toEqual([]);
  });

  it("raises alarms on standard normals with River's defaults, which is why they are not ours", () => {
    expect(pageHinkley(stream(1, [{ length: 100_000, mean: 0 }]), RIVER).detections.length).toBeGreaterThan(10);
  });

  it.each(SEEDS)(
    'resets after a detection: detects 0 → 1.5σ at 5,000 and back to 0 at 10,000, each within 60 (max 43 and 45), seed %i',
    (seed) => {
      const values = stream(seed, [
        { length: 5000, mean: 0 },
        { length: 5000, mean: 1.5 },
        { length: 5000, mean: 0 },
      ]);
      const { detections } = pageHinkley(values);
      expect(detections).toHaveLength(2);
      expectDelay(detections[0], 5000, 60);
      expectDelay(detections[1], 10_000, 60);
    },
  );

  it('signals nothing before minInstances observations since the start or the last reset', () => {
    const values = steps([0, 5], [100, 45], [0, 200]);
    expect(pageHinkley(values).detections).toEqual([29, 59]);
    expect(pageHinkley(steps([0, 5], [100, 300]), { minInstances: 100 }).detections).toEqual([99]);
  });

  it("watches only increases in mode 'up' and only decreases in mode 'down'", () => {
    const values = steps([0, 5], [100, 45], [0, 200]);
    expect(pageHinkley(values, { mode: 'up' }).detections).toEqual([29]);
    expect(pageHinkley(values, { mode: 'down' }).detections).toEqual([50]);
  });

  it('reports its parameters, defaults filled in', () => {
    expect(pageHinkley([], { threshold: 40 })).toEqual({
      detector: 'page-hinkley',
      detections: [],
      warnings: [],
      parameters: { ...PAGE_HINKLEY_DEFAULTS, threshold: 40 },
    });
    expect(PAGE_HINKLEY_DEFAULTS).toEqual({ minInstances: 30, delta: 0.5, threshold: 25, alpha: 1, mode: 'both' });
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => pageHinkley([1, Number.NaN])).toThrow(/NaN at 1/);
  });
});
