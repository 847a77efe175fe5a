/**
 * What a reference profile cannot give, said as such: a rank test on a column whose sketch
 * compacted (the auto rule decides instead, and a note says why), a categorical column with
 * more categories than the profile counts (undecided, never a silent verdict), time windows
 * of the reference, a model the profile has no metrics of (a profile as the current data is
 * the config's own problem: config/formats.ts). The reports made stay free of contradictions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textSummary } from '../../../src/cli/textSummary';
import { analyze } from '../../../src/engine/analysis/analyze';
import type { DriftConfig } from '../../../src/engine/config/model';
import { loadConfig } from '../../../src/engine/config/load';
import { InputError } from '../../../src/engine/inputError';
import { buildProfile } from '../../../src/engine/profile/buildProfile';
import { writeProfileFile } from '../../../src/engine/profile/profileFile';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import type { Report } from '../../../src/protocol/report';
import { contradictions } from '../../reportConsistency';
import { writeProfiledConfig } from './profiledReports';

/** Rows of a seeded file: a measurement, 1,500 product codes (more than the profile's 1,000), a channel, a timestamp, truth and prediction. */
function rows(count: number, seed: number, shift: number): string {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = ['amount,product,channel,time,label,predicted'];
  for (let i = 0; i < count; i++) {
    const label = random() < 0.3 ? 1 : 0;
    const predicted = random() < 0.8 ? label : 1 - label;
    const time = new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString();
    lines.push(
      `${(50 + shift + 10 * normal()).toFixed(3)},P${Math.floor(1500 * random())},${random() < 0.6 ? 'web' : 'shop'},${time},${label},${predicted}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const CONFIG = `reference: reference.csv
current: current.csv
columns:
  categorical: [product]
  timestamp: time
  target: label
  prediction: predicted
drift:
  method: mannwhitney
`;

describe('against a profile of 5,000 rows: what it cannot give', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-not-from-profile-'));
  let report: Report;
  let config: DriftConfig;

  beforeAll(async () => {
    writeFileSync(join(folder, 'reference.csv'), rows(5_000, 1, 0));
    writeFileSync(join(folder, 'current.csv'), rows(1_500, 2, 3));
    writeFileSync(join(folder, 'drift.yaml'), CONFIG);
    config = await loadConfig(await writeProfiledConfig(join(folder, 'drift.yaml')));
    report = await analyze(config);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('decides a numerical column by the auto rule when the configured rank test needs values the sketch dropped, and says so', () => {
    const amount = report.features.find((f) => f.name === 'amount')!;
    expect(amount.cdfError).toBeGreaterThan(0);
    expect(amount.method).toBe('wasserstein');
    expect(amount.methodReason).toMatch(
      /^mannwhitney \(drift\.method\) needs every value of both files in order, which the reference profile does not keep \(its sketch compacted\); auto: numerical/,
    );
    expect(amount.tests.mannwhitney).toBeUndefined();
    expect(amount.tests.cramervonmises).toBeUndefined();
    expect(report.notes).toContainEqual(
      expect.stringMatching(/^'amount': the configured mannwhitney cannot be computed from the reference profile/),
    );
  });

  it('leaves a column with more categories than the profile counted undecided, with the reason, and calls none of its categories new', () => {
    const product = report.features.find((f) => f.name === 'product')!;
    expect(product).toMatchObject({ statistic: null, drifted: false, undecided: true, severity: 'none', tests: {} });
    expect(product.methodReason).toMatch(
      /not available from a profile: the reference has more than 1,000 distinct values/,
    );
    const quality = report.quality.columns.find((c) => c.name === 'product')!;
    expect(quality.newCategoryCount).toBe(0);
    expect(quality.reference.rows).toBe(5_000);
  });

  it('says the reference is a profile, in the file summary and the notes', () => {
    expect(report.reference).toMatchObject({ path: 'reference.profile.json', rows: 5_000 });
    expect(report.reference.profile?.sources).toEqual([
      { path: 'reference.csv', rows: 5_000, sha256: expect.any(String) },
    ]);
    expect(report.notes).toContainEqual(expect.stringMatching(/^The reference is a profile, reference\.profile\.json/));
    expect(textSummary(report, 'profile.yaml', config)).toContain(
      'reference reference.profile.json (profile of 5,000 rows)   current current.csv (1,500 rows)',
    );
  });

  it('makes a report without contradictions', () => {
    expect(contradictions(report)).toEqual([]);
  });

  it('refuses time windows of the reference, naming the key', async () => {
    const config = await writeProfiledConfig(
      join(folder, 'drift.yaml'),
      (yaml) => `${yaml}windows:\n  every: 1d\n  reference: true\n`,
    );
    await expect(analyze(await loadConfig(config))).rejects.toThrow(
      /^windows\.reference: true cuts the reference's rows into time windows, which the reference profile reference\.profile\.json does not keep/,
    );
  });

  it('refuses a model the profile has no metrics of (a profile of the data file alone)', async () => {
    await writeProfileFile(
      join(folder, 'alone.profile.json'),
      await buildProfile(join(folder, 'reference.csv'), { displayPath: 'reference.csv' }),
    );
    writeFileSync(
      join(folder, 'alone.yaml'),
      CONFIG.replace('reference: reference.csv', 'reference: alone.profile.json'),
    );
    const error = await analyze(await loadConfig(join(folder, 'alone.yaml'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^alone\.profile\.json has no reference metrics of model 'model' \(prediction 'predicted', target 'label'\): it was made from a data file alone, without models\. Make the profile from this config/,
    );
  });

  it('names a column the config names and the profile lacks, as for a file', async () => {
    const config = await writeProfiledConfig(join(folder, 'drift.yaml'), (yaml) =>
      yaml.replace('categorical: [product]', 'categorical: [product]\n  numerical: [amout]'),
    );
    await expect(analyze(await loadConfig(config))).rejects.toThrow(
      /reference\.profile\.json has no column 'amout' \(did you mean 'amount'\?\), which the config names: a profile holds the columns of the data it was made from\./,
    );
  });
});
