/** RowChoice: exactly round(share × rows) rows, each row as likely as any other. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { RowChoice } from '../../../src/engine/simulate/rowChoice';

function choose(share: number, rows: number, seed: number): number[] {
  const choice = new RowChoice(share, rows, mulberry32(seed));
  return Array.from({ length: rows }, (_, row) => row).filter(() => choice.next());
}

describe('RowChoice', () => {
  it('chooses exactly round(share × rows) rows, none past the end', () => {
    expect(choose(0.2, 1000, 1)).toHaveLength(200);
    expect(choose(0.25, 10, 1)).toHaveLength(3);
    expect(choose(0, 50, 1)).toEqual([]);
    expect(choose(1, 50, 1)).toEqual(Array.from({ length: 50 }, (_, row) => row));
    const choice = new RowChoice(1, 2, mulberry32(1));
    expect([choice.next(), choice.next(), choice.next()]).toEqual([true, true, false]);
  });

  it('chooses every row about equally often', () => {
    const times = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 3000; seed++) for (const row of choose(0.3, 10, seed)) times[row]++;
    // 900 expected per row; the binomial standard deviation is about 25.
    for (const count of times) expect(Math.abs(count - 900)).toBeLessThan(100);
  });
});
