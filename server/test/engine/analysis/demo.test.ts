/**
 * The whole engine on the bundled demo pair against pandas + scipy
 * (test-fixtures/golden/scipy_drift.py wrote demo_report.json), and the report
 * against its published JSON Schema.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import type { Report } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';
import { expectClose, expectPValue } from '../stats/closeTo';

const demoConfig = new URL('../../../../test-fixtures/demo/drift.yaml', import.meta.url).pathname;
const golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/demo_report.json', import.meta.url), 'utf8'),
);

let report: Report;
beforeAll(async () => {
  report = await analyze(await loadConfig(demoConfig));
});

describe('the demo pair against pandas + scipy', () => {
  it('reads every row and tests every column but none twice', () => {
    expect(report.reference.rows).toBe(golden.reference.rows);
    expect(report.current.rows).toBe(golden.current.rows);
    expect(report.features.map((f) => f.name).sort()).toEqual(Object.keys(golden.features).sort());
  });

  it('infers the kinds scipy_drift.py uses (numeric with at most 5 distinct values is categorical)', () => {
    for (const feature of report.features) expect(feature.kind, feature.name).toBe(golden.features[feature.name].kind);
  });

  it('matches every statistic and p-value of every column', () => {
    let compared = 0;
    for (const feature of report.features) {
      for (const [test, expected] of Object.entries<Record<string, number>>(golden.features[feature.name].tests)) {
        const actual = (feature.tests as Record<string, Record<string, number>>)[test];
        expect(actual, `${feature.name} ${test}`).toBeDefined();
        for (const [field, value] of Object.entries(expected)) {
          if (field === 'pValue') expectPValue(actual[field], value);
          else expectClose(actual[field], value, 1e-9);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('the demo verdicts', () => {
  const feature = (name: string) => report.features.find((f) => f.name === name)!;

  it('flags the drifted features and leaves the stable ones', () => {
    for (const name of ['income', 'loan_amount', 'employment_type']) expect(feature(name).drifted, name).toBe(true);
    for (const name of ['age', 'credit_score']) expect(feature(name).drifted, name).toBe(false);
  });

  it('decides with the sample-size-aware auto rule and honours the per-feature override', () => {
    expect(feature('age').method).toBe('wasserstein');
    expect(feature('employment_type').method).toBe('jensenshannon');
    expect(feature('credit_score')).toMatchObject({
      method: 'psi',
      threshold: 0.2,
      methodReason: 'drift.features.credit_score.method',
    });
  });

  it('gives target, prediction and probability their own roles, after the features', () => {
    const roles = report.features.map((f) => f.role);
    expect(roles.slice(-3)).toEqual(['prediction', 'probability', 'target']);
    expect(feature('default').role).toBe('target');
  });

  it('computes the dataset share over input features only', () => {
    const inputs = report.features.filter((f) => f.role === 'feature');
    const drifted = inputs.filter((f) => f.drifted).length;
    expect(report.dataset).toMatchObject({
      features: inputs.length,
      driftedFeatures: drifted,
      share: drifted / inputs.length,
      threshold: 0.5,
    });
    expect(report.dataset.drifted).toBe(drifted / inputs.length >= 0.5);
  });

  it('keeps scores in [0, 1] and severity none exactly when not drifted', () => {
    for (const f of report.features) {
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(f.severity === 'none').toBe(!f.drifted);
    }
  });

  it('notes the numeric columns tested as categorical', () => {
    expect(report.notes.some((n) => n.includes("'num_accounts' has only 5 distinct values"))).toBe(true);
  });
});

describe('the report JSON', () => {
  const compile = reportValidator;

  it('validates against schemas/report.schema.json', () => {
    const validate = compile();
    const valid = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the schema when a required field is missing', () => {
    const validate = compile();
    const broken = JSON.parse(JSON.stringify(report));
    delete broken.features[0].drifted;
    expect(validate(broken)).toBe(false);
  });
});
