/**
 * The multiple-testing corrections against scipy 1.17 golden values
 * (test-fixtures/golden/multiple_testing.py wrote multiple_testing.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustPValues } from '../../../src/engine/stats/multipleTesting';

interface Case {
  name: string;
  pValues: (number | null)[];
  fdr: (number | null)[];
  bonferroni: (number | null)[];
}

const golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/multiple_testing.json', import.meta.url), 'utf8'),
) as { cases: Case[] };
const numbers = (values: (number | null)[]) => values.map((v) => v ?? NaN);

describe.each<'fdr' | 'bonferroni'>(['fdr', 'bonferroni'])('adjustPValues(%s) = the reference', (correction) => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const actual = adjustPValues(numbers(c.pValues), correction);
      const expected = numbers(c[correction]);
      expect(actual).toHaveLength(expected.length);
      actual.forEach((value, i) => {
        if (Number.isNaN(expected[i])) expect(value).toBeNaN();
        else expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(1e-15 * expected[i]);
      });
    });
  }
});
