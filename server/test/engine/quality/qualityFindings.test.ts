/** Severity cut-offs of every finding, at and just below each boundary. */
import { describe, expect, it } from 'vitest';
import { columnFindings, duplicateRowsFinding } from '../../../src/engine/quality/qualityFindings';
import type { ColumnQuality, SideQuality } from '../../../src/protocol/report';

function side(rows: number, missing: number, more: Partial<SideQuality> = {}): SideQuality {
  return {
    rows,
    missing,
    missingRate: missing / rows,
    zeros: null,
    zeroRate: null,
    min: null,
    max: null,
    distinct: 5,
    constant: false,
    ...more,
  };
}

function columnOf(reference: SideQuality, current: SideQuality, more: Partial<ColumnQuality> = {}): ColumnQuality {
  return {
    name: 'x',
    kind: 'numerical',
    reference,
    current,
    missingRateChange: current.missingRate - reference.missingRate,
    newCategories: [],
    newCategoryCount: 0,
    newCategoryRows: 0,
    missingCategories: [],
    missingCategoryCount: 0,
    missingCategoryRows: 0,
    outOfRange: null,
    typeChange: null,
    ...more,
  };
}

const severities = (column: ColumnQuality) => columnFindings(column).map((f) => [f.kind, f.severity]);

describe('severity cut-offs', () => {
  it('missing rate: low when values go missing for the first time, moderate from +5 points, high from +20', () => {
    expect(severities(columnOf(side(1000, 0), side(1000, 1)))).toEqual([['missing-rate', 'low']]);
    expect(severities(columnOf(side(100, 1), side(100, 2)))).toEqual([]);
    expect(severities(columnOf(side(100, 2), side(100, 6)))).toEqual([]);
    expect(severities(columnOf(side(100, 2), side(100, 7)))).toEqual([['missing-rate', 'moderate']]);
    expect(severities(columnOf(side(100, 0), side(100, 19)))).toEqual([['missing-rate', 'moderate']]);
    expect(severities(columnOf(side(100, 10), side(100, 30)))).toEqual([['missing-rate', 'high']]);
  });

  it('new categories: low under 1% of current rows, moderate under 10%, high from 10%', () => {
    const withNew = (rows: number) =>
      columnOf(side(1000, 0), side(1000, 0), {
        kind: 'categorical',
        newCategories: [{ value: 'z', count: rows }],
        newCategoryCount: 1,
        newCategoryRows: rows,
      });
    expect([9, 10, 99, 100].map((rows) => severities(withNew(rows)))).toEqual([
      [['new-categories', 'low']],
      [['new-categories', 'moderate']],
      [['new-categories', 'moderate']],
      [['new-categories', 'high']],
    ]);
  });

  it('missing categories: low, moderate once they held 10% of the reference', () => {
    const withMissing = (rows: number) =>
      columnOf(side(1000, 0), side(1000, 0), {
        kind: 'categorical',
        missingCategories: [{ value: 'z', count: rows }],
        missingCategoryCount: 1,
        missingCategoryRows: rows,
      });
    expect([1, 99, 100].map((rows) => severities(withMissing(rows)))).toEqual([
      [['missing-categories', 'low']],
      [['missing-categories', 'low']],
      [['missing-categories', 'moderate']],
    ]);
  });

  it('out of range: nothing under 1% of current values, low from 1%, moderate from 5%, high from 20%', () => {
    const withOutside = (share: number) =>
      columnOf(side(100, 0, { min: 0, max: 1 }), side(100, 0), { outOfRange: { below: 0, above: share * 100, share } });
    expect([0.009, 0.01, 0.05, 0.2].map((share) => severities(withOutside(share)))).toEqual([
      [],
      [['out-of-range', 'low']],
      [['out-of-range', 'moderate']],
      [['out-of-range', 'high']],
    ]);
  });

  it('zero inflation: moderate from +10 points of zeros, high from +30', () => {
    const withZeros = (before: number, after: number) =>
      columnOf(
        side(100, 0, { zeros: before, zeroRate: before / 100 }),
        side(100, 0, { zeros: after, zeroRate: after / 100 }),
      );
    expect(
      [withZeros(7, 16), withZeros(7, 17), withZeros(7, 36), withZeros(7, 37), withZeros(50, 0)].map(severities),
    ).toEqual([
      [],
      [['zero-inflation', 'moderate']],
      [['zero-inflation', 'moderate']],
      [['zero-inflation', 'high']],
      [],
    ]);
  });

  it('constant column: moderate when only current is constant, low when both are, nothing when only reference is', () => {
    const constant = { distinct: 1, constant: true };
    expect(severities(columnOf(side(10, 0), side(10, 0, constant)))).toEqual([['constant-column', 'moderate']]);
    expect(severities(columnOf(side(10, 0, constant), side(10, 0, constant)))).toEqual([['constant-column', 'low']]);
    expect(severities(columnOf(side(10, 0, constant), side(10, 0)))).toEqual([]);
  });

  it('type change: always high, naming the one line there is', () => {
    const [finding] = columnFindings(
      columnOf(side(10, 0), side(1000, 0), { typeChange: { nonNumeric: 1, firstLines: [12] } }),
    );
    expect(finding).toEqual({
      kind: 'type-change',
      column: 'x',
      severity: 'high',
      message: "'x': numerical in reference but 1 non-numeric value in current (0.1% of rows, first at line 12)",
      values: { count: 1, share: 0.001, firstLine: 12 },
    });
  });

  it('duplicate rows: low from 1 point above reference (so from 1% of current), moderate from 5%, high from 20%', () => {
    const severityOf = (reference: number, current: number) =>
      duplicateRowsFinding({
        reference: { rows: reference * 1000, share: reference },
        current: { rows: current * 1000, share: current },
      })?.severity ?? null;
    expect(severityOf(0, 0.009)).toBeNull();
    expect(severityOf(0, 0.01)).toBe('low');
    expect(severityOf(0.005, 0.0149)).toBeNull();
    expect(severityOf(0.005, 0.015)).toBe('low');
    expect(severityOf(0, 0.05)).toBe('moderate');
    expect(severityOf(0, 0.2)).toBe('high');
    expect(severityOf(0.295, 0.3)).toBeNull();
  });

  it('writes tiny and near-total rates without rounding them to 0% or 100%', () => {
    const [finding] = columnFindings(columnOf(side(10_000, 0), side(10_000, 9_999)));
    expect(finding.message).toBe("'x': >99.9% missing in current vs 0.0% in reference");
    const [low] = columnFindings(columnOf(side(10_000, 0), side(10_000, 1)));
    expect(low.message).toBe("'x': <0.1% missing in current vs 0.0% in reference");
  });
});
