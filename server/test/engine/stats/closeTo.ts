/** Tolerances shared by the golden-value tests. */
import { expect } from 'vitest';

/** |actual − expected| ≤ tolerance · max(1, |expected|): relative for large values, absolute near 0. */
export function expectClose(actual: number, expected: number, tolerance: number): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** A p-value within 1% relative where it is above 1e-12, and below 1e-12 where scipy's is. */
export function expectPValue(actual: number, expected: number): void {
  if (expected > 1e-12) expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.01 * expected);
  else expect(actual).toBeLessThanOrEqual(1e-12);
}
