/**
 * The simulator's promise: each perturbation it puts into a copy of the demo reference is
 * found by the real analysis (analyze() with a config written to a temp folder, the copy as
 * the current data) by the test meant to find it, and nothing else is; an unperturbed copy
 * raises no drift and no alert.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import type { Report } from '../../../src/protocol/report';
import { parsePerturbation, type PerturbationKind } from '../../../src/engine/simulate/perturbation';
import { simulateDrift } from '../../../src/engine/simulate/simulate';

const demoReference = new URL('../../../../test-fixtures/demo/reference.csv', import.meta.url).pathname;
let dir: string;
let cases = 0;
/** The copy reportFor wrote last. */
let lastCopy = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'drift-simulate-detect-'));
  copyFileSync(demoReference, join(dir, 'reference.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The report of the demo reference against a copy of it with `flags` made. */
async function reportFor(flags: [string, string][], fromRow?: number): Promise<Report> {
  const folder = join(dir, `case-${cases++}`);
  mkdirSync(folder);
  const perturbations = flags.map(([kind, text]) => parsePerturbation(kind as PerturbationKind, text));
  lastCopy = join(folder, 'current.csv');
  await simulateDrift({ input: join(dir, 'reference.csv'), output: lastCopy, perturbations, seed: 1, fromRow });
  writeFileSync(
    join(folder, 'drift.yaml'),
    [
      'reference: ../reference.csv',
      'current: current.csv',
      'columns:',
      '  target: default',
      '  prediction: predicted_default',
      '  probability: default_probability',
      'performance:',
      '  positive_class: 1',
      '  max_drop:',
      '    accuracy: 0.05',
      '',
    ].join('\n'),
  );
  return analyze(await loadConfig(join(folder, 'drift.yaml')));
}

const drifted = (report: Report) => report.features.filter((f) => f.drifted).map((f) => f.name);
const feature = (report: Report, name: string) => report.features.find((f) => f.name === name)!;
const alerts = (report: Report) => report.alerts.map((a) => `${a.kind} ${a.subject}`);
const quality = (report: Report) => report.quality.findings.map((f) => `${f.kind} ${f.column} ${f.severity}`);

describe('perturbations the analysis finds', () => {
  it('an unperturbed copy: byte for byte the reference, no drift, no alert', async () => {
    const report = await reportFor([]);
    expect(readFileSync(lastCopy).equals(readFileSync(demoReference))).toBe(true);
    expect(drifted(report)).toEqual([]);
    expect(report.dataset.drifted).toBe(false);
    expect(report.alerts).toEqual([]);
    expect(report.quality.findings).toEqual([]);
    expect(report.performance?.findings).toEqual([]);
  });

  it('--shift: the column drifts by its deciding method, no other', async () => {
    const report = await reportFor([['shift', 'income=5000']]);
    expect(drifted(report)).toEqual(['income']);
    const income = feature(report, 'income');
    expect(income.method).toBe('wasserstein');
    expect(income.statistic).toBeGreaterThanOrEqual(income.threshold);
    expect(alerts(report)).toEqual(['feature-drift income']);
  });

  it('--scale and --noise: the column drifts', async () => {
    expect(drifted(await reportFor([['scale', 'loan_amount=1.3']]))).toEqual(['loan_amount']);
    const noisy = await reportFor([['noise', 'age=20']]);
    expect(drifted(noisy)).toEqual(['age']);
    expect(alerts(noisy)).toContain('feature-drift age');
  });

  it('--swap and --mix: the categorical column drifts by Jensen–Shannon', async () => {
    for (const flags of [[['swap', 'employment_type=salaried:contract']], [['mix', 'region=north:0.3']]] as [
      string,
      string,
    ][][]) {
      const report = await reportFor(flags);
      const column = flags[0][1].split('=')[0];
      expect(drifted(report)).toEqual([column]);
      expect(feature(report, column).method).toBe('jensenshannon');
      expect(alerts(report)).toEqual([`feature-drift ${column}`]);
    }
  });

  it('--new-category: the new-category finding and alert, and the column drifts', async () => {
    const report = await reportFor([['new-category', 'region=offshore:0.1']]);
    expect(quality(report)).toEqual(['new-categories region high']);
    expect(report.quality.findings[0].values.rows).toBe(500);
    expect(alerts(report).sort()).toEqual(['feature-drift region', 'quality region']);
  });

  it('--missing: the missing-rate finding and alert, without drift', async () => {
    const report = await reportFor([['missing', 'income=0.3']]);
    expect(quality(report)).toEqual(['missing-rate income high']);
    expect(alerts(report)).toEqual(['quality income']);
    expect(drifted(report)).toEqual([]);
  });

  it('--flip-labels on the target: accuracy drops and the target drifts', async () => {
    const report = await reportFor([['flip-labels', 'default=0.2']]);
    expect(report.performance?.findings.map((f) => `${f.metric} ${f.rule}`)).toEqual(['accuracy max_drop']);
    expect(drifted(report)).toEqual(['default']);
    expect(alerts(report)).toContain('performance model: accuracy');
    expect(alerts(report)).toContain('target-drift default');
  });

  it('--flip-labels on the predictions and --shift-probability: prediction drift', async () => {
    const flipped = await reportFor([['flip-labels', 'predicted_default=0.2']]);
    expect(drifted(flipped)).toEqual(['predicted_default']);
    expect(alerts(flipped)).toContain('prediction-drift predicted_default');
    const shifted = await reportFor([['shift-probability', 'default_probability=0.2']]);
    expect(drifted(shifted)).toEqual(['default_probability']);
    expect(alerts(shifted)).toContain('prediction-drift default_probability');
  });

  it('--from-row: drift in the later half only is still found', async () => {
    const report = await reportFor([['shift', 'income=20000']], 2501);
    expect(drifted(report)).toEqual(['income']);
  });
});
