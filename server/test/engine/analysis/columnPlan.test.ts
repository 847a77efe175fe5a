/** Which columns are tested, in which role and kind: analyze() on small pairs written to a temp folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';

async function analyzePair(reference: string, current: string, configExtra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'drift-plan-'));
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), current);
  writeFileSync(join(dir, 'drift.yaml'), `reference: reference.csv\ncurrent: current.csv\n${configExtra}`);
  return analyze(await loadConfig(join(dir, 'drift.yaml')));
}

const rows = (header: string, make: (i: number) => string, n = 40) =>
  [header, ...Array.from({ length: n }, (_, i) => make(i))].join('\n') + '\n';

describe('column plan', () => {
  it('names the columns found in only one of the files', async () => {
    await expect(
      analyzePair(
        rows('a,b,c', (i) => `${i},${i % 7},x`),
        rows('a,b,d', (i) => `${i},${i % 7},y`),
      ),
    ).rejects.toThrow(
      "reference.csv and current.csv have different columns (only in reference.csv: 'c'; only in current.csv: 'd'). List them under columns.exclude to leave them out.",
    );
  });

  it('leaves out excluded columns and the timestamp, and gives target and prediction their roles', async () => {
    const make = (i: number) =>
      `${i},2026-01-${String((i % 28) + 1).padStart(2, '0')},${i * 1.5},${i % 2},${(i + 1) % 2}`;
    const report = await analyzePair(
      rows('id,ts,x,y,yhat', make),
      rows('id,ts,x,y,yhat', make),
      'columns:\n  timestamp: ts\n  target: y\n  prediction: yhat\n  exclude: [id]\n',
    );
    expect(report.features.map((f) => [f.name, f.role])).toEqual([
      ['x', 'feature'],
      ['yhat', 'prediction'],
      ['y', 'target'],
    ]);
    expect(report.dataset.features).toBe(1);
  });

  it('tests a numeric column with at most 5 distinct values as categorical unless declared numerical', async () => {
    const make = (i: number) => `${i % 5},${i % 5}`;
    const report = await analyzePair(
      rows('rating,score', make),
      rows('rating,score', make),
      'columns:\n  numerical: [score]\n',
    );
    expect(report.features.find((f) => f.name === 'rating')!.kind).toBe('categorical');
    expect(report.features.find((f) => f.name === 'score')!.kind).toBe('numerical');
  });

  it('counts distinct values over both files, −0 as 0, missing cells aside, for the rule of 5', async () => {
    // 5 values with −0 taken for 0 (categorical); a sixth in the current file only (numerical).
    const five = (i: number) => ['0', '-0', '1', '2', '', '3', '4'][i % 7];
    const report = await analyzePair(rows('flag', five, 70), rows('flag', five, 70));
    expect(report.features[0].kind).toBe('categorical');
    expect(report.notes).toContain(
      "'flag' has only 5 distinct values: tested as categorical (declare it under columns.numerical to change that).",
    );
    const six = await analyzePair(
      rows('flag', five, 70),
      rows('flag', (i) => (i === 69 ? '5' : five(i)), 70),
    );
    expect(six.features[0].kind).toBe('numerical');
  });

  it('keeps a column numerical when only the current file holds text, and says how much and where', async () => {
    const report = await analyzePair(
      rows('x', (i) => `${i}`),
      rows('x', (i) => (i === 3 ? 'oops' : `${i}`)),
    );
    const x = report.features[0];
    expect(x.kind).toBe('numerical');
    expect(x.current.missing).toBe(1);
    expect(report.notes).toContain(
      "'x' is numerical in the reference but holds 1 non-numeric value in current.csv (first at line 5); they count as missing.",
    );
  });

  it('leaves a column with no values in the current file out of the drift tests, and data quality says so', async () => {
    const report = await analyzePair(
      rows('x,y', (i) => `${(i * 7) % 40},${i % 9}`),
      rows('x,y', (i) => `${(i * 7) % 40},`),
    );
    expect(report.features.map((f) => f.name)).toEqual(['x']);
    expect(report.quality.findings.map((f) => [f.kind, f.column, f.severity])).toEqual([['all-missing', 'y', 'high']]);
  });

  it('names each text cell that made a column of numbers categorical, up to 5 over both files', async () => {
    const numbersWith = (texts: Record<number, string>) => rows('amount', (i) => texts[i] ?? `${i * 1.5}`);
    const report = await analyzePair(numbersWith({ 2: 'n.a.', 9: '12 kg' }), numbersWith({ 30: 'about 3' }));
    expect(report.notes).toContain(
      "'amount' is tested as categories because of 3 text cells among its numbers: reference.csv line 4 holds 'n.a.', line 11 holds '12 kg' and current.csv line 32 holds 'about 3'. Correct or empty those cells to test 'amount' as numbers.",
    );
    const many = await analyzePair(numbersWith({ 1: 'a', 2: 'b', 3: 'c' }), numbersWith({ 4: 'd', 5: 'e', 6: 'f' }));
    expect(many.notes.join('\n')).not.toContain('text cell');
  });
});
