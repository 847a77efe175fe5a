import { expect } from 'vitest';

/** The detection at `index` came at the change at `change` or at most `maxDelay` observations after it. */
export function expectDelay(index: number | undefined, change: number, maxDelay: number): void {
  expect(index).toBeGreaterThanOrEqual(change);
  expect(index).toBeLessThanOrEqual(change + maxDelay);
}
