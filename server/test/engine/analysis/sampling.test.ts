/** The analysis with a row limit: every file sampled past maxRows, the report saying so, the verdicts kept. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/generate.mjs';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import type { Report } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';

const demoModelConfig = new URL('../../../../test-fixtures/demo-model/drift.yaml', import.meta.url).pathname;

function expectValidReport(report: Report): void {
  const validate = reportValidator();
  validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? []).toEqual([]);
}

describe('analyze with maxRows on a generated pair of 20,000 rows', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-sampling-'));
  let whole: Report;
  let sampled: Report;

  beforeAll(async () => {
    // Drifted on purpose: income, tenure, channel, is_premium (see bench/generate.mjs).
    await generate(folder, 20_000);
    const config = await loadConfig(join(folder, 'drift.yaml'));
    whole = await analyze(config);
    sampled = await analyze(config, { maxRows: 5_000 });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('analyzes maxRows rows of each file and states how many the files have', () => {
    expect(sampled.reference).toEqual({ path: 'reference.csv', rows: 5_000, sampledFrom: 20_000, columns: 10 });
    expect(sampled.current).toEqual({ path: 'current.csv', rows: 5_000, sampledFrom: 20_000, columns: 10 });
    for (const feature of sampled.features)
      expect(feature.reference.count + feature.reference.missing, feature.name).toBe(5_000);
    expect(whole.reference).toEqual({ path: 'reference.csv', rows: 20_000, columns: 10 });
  });

  it('says so first among the notes', () => {
    expect(sampled.notes[0]).toBe(
      'Sampled: 5,000 of 20,000 reference rows and 5,000 of 20,000 current rows (uniform random sample, seed 1; limit 5,000 rows from driftMonitor.maxRowsInteractive or --max-rows); p-values and counts are those of the sample.',
    );
    expect(whole.notes.some((note) => note.startsWith('Sampled'))).toBe(false);
  });

  it('keeps the verdict on the clearly drifted and the unchanged columns', () => {
    const verdicts = (report: Report) =>
      Object.fromEntries(report.features.filter((f) => f.name !== 'is_premium').map((f) => [f.name, f.drifted]));
    // is_premium (rate 0.2 → 0.3) sits near its Jensen–Shannon threshold of 0.1: sampling noise may tip it either way.
    expect(verdicts(whole)).toEqual({
      channel: true,
      income: true,
      tenure: true,
      age: false,
      balance: false,
      score: false,
      visits: false,
      region: false,
      plan: false,
    });
    expect(verdicts(sampled)).toEqual(verdicts(whole));
  });

  it('gives the same report for the same files and limit', async () => {
    const again = await analyze(await loadConfig(join(folder, 'drift.yaml')), { maxRows: 5_000 });
    expect(again.features).toEqual(sampled.features);
  });

  it('validates against schemas/report.schema.json', () => {
    expectValidReport(sampled);
  });

  it('reads every row when maxRows is 0 or at least the file rows', async () => {
    const config = await loadConfig(join(folder, 'drift.yaml'));
    for (const maxRows of [0, 20_000]) {
      const report = await analyze(config, { maxRows });
      expect(report.reference).toEqual(whole.reference);
      expect(report.features).toEqual(whole.features);
    }
  });
});

describe('analyze with maxRows on the model demo', () => {
  it('samples the extra datasets too, and names them in the note', async () => {
    const report = await analyze(await loadConfig(demoModelConfig), { maxRows: 1_500 });
    expect(report.datasets).toEqual([
      { name: 'test', path: 'test.csv', rows: 1_500, sampledFrom: 2_000, columns: report.reference.columns },
    ]);
    expect(report.notes[0]).toMatch(
      /^Sampled: 1,500 of 6,000 reference rows, 1,500 of 6,000 current rows and 1,500 of 2,000 'test' rows \(uniform random sample, seed 1;/,
    );
    expectValidReport(report);
  });
});
