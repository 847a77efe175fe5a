/**
 * Misra–Gries summaries merged as Agarwal et al. merge them (heavyHitters.ts): the same
 * summary as the algorithm written in Python (test-fixtures/profile/generate.py) for the
 * quarters of a column merged in order, and the stated bound holding for every value over
 * seeded runs of skewed data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heavyHittersOfCounts, mergeHeavyHitters, type HeavyHitters } from '../../../src/engine/stats/heavyHitters';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

const golden = JSON.parse(readFileSync('test-fixtures/profile/golden.json', 'utf8')) as {
  heavyHittersCapacity: number;
  heavyHittersOfQuarters: Record<string, { counts: [string, number][]; error: number }>;
};
const lines = readFileSync('test-fixtures/profile/data.csv', 'utf8').trim().split('\n');
const header = lines[0].split(',');

function countsOf(cells: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  return counts;
}

function mergedQuarters(cells: string[], capacity: number): HeavyHitters {
  const quarter = cells.length / 4;
  const parts = [0, 1, 2, 3].map((p) =>
    heavyHittersOfCounts(countsOf(cells.slice(p * quarter, (p + 1) * quarter)), capacity),
  );
  return parts.slice(1).reduce((merged, part) => mergeHeavyHitters(merged, part, capacity), parts[0]);
}

describe('heavy hitters', () => {
  for (const name of ['merchant', 'token']) {
    it(`merges the quarters' summaries as the Python reference does: ${name}`, () => {
      const cells = lines.slice(1).map((line) => line.split(',')[header.indexOf(name)]);
      const merged = mergedQuarters(cells, golden.heavyHittersCapacity);
      const expected = golden.heavyHittersOfQuarters[name];
      expect([...merged.counts]).toEqual(expected.counts);
      expect(merged.error).toBe(expected.error);
    });
  }

  it('keeps every value within its stated bound after merges', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = mulberry32(seed);
      // Skewed over 2,000 values: a few common, most rare.
      const cells = Array.from({ length: 8000 }, () => `v${Math.floor(2000 * next() ** 3)}`);
      const capacity = 40;
      const merged = mergedQuarters(cells, capacity);
      expect(merged.counts.size).toBeLessThanOrEqual(capacity);
      for (const [value, count] of countsOf(cells)) {
        const counted = merged.counts.get(value) ?? 0;
        expect(counted).toBeLessThanOrEqual(count);
        expect(count).toBeLessThanOrEqual(counted + merged.error);
      }
      // The common values are found: every value above the error is listed.
      for (const [value, count] of countsOf(cells))
        if (count > merged.error) expect(merged.counts.has(value)).toBe(true);
    }
  });

  it('is exact while the values fit', () => {
    const counts = new Map([
      ['a', 3],
      ['b', 5],
    ]);
    expect(heavyHittersOfCounts(counts, 2)).toEqual({
      counts: new Map([
        ['b', 5],
        ['a', 3],
      ]),
      error: 0,
    });
    expect(heavyHittersOfCounts(counts, 1)).toEqual({ counts: new Map([['b', 5]]), error: 3 });
  });
});
