import { describe, expect, it } from 'vitest';
import { DDM_DEFAULTS, ddm } from '../../../src/engine/concept/ddm';
import { expectDelay } from './expectDelay';
import { PythonRandom, steps, stream } from './streams';

const SEEDS = [1, 2, 3, 4, 5];
const RIVER = { warmStart: 30, warningThreshold: 2, driftThreshold: 3 };

describe('ddm', () => {
  it("reproduces River's doctest: warning at 1084, change at 1334, next warning at 1492", () => {
    const rng = new PythonRandom(42);
    const errors = [...rng.choices([0, 1], 1000), ...rng.choices([0, 1], 1000, [0.3, 0.7])];
    const { detections, warnings } = ddm(errors, RIVER);
    expect(detections).toEqual([1334]);
    expect(warnings[0]).toBe(1084);
    expect(warnings.find((i) => i > 1334)).toBe(1492);
  });

  it.each(SEEDS)(
    'detects an error rate 0.1 → 0.3 at 5,000 within 1,500 observations (1,000 seeds: median 501, max 1,198), seed %i',
    (seed) => {
      const errors = stream(seed, [
        { length: 5000, rate: 0.1 },
        { length: 5000, rate: 0.3 },
      ]);
      const { detections, warnings } = ddm(errors);
      expectDelay(detections[0], 5000, 1500);
      expect(warnings.filter((i) => i >= 5000 && i < detections[0])).not.toEqual([]);
    },
  );

  it.each(SEEDS)('raises no alarm on 100,000 draws of Bernoulli(0.1), seed %i', (seed) => {
    expect(ddm(stream(seed, [{ length: 100_000, rate: 0.1 }])).detections).toEqual([]);
  });

  it("raises alarms on Bernoulli(0.1) with River's defaults, which is why they are not ours", () => {
    expect(ddm(stream(1, [{ length: 100_000, rate: 0.1 }]), RIVER).detections).not.toEqual([]);
  });

  it.each(SEEDS)(
    'resets after a detection: detects 0.1 → 0.3 at 5,000 and 0.3 → 0.6 at 10,000, each within 1,500 (max 1,198 and 1,260), seed %i',
    (seed) => {
      const errors = stream(seed, [
        { length: 5000, rate: 0.1 },
        { length: 5000, rate: 0.3 },
        { length: 5000, rate: 0.6 },
      ]);
      const { detections } = ddm(errors);
      expect(detections).toHaveLength(2);
      expectDelay(detections[0], 5000, 1500);
      expectDelay(detections[1], 10_000, 1500);
    },
  );

  it('tracks nothing in the first warmStart observations since the start or the last reset', () => {
    // An error-free start would set p_min = s_min = 0 and make the next error a drift, but only once past the warm start.
    expect(ddm(steps([0, 1000], [1, 1])).detections).toEqual([]);
    expect(ddm(steps([0, 1001], [1, 1])).detections).toEqual([1001]);
    expect(ddm(steps([0, 31], [1, 1], [0, 31], [1, 1]), { warmStart: 30 }).detections).toEqual([31, 63]);
    expect(ddm(steps([0, 31], [1, 1], [0, 30], [1, 1]), { warmStart: 30 }).detections).toEqual([31]);
  });

  it('reports its parameters, defaults filled in', () => {
    expect(ddm([], { driftThreshold: 4.5 })).toEqual({
      detector: 'ddm',
      detections: [],
      warnings: [],
      parameters: { ...DDM_DEFAULTS, driftThreshold: 4.5 },
    });
    expect(DDM_DEFAULTS).toEqual({ warmStart: 1000, warningThreshold: 4, driftThreshold: 5 });
  });

  it('rejects indicators other than 0 and 1', () => {
    expect(() => ddm([0, 1, 0.5])).toThrow(/0.5 at 2/);
  });
});
