/**
 * Bounds you can trust, on real data: the first 8,000 and 40,000 rows of each half of
 * vega-datasets' flights-3m (bench/flights.mjs), January–March as a profile against April–June
 * read whole (at 8,000 a side KS takes its exact p-values, at 40,000 its asymptotic ones).
 * Every statistic the profiled report states lies within its bound of the exact value from
 * the January–March file itself, and every statistic stated without a bound equals it
 * (bench/profileBounds.mjs; `node bench/profileBounds.mjs --whole` checks the whole pair).
 * Both compact the profile's sketch of `distance` (more distinct miles than the profile counts
 * exactly) while `delay`, in whole minutes, stays exact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundViolations } from '../../../../bench/profileBounds.mjs';
import { prepareFlights } from '../../../../bench/flights.mjs';
import type { Report } from '../../../src/protocol/report';
import { contradictions } from '../../reportConsistency';
import { profiledReports } from './profiledReports';

for (const rows of [8_000, 40_000])
  describe(`the flights pair, ${rows.toLocaleString('en-US')} rows a half, January–March as a profile`, () => {
    const folder = mkdtempSync(join(tmpdir(), 'drift-flights-profile-'));
    let exact: Report;
    let profiled: Report;

    beforeAll(async () => {
      await prepareFlights(folder, rows);
      ({ exact, profiled } = await profiledReports(join(folder, 'drift.yaml')));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('has a column from a compacted sketch, with bounds, and one the profile kept exactly', () => {
      const distance = profiled.features.find((f) => f.name === 'distance')!;
      expect(distance.cdfError).toBeGreaterThan(0);
      expect(distance.tests.wasserstein?.bound).toBeDefined();
      expect(distance.reference).toHaveProperty('quantileBounds');
      expect(distance.tests.ks?.method).toBe(rows <= 10_000 ? 'exact' : 'asymptotic');
      const delay = profiled.features.find((f) => f.name === 'delay')!;
      expect(delay.cdfError).toBeUndefined();
    });

    it('states every statistic within its bound of the exact value, and the rest exactly', () => {
      const { checked, violations } = boundViolations(exact, profiled);
      expect(checked).toBeGreaterThan(100);
      expect(violations).toEqual([]);
    });

    it('makes a report without contradictions', () => {
      expect(contradictions(profiled)).toEqual([]);
    });
  });
