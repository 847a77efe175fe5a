import { describe, expect, it } from 'vitest';
import { ADWIN_DEFAULTS, adwin } from '../../../src/engine/concept/adwin';
import { expectDelay } from './expectDelay';
import { PythonRandom, steps, stream } from './streams';

const SEEDS = [1, 2, 3, 4, 5];
const RIVER = { delta: 0.002 };

describe('adwin', () => {
  it("reproduces River's doctest (change at 1023) and regression test (changes at 1023, 2015, 3007)", () => {
    const rng = new PythonRandom(12345);
    expect(adwin([...rng.choices([0, 1], 1000), ...rng.choices([4, 5, 6, 7], 1000)], RIVER).detections).toEqual([1023]);
    const rng42 = new PythonRandom(42);
    const segments = [
      [0, 1],
      [4, 5, 6, 7],
      [0, 1],
      [4, 5, 6, 7],
    ].flatMap((population) => rng42.choices(population, 1000));
    expect(adwin(segments, RIVER).detections).toEqual([1023, 2015, 3007]);
  });

  it.each(SEEDS)(
    'detects a mean shift 0 → 1.5σ at 5,000 within 100 observations (1,000 seeds: 23 or 55), seed %i',
    (seed) => {
      const values = stream(seed, [
        { length: 5000, mean: 0 },
        { length: 5000, mean: 1.5 },
      ]);
      expectDelay(adwin(values).detections[0], 5000, 100);
    },
  );

  it.each(SEEDS)(
    'detects a rate 0.1 → 0.3 at 5,000 within 500 observations (1,000 seeds: median 183, max 407), seed %i',
    (seed) => {
      const values = stream(seed, [
        { length: 5000, rate: 0.1 },
        { length: 5000, rate: 0.3 },
      ]);
      expectDelay(adwin(values).detections[0], 5000, 500);
    },
  );

  it.each(SEEDS)(
    'raises no alarm on 100,000 standard normals nor on 100,000 draws of Bernoulli(0.1), seed %i',
    (seed) => {
      expect(adwin(stream(seed, [{ length: 100_000, mean: 0 }])).detections).toEqual([]);
      expect(adwin(stream(seed, [{ length: 100_000, rate: 0.1 }])).detections).toEqual([]);
    },
  );

  it("raises an alarm on standard normals with River's δ, which is why it is not ours", () => {
    // Seed 5 is one of the 26 in 500 where δ = 0.002 alarms on 100,000 standard normals.
    expect(adwin(stream(5, [{ length: 100_000, mean: 0 }]), RIVER).detections).not.toEqual([]);
  });

  it.each(SEEDS)(
    'resets after a detection: detects 0 → 1.5σ at 5,000 and back to 0 at 10,000, each within 100 (55 and 47 at most), seed %i',
    (seed) => {
      const values = stream(seed, [
        { length: 5000, mean: 0 },
        { length: 5000, mean: 1.5 },
        { length: 5000, mean: 0 },
      ]);
      const { detections } = adwin(values);
      expect(detections).toHaveLength(2);
      expectDelay(detections[0], 5000, 100);
      expectDelay(detections[1], 10_000, 100);
    },
  );

  it('tests only every clock observations and once the window exceeds the grace period', () => {
    const values = steps([0, 20], [100, 200]);
    expect(adwin(values, { clock: 1 }).detections).toEqual([35]);
    expect(adwin(values, { clock: 1, gracePeriod: 100 }).detections).toEqual([100]);
    expect(adwin(values).detections).toEqual([63]);
    // After the reset at 127 the next tests fall at 159, 191, 223.
    expect(adwin(steps([0, 100], [100, 100], [0, 100])).detections).toEqual([127, 223]);
  });

  it('reports its parameters, defaults filled in', () => {
    expect(adwin([], { clock: 1 })).toEqual({
      detector: 'adwin',
      detections: [],
      warnings: [],
      parameters: { ...ADWIN_DEFAULTS, clock: 1 },
    });
    expect(ADWIN_DEFAULTS).toEqual({ delta: 0.00001, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10 });
  });

  it('rejects values that are not finite numbers and a clock or bucket count that is not a positive integer', () => {
    expect(() => adwin([1, Infinity])).toThrow(/Infinity at 1/);
    expect(() => adwin([], { clock: 0 })).toThrow(RangeError);
    expect(() => adwin([], { maxBuckets: 2.5 })).toThrow(RangeError);
  });
});
