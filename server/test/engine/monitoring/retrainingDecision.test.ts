/** The retraining decision's states, and the default of retraining.min_rows. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_ROWS,
  defaultMinRows,
  retrainingDecision,
  type RetrainingInputs,
} from '../../../src/engine/monitoring/retrainingDecision';
import type { ConceptReport, Risk } from '../../../src/protocol/report';
import { retrainingHeadline } from '../../../src/protocol/text';

/** Dataset drift, the risk moderate: retraining is called for; only the labels decide the state. */
const inputs = (labelledRows: number | null, referenceLabelledRows: number | null): RetrainingInputs => ({
  dataset: { features: 10, driftedFeatures: 6, share: 0.6, threshold: 0.5, drifted: true },
  performance: null,
  concept: { models: [], diagnosis: { conceptDrift: false } } as unknown as ConceptReport,
  alerts: [],
  risk: { score: 50, level: 'moderate' } as Risk,
  labelledRows,
  referenceLabelledRows,
});
const WHEN = { when: ['dataset_drift' as const] };

describe('the default of retraining.min_rows', () => {
  it('is the smallest n whose 95% interval is at most ±0.1 sd of one row: ±5 points for a proportion', () => {
    const halfWidth = (n: number) => (1.959963984540054 * 0.5) / Math.sqrt(n); // proportion at p = 0.5
    expect(DEFAULT_MIN_ROWS).toBe(385);
    expect(halfWidth(DEFAULT_MIN_ROWS)).toBeLessThanOrEqual(0.05);
    expect(halfWidth(DEFAULT_MIN_ROWS - 1)).toBeGreaterThan(0.05);
  });

  it("is the reference's labelled rows when it has fewer, and 385 without them", () => {
    expect([defaultMinRows(5000), defaultMinRows(385), defaultMinRows(250), defaultMinRows(0)]).toEqual([
      385, 385, 250, 385,
    ]);
    expect(defaultMinRows(null)).toBe(385);
  });

  it('gives way to an explicit retraining.min_rows', () => {
    expect(retrainingDecision({ ...WHEN, minRows: 1000 }, inputs(400, 5000))).toMatchObject({
      state: 'blocked',
      labelsNeeded: 600,
      minRows: 1000,
    });
    expect(retrainingDecision({ ...WHEN, minRows: 0 }, inputs(0, 5000)).state).toBe('recommended');
  });
});

describe('the retraining states', () => {
  it('recommends from 385 labelled rows on, by default', () => {
    expect(retrainingDecision(WHEN, inputs(385, 5000))).toMatchObject({ state: 'recommended', retrain: true });
    expect(retrainingDecision(WHEN, inputs(null, 5000))).toMatchObject({ state: 'recommended', retrain: true });
  });

  it('blocks below, keeping the priority, and says where the number came from', () => {
    const decision = retrainingDecision(WHEN, inputs(189, 5000));
    expect(decision).toMatchObject({ state: 'blocked', retrain: false, priority: 'moderate', labelsNeeded: 196 });
    expect(retrainingHeadline(decision)).toBe(
      'Retraining recommended (priority moderate), blocked: collect 196 more labels',
    );
    const small = retrainingDecision(WHEN, inputs(249, 250));
    expect(retrainingHeadline(small)).toBe('Retraining recommended (priority moderate), blocked: collect 1 more label');
    expect(small.reasons.at(-1)).toBe(
      "blocked: 249 labelled current rows, fewer than the reference's 250 labelled rows (the default of retraining.min_rows when the reference has fewer than 385); collect 1 more label first",
    );
  });

  it('reads "No retraining needed" only when no condition holds', () => {
    const decision = retrainingDecision({ when: ['performance_drop'] }, inputs(10, 5000));
    expect(decision).toMatchObject({ state: 'not-needed', retrain: false, priority: 'none' });
    expect(retrainingHeadline(decision)).toBe('No retraining needed');
  });
});
