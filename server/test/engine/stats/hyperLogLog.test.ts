/**
 * HyperLogLog (hyperLogLog.ts) against the same algorithm in Python
 * (test-fixtures/profile/generate.py): MurmurHash3's values and each sketched column's
 * registers and estimate; and its bounds hold over seeded runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addNumber,
  addText,
  distinctBounds,
  distinctEstimate,
  emptyHyperLogLog,
  hyperLogLogOfText,
  hyperLogLogText,
  mergeHyperLogLogs,
  murmur3,
} from '../../../src/engine/stats/hyperLogLog';

const golden = JSON.parse(readFileSync('test-fixtures/profile/golden.json', 'utf8')) as {
  murmur3: Record<string, number>;
  hyperLogLog: Record<string, { estimate: number; registerSum: number; zeroRegisters: number }>;
};
const lines = readFileSync('test-fixtures/profile/data.csv', 'utf8').trim().split('\n');
const header = lines[0].split(',');
const cellsOf = (name: string) => lines.slice(1).map((line) => line.split(',')[header.indexOf(name)]);

describe('HyperLogLog', () => {
  it('hashes as MurmurHash3 x86_32 does', () => {
    for (const [text, hash] of Object.entries(golden.murmur3))
      expect(murmur3(new TextEncoder().encode(text)), text).toBe(hash);
  });

  for (const name of ['row_id', 'merchant', 'token']) {
    it(`gives the Python sketch's registers and estimate: ${name}`, () => {
      const sketch = emptyHyperLogLog();
      for (const cell of cellsOf(name)) {
        const value = Number(cell);
        if (/^\d+$/.test(cell)) addNumber(sketch, value);
        else addText(sketch, cell);
      }
      const expected = golden.hyperLogLog[name];
      expect(sketch.reduce((sum, rank) => sum + rank, 0)).toBe(expected.registerSum);
      expect(sketch.filter((rank) => rank === 0).length).toBe(expected.zeroRegisters);
      expect(distinctEstimate(sketch)).toBeCloseTo(expected.estimate, 8);
    });
  }

  it('merges into the sketch of the union, and reads back its text', () => {
    const [a, b, both] = [emptyHyperLogLog(), emptyHyperLogLog(), emptyHyperLogLog()];
    for (let i = 0; i < 5000; i++) {
      addNumber(i % 2 ? a : b, i);
      addNumber(both, i);
    }
    expect(mergeHyperLogLogs(a, b)).toEqual(both);
    expect(hyperLogLogOfText(hyperLogLogText(both))).toEqual(both);
    expect(hyperLogLogOfText('not registers')).toBeUndefined();
  });

  it('states bounds that hold over seeded runs', () => {
    let missed = 0;
    let runs = 0;
    for (const distinct of [500, 5_000, 50_000]) {
      for (let seed = 1; seed <= 10; seed++) {
        const sketch = emptyHyperLogLog();
        // Each value twice: a count of distinct values, not of cells.
        for (let i = 0; i < 2 * distinct; i++) addText(sketch, `run ${seed}, value ${i % distinct}`);
        const { low, high } = distinctBounds(sketch, 0, Infinity);
        runs++;
        if (distinct < low || distinct > high) missed++;
      }
    }
    // ±3 standard errors: about 0.3% of runs outside; 30 runs, none expected.
    expect(missed, `${missed} of ${runs}`).toBe(0);
  });
});
