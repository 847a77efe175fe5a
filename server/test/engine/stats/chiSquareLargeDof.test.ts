/** χ² upper tails at many degrees of freedom, against scipy (test-fixtures/golden/chi2_large_dof.py). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareSf } from '../../../src/engine/stats/distributions';

const cases = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/chi2_large_dof.json', import.meta.url), 'utf8'),
) as [number, number, number][];

describe('chiSquareSf at many degrees of freedom', () => {
  it.each(cases)(
    'P(χ² > %d) with %d degrees of freedom matches scipy.stats.chi2.sf to 1e-9 relative',
    (x, dof, expected) => {
      expect(Math.abs(chiSquareSf(x, dof) - expected) / expected).toBeLessThan(1e-9);
    },
  );
});
