/** Data quality on fixture pairs built so that each finding appears with known numbers (see the comments per column). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../../src/engine/analysis/columnPlan';
import { parseConfig } from '../../../src/engine/config/parse';
import { readTable } from '../../../src/engine/data/readTable';
import { dataQuality } from '../../../src/engine/quality/dataQuality';
import type { ColumnQuality } from '../../../src/protocol/report';

const fixtures = new URL('../../../../test-fixtures/quality/', import.meta.url).pathname;

async function qualityOf(referenceName: string, currentName: string, configExtra = '') {
  const read = (name: string) =>
    readTable(join(fixtures, name), { displayPath: name, kinds: new Map(), requiredColumns: [] });
  const [reference, current] = await Promise.all([read(referenceName), read(currentName)]);
  const { config } = parseConfig(
    `reference: ${referenceName}\ncurrent: ${currentName}\n${configExtra}`,
    join(fixtures, 'drift.yaml'),
  );
  const { pairs, emptyPairs } = planColumns(config!, reference, current);
  return dataQuality(reference, current, [...pairs, ...emptyPairs]);
}

// reference.csv: 100 rows, no duplicates. current.csv: 50 rows, the last 5 repeating the 5 before them.
const quality = await qualityOf('reference.csv', 'current.csv');
const column = (name: string): ColumnQuality => quality.columns.find((c) => c.name === name)!;
const findingsOf = (name: string | null) => quality.findings.filter((f) => f.column === name);

describe('data quality findings', () => {
  it('finds each problem once, in column order, duplicates last', () => {
    expect(quality.findings.map((f) => [f.kind, f.column, f.severity])).toEqual([
      ['missing-rate', 'income', 'moderate'],
      ['out-of-range', 'age', 'moderate'],
      ['zero-inflation', 'visits', 'high'],
      ['new-categories', 'channel', 'moderate'],
      ['missing-categories', 'plan', 'moderate'],
      ['constant-column', 'score', 'moderate'],
      ['constant-column', 'source', 'low'],
      ['type-change', 'amount', 'high'],
      ['duplicate-rows', null, 'moderate'],
    ]);
  });

  it('missing rate: income 1 of 100 missing in reference, 10 of 50 in current (+19 points)', () => {
    const income = column('income');
    expect(income.reference).toMatchObject({
      rows: 100,
      missing: 1,
      missingRate: 0.01,
      zeros: 0,
      zeroRate: 0,
      min: 1010,
      max: 1990,
      distinct: 99,
      constant: false,
    });
    expect(income.current).toMatchObject({
      rows: 50,
      missing: 10,
      missingRate: 0.2,
      min: 1200,
      max: 1880,
      distinct: 35,
      constant: false,
    });
    expect(income.missingRateChange).toBeCloseTo(0.19, 12);
    const [finding] = findingsOf('income');
    expect(finding.message).toBe("'income': 20.0% missing in current vs 1.0% in reference");
    expect(finding.values).toEqual({
      referenceRate: 0.01,
      currentRate: 0.2,
      change: income.missingRateChange,
      count: 10,
    });
  });

  it('out of range: age 20–69 in reference; in current 3 rows at 5 and 2 at 99 (10% of 50)', () => {
    expect(column('age').outOfRange).toEqual({ below: 3, above: 2, share: 0.1 });
    const [finding] = findingsOf('age');
    expect(finding.message).toBe(
      "'age': 10.0% of current values outside the reference range 20 to 69 (3 below, 2 above)",
    );
    expect(finding.values).toEqual({ below: 3, above: 2, count: 5, share: 0.1, referenceMin: 20, referenceMax: 69 });
  });

  it('zero inflation: visits 0 in 10% of reference rows, 50% of current rows', () => {
    const visits = column('visits');
    expect([visits.reference.zeros, visits.reference.zeroRate, visits.current.zeros, visits.current.zeroRate]).toEqual([
      10, 0.1, 25, 0.5,
    ]);
    const [finding] = findingsOf('visits');
    expect(finding.message).toBe("'visits': 50.0% of current values are 0 vs 10.0% in reference");
    expect(finding.values).toEqual({ referenceRate: 0.1, currentRate: 0.5, change: 0.4, count: 25 });
  });

  it('new categories: channel gets kiosk (3 rows) and fax (1 row), 8% of current', () => {
    const channel = column('channel');
    expect(channel.kind).toBe('categorical');
    expect(channel.newCategories).toEqual([
      { value: 'kiosk', count: 3 },
      { value: 'fax', count: 1 },
    ]);
    expect([channel.newCategoryCount, channel.newCategoryRows, channel.missingCategoryCount]).toEqual([2, 4, 0]);
    expect(channel.reference).toMatchObject({ zeros: null, zeroRate: null, min: null, max: null, distinct: 3 });
    expect(channel.current.distinct).toBe(5);
    const [finding] = findingsOf('channel');
    expect(finding.message).toBe(
      "'channel': 2 categories not in reference ('kiosk', 'fax') on 8.0% of current rows (4 of 50)",
    );
    expect(finding.values).toEqual({ count: 2, rows: 4, share: 0.08 });
  });

  it('missing categories: plan loses team, 12 of 100 reference rows', () => {
    const plan = column('plan');
    expect(plan.missingCategories).toEqual([{ value: 'team', count: 12 }]);
    expect([plan.missingCategoryCount, plan.missingCategoryRows, plan.newCategoryCount]).toEqual([1, 12, 0]);
    const [finding] = findingsOf('plan');
    expect(finding.message).toBe(
      "'plan': 1 category of reference absent from current ('team'), which held 12.0% of reference rows (12 of 100)",
    );
    expect(finding.values).toEqual({ count: 1, rows: 12, share: 0.12 });
  });

  it('constant column: score 3.5 throughout current (20 distinct in reference); source "batch" in both', () => {
    expect([
      column('score').reference.constant,
      column('score').current.constant,
      column('score').current.distinct,
    ]).toEqual([false, true, 1]);
    expect(findingsOf('score')[0].message).toBe(
      "'score': a single value in current vs 20 distinct values in reference",
    );
    expect(findingsOf('score')[0].values).toEqual({ referenceDistinct: 20, currentDistinct: 1 });
    expect(findingsOf('source')[0].message).toBe("'source': a single value in both reference and current");
  });

  it('type change: amount numerical in reference, "unknown" on 3 current rows (lines 7, 19, 32), not counted missing', () => {
    const amount = column('amount');
    expect(amount.kind).toBe('numerical');
    expect(amount.typeChange).toEqual({ nonNumeric: 3, firstLines: [7, 19, 32] });
    expect(amount.current).toMatchObject({ rows: 50, missing: 0, missingRate: 0, min: 100, max: 188, distinct: 42 });
    const [finding] = findingsOf('amount');
    expect(finding.message).toBe(
      "'amount': numerical in reference but 3 non-numeric values in current (6.0% of rows, first at lines 7, 19, 32)",
    );
    expect(finding.values).toEqual({ count: 3, share: 0.06, firstLine: 7 });
  });

  it('duplicate rows: none in reference, 5 of 50 in current', () => {
    expect(quality.duplicateRows).toEqual({ reference: { rows: 0, share: 0 }, current: { rows: 5, share: 0.1 } });
    const [finding] = findingsOf(null);
    expect(finding.message).toBe('5 duplicate rows in current (10.0% of rows) vs 0 in reference (0.0%)');
    expect(finding.values).toEqual({ count: 5, share: 0.1, referenceCount: 0, referenceShare: 0 });
  });

  it('finds nothing on a clean pair', async () => {
    // x rises row by row, as a counter: declared, so that the drift tests (and data quality) keep it.
    const clean = await qualityOf('clean-reference.csv', 'clean-current.csv', 'columns:\n  numerical: [x]\n');
    expect(clean.findings).toEqual([]);
    expect(
      clean.columns.map((c) => [
        c.name,
        c.kind,
        c.outOfRange?.share ?? null,
        c.newCategoryCount,
        c.missingCategoryCount,
        c.typeChange,
      ]),
    ).toEqual([
      ['x', 'numerical', 0, 0, 0, null],
      ['y', 'numerical', 0, 0, 0, null],
      ['colour', 'categorical', null, 0, 0, null],
    ]);
    expect(clean.duplicateRows).toEqual({ reference: { rows: 0, share: 0 }, current: { rows: 0, share: 0 } });
  });
});
