import { describe, expect, it } from 'vitest';
import type { DriftConfig } from '../../../src/engine/config/model';
import {
  autoMethod,
  decide,
  driftScore,
  severity,
  thresholdRatio,
  type ColumnShape,
} from '../../../src/engine/analysis/decide';
import { thresholdAccepting } from '../../../src/engine/analysis/methods';
import { exceedsThreshold } from '../../../src/protocol/methods';

const numerical = (referenceCount: number, currentCount: number): ColumnShape => ({
  kind: 'numerical',
  referenceCount,
  currentCount,
  categories: 0,
});
const categorical = (referenceCount: number, currentCount: number, categories: number): ColumnShape => ({
  kind: 'categorical',
  referenceCount,
  currentCount,
  categories,
});
const drift = (overrides: Partial<DriftConfig['drift']> = {}): DriftConfig['drift'] => ({
  method: 'auto',
  thresholds: {},
  share: 0.5,
  correction: 'fdr',
  bins: 10,
  features: {},
  ...overrides,
});

describe('the auto rule', () => {
  it('uses KS / chi-square / z-test up to 1,000 values on the smaller side', () => {
    expect(autoMethod(numerical(1000, 1000)).method).toBe('ks');
    expect(autoMethod(categorical(800, 900, 4)).method).toBe('chisquare');
    expect(autoMethod(categorical(800, 900, 2)).method).toBe('ztest');
  });

  it('uses effect sizes above 1,000 on both sides, where p-values flag negligible shifts', () => {
    expect(autoMethod(numerical(1001, 5000)).method).toBe('wasserstein');
    expect(autoMethod(categorical(5000, 2000, 2)).method).toBe('jensenshannon');
  });

  it('counts the smaller side: a huge reference against a few hundred rows keeps a p-value test', () => {
    expect(autoMethod(numerical(1_000_000, 300)).method).toBe('ks');
    expect(autoMethod(numerical(1_000_000, 300)).reason).toContain('300 values on the smaller side');
  });
});

describe('decide', () => {
  it('prefers the per-feature method and threshold, then the global one, then auto', () => {
    const config = drift({ method: 'psi', threshold: 0.3, features: { x: { method: 'ks', threshold: 0.01 } } });
    expect(decide('x', numerical(50, 50), config)).toEqual({
      method: 'ks',
      threshold: 0.01,
      reason: 'drift.features.x.method',
    });
    expect(decide('y', numerical(50, 50), config)).toEqual({ method: 'psi', threshold: 0.3, reason: 'drift.method' });
    expect(decide('z', numerical(50, 50), drift()).method).toBe('ks');
  });

  it('takes a per-method threshold from drift.thresholds under auto', () => {
    expect(decide('x', numerical(5000, 5000), drift({ thresholds: { wasserstein: 0.2 } })).threshold).toBe(0.2);
  });

  it('falls back to auto, and says why, when the configured method does not fit the column', () => {
    const decision = decide('x', numerical(50, 50), drift({ method: 'chisquare' }));
    expect(decision.method).toBe('ks');
    expect(decision.reason).toMatch(/^chisquare \(drift.method\) does not apply to this numerical column; auto/);
    expect(decide('c', categorical(50, 50, 3), drift({ method: 'ztest' })).method).toBe('chisquare');
  });
});

describe('score and severity', () => {
  it('puts the threshold at ratio 1 for distances and for p-values (on a log scale)', () => {
    expect(thresholdRatio('psi', 0.25, 0.1)).toBeCloseTo(2.5, 12);
    expect(thresholdRatio('ks', 0.05, 0.05)).toBeCloseTo(1, 12);
    expect(thresholdRatio('ks', 0.0025, 0.05)).toBeCloseTo(2, 12);
    expect(Number.isFinite(thresholdRatio('ks', 0, 0.05))).toBe(true);
  });

  it('maps the ratio into [0, 1) with 0.5 at the threshold', () => {
    expect(driftScore(1)).toBe(0.5);
    expect(driftScore(0)).toBe(0);
    expect(driftScore(Infinity)).toBe(1);
  });

  it('grades drift low below 1.5×, moderate below 2.5×, high from 2.5× (PSI 0.25 at threshold 0.1 is high)', () => {
    expect(severity(false, 9)).toBe('none');
    expect(severity(true, 1.2)).toBe('low');
    expect(severity(true, 2)).toBe('moderate');
    expect(severity(true, thresholdRatio('psi', 0.25, 0.1))).toBe('high');
  });
});

describe('thresholdAccepting', () => {
  it('rounds a distance up and a p-value down to two significant digits, so the value no longer drifts', () => {
    expect(thresholdAccepting('wasserstein', 1.16)).toBe(1.2);
    expect(thresholdAccepting('wasserstein', 1.2)).toBe(1.3);
    expect(thresholdAccepting('psi', 0.0734)).toBe(0.074);
    expect(thresholdAccepting('ks', 0.0123)).toBe(0.012);
    expect(thresholdAccepting('ks', 3.4e-7)).toBe(3.4e-7);
    // Capped at the largest value the distance takes: 1 for Hellinger, √ln 2 for Jensen–Shannon in nats.
    expect(thresholdAccepting('hellinger', 0.995)).toBe(1);
    expect(thresholdAccepting('jensenshannon', 0.83)).toBe(Math.sqrt(Math.LN2));
    for (const [method, value] of [
      ['wasserstein', 0.137],
      ['ks', 0.000317],
      ['chisquare', 0.04999],
    ] as const) {
      expect(exceedsThreshold(method, value, thresholdAccepting(method, value))).toBe(false);
    }
  });
});
