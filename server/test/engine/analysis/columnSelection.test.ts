/**
 * Which columns the drift tests leave out, and what the report says of them: identifiers,
 * counters and free text, columns without values, a number column turned to text by one cell,
 * and names in columns.exclude that no file has. The data are the seeded pairs of
 * test-fixtures/columns/ (see generate.py there for what each holds).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';

const fixtures = new URL('../../../../test-fixtures/columns/', import.meta.url).pathname;
const analyzeFixture = async (name: string) => analyze(await loadConfig(`${fixtures}${name}.drift.yaml`));

describe('identifier-like columns', async () => {
  const report = await analyzeFixture('identifiers');

  it('are left out of the drift tests, the share and data quality', () => {
    expect(report.features.map((f) => f.name)).toEqual(['age', 'plan', 'visits']);
    expect(report.dataset).toMatchObject({ features: 3, driftedFeatures: 0, drifted: false });
    expect(report.quality.columns.map((c) => c.name)).toEqual(['age', 'plan', 'visits']);
    expect(report.alerts).toEqual([]);
  });

  it('are each named in a note saying why and how to test them anyway', () => {
    const about = (name: string) => report.notes.filter((note) => note.startsWith(`'${name}' `));
    const files = 'identifiers-reference.csv and 100.0% in identifiers-current.csv';
    expect(about('iata')).toEqual([
      `'iata' is not tested for drift: its values are distinct, as an identifier's are: 100.0% in ${files}. Declare it under columns.categorical to test it anyway.`,
    ]);
    expect(about('row_id')).toEqual([
      "'row_id' is not tested for drift: its whole numbers rise with every row in both files, as a counter's do (a row number, a time). Declare it under columns.numerical to test it anyway.",
    ]);
    expect(about('user_id')).toEqual([
      `'user_id' is not tested for drift: its values are distinct, as an identifier's are: 100.0% in ${files}. Declare it under columns.categorical to test it anyway.`,
    ]);
    expect(about('account_id')).toEqual([
      `'account_id' is not tested for drift: it is named as an identifier and its whole numbers are distinct: 100.0% in ${files}. Declare it under columns.numerical to test it anyway.`,
    ]);
    expect(about('title')).toEqual([
      "'title' is not tested for drift: its values are distinct, as an identifier's are: 99.0% in identifiers-reference.csv and 99.0% in identifiers-current.csv. Declare it under columns.categorical to test it anyway.",
    ]);
    expect(about('review')).toEqual([
      "'review' is not tested for drift: it holds free text (values distinct: 70.0% in identifiers-reference.csv and 70.0% in identifiers-current.csv; 35 characters long on average), whose values recur too rarely for a test of categories. Declare it under columns.categorical to test it anyway.",
    ]);
  });

  it('are tested when the config declares their kind or gives them settings', async () => {
    const declared = await analyzeFixture('identifiers-declared');
    expect(declared.features.map((f) => f.name)).toEqual(['iata', 'row_id', 'age', 'plan', 'visits']);
    expect(declared.notes.some((note) => note.startsWith("'iata' ") || note.startsWith("'row_id' "))).toBe(false);
  });
});

describe('columns without values', () => {
  it('are not counted among the input features: 5 of 10 drifted is dataset drift', async () => {
    const report = await analyzeFixture('all-missing');
    expect(report.dataset).toMatchObject({ features: 10, driftedFeatures: 5, share: 0.5, drifted: true });
    expect(report.features.map((f) => f.name)).not.toContain('comment');
    expect(report.notes.join('\n')).not.toContain('distinct value');
    expect(report.quality.findings.filter((f) => f.column === 'comment')).toEqual([
      {
        kind: 'all-missing',
        column: 'comment',
        severity: 'low',
        message: "'comment': no values in reference or current (all 200 and 200 rows missing); not tested for drift",
        values: { referenceRows: 200, currentRows: 200 },
      },
    ]);
  });

  it('missing in current only is a data-quality alert, not a drift verdict', async () => {
    const report = await analyzeFixture('missing-in-current');
    expect(report.features.map((f) => f.name)).toEqual(['age']);
    expect(report.quality.findings.filter((f) => f.column === 'score')).toEqual([
      {
        kind: 'all-missing',
        column: 'score',
        severity: 'high',
        message:
          "'score': no values in current (all 100 rows missing) vs 0.0% missing in reference; not tested for drift",
        values: { referenceRows: 0, currentRows: 100 },
      },
    ]);
    const aboutScore = report.alerts.filter((a) => a.subject === 'score');
    expect(aboutScore.map((a) => [a.kind, a.severity])).toEqual([['quality', 'high']]);
    expect(report.dataset).toMatchObject({ features: 1, driftedFeatures: 0, drifted: false });
  });
});

describe('a number column turned to text', () => {
  it('by one cell gets a note naming the file, line and text', async () => {
    const report = await analyzeFixture('text-cell');
    expect(report.features.find((f) => f.name === 'amount')!.kind).toBe('categorical');
    expect(report.notes).toContain(
      "'amount' is tested as categories because of 1 text cell among its numbers: text-cell-reference.csv line 17 holds 'n.a.'. Correct or empty that cell to test 'amount' as numbers.",
    );
  });
});

describe('columns.exclude', () => {
  it('naming a column no file has stops the run, with a did-you-mean', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'drift-exclude-')), 'drift.yaml');
    const file = (side: string) => join(fixtures, `identifiers-${side}.csv`);
    writeFileSync(
      config,
      `reference: ${file('reference')}\ncurrent: ${file('current')}\ncolumns:\n  exclude: [user_idd, title]\n`,
    );
    await expect(analyze(await loadConfig(config))).rejects.toThrow(
      `columns.exclude names 'user_idd' (did you mean 'user_id'?), which neither ${file('reference')} nor ${file('current')} has.`,
    );
  });
});
