/**
 * No line of a report contradicts another (reportConsistency.ts): on the two demos, the risk
 * cases of test-fixtures/risk, and a battery of seeded generated cases; and the check catches
 * the contradictions earlier versions printed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analysis/analyze';
import { loadConfig } from '../../src/engine/config/load';
import type { Report } from '../../src/protocol/report';
import { contradictions } from '../reportConsistency';
import { mulberry32 } from '../../src/engine/stats/mulberry32.mjs';

const fixtures = new URL('../../../test-fixtures/', import.meta.url).pathname;
const RISK_CASES = ['stable', 'one-low', 'one-high-one-moderate', 'five-high', 'severe'];

const reports = new Map<string, Report>();
beforeAll(async () => {
  for (const demo of ['demo', 'demo-model'])
    reports.set(demo, await analyze(await loadConfig(join(fixtures, demo, 'drift.yaml'))));
  for (const name of RISK_CASES)
    reports.set(name, await analyze(await loadConfig(join(fixtures, 'risk', `${name}.drift.yaml`))));
});

describe('the demos and the risk cases', () => {
  it.each(['demo', 'demo-model', ...RISK_CASES])('%s contradicts itself nowhere', (name) => {
    expect(contradictions(reports.get(name)!)).toEqual([]);
  });
});

describe('seeded generated cases', () => {
  const cases = Array.from({ length: 12 }, (_, seed) => generatedCase(seed + 1));
  it.each(cases.map((c) => [c.label, c] as const))('%s', async (_, c) => {
    const report = await analyze(await loadConfig(c.write()));
    expect(contradictions(report)).toEqual([]);
  });
});

describe('the check catches what earlier versions printed', () => {
  const rules = (report: Report) => [...new Set(contradictions(report).map((c) => c.rule))].sort();

  it('"the inputs did not move past drift.share" while income and loan_amount drifted high (demo 1)', () => {
    const report = structuredClone(reports.get('demo')!);
    report.concept.diagnosis.explanation = [
      "Prediction drift: the probability column 'default_probability' of model moved.",
      'Concept drift: errors of model rose (error rate 16% → 19%) while the inputs did not move past drift.share 0.5: the relation between inputs and target changed.',
    ];
    expect(rules(report)).toEqual(['diagnosis', 'inputs-said-stable']);
    expect(contradictions(report).find((c) => c.rule === 'diagnosis')!.what).toBe(
      'the diagnosis does not name the drifted inputs income, loan_amount, employment_type',
    );
  });

  it('"No data, prediction or concept drift." while 5 of 11 features drifted high', () => {
    const report = structuredClone(reports.get('five-high')!);
    report.concept.diagnosis.explanation = ['No data, prediction or concept drift.'];
    expect(rules(report)).toEqual(['diagnosis', 'inputs-said-stable']);
  });

  it('"No retraining needed" over a reason that says retraining is blocked', () => {
    const report = structuredClone(reports.get('demo')!);
    report.retraining = {
      state: 'not-needed',
      retrain: false,
      priority: 'none',
      minRows: 1000,
      reasons: [
        'concept drift: errors rose while the inputs stayed within limits',
        'blocked: only 189 labelled current rows, fewer than retraining.min_rows = 1,000; collect more labels first',
      ],
    };
    expect(contradictions(report).filter((c) => c.rule === 'retraining')).toHaveLength(1);
  });

  it('a risk level of none over alerts, and a high one that its score does not earn', () => {
    const report = structuredClone(reports.get('one-low')!);
    // The former formula: one low drift of many features and no performance change gave 7/100, none.
    report.risk = { ...report.risk, score: 7, level: 'none' };
    expect(contradictions(report).map((c) => c.what)).toEqual([
      'risk 7 is level none, the levels give low',
      'risk level none with 1 alert',
      'risk 7, its components add up to 1.636',
    ]);
    report.risk = { ...reports.get('stable')!.risk, score: 100, level: 'high' };
    expect(rules(report)).toEqual(['risk']);
  });

  it('a dataset verdict that disagrees with the feature table', () => {
    const report = structuredClone(reports.get('five-high')!);
    report.dataset = { ...report.dataset, driftedFeatures: 4 };
    expect(rules(report)).toEqual(['headline']);
  });
});

interface GeneratedCase {
  label: string;
  /** Writes the case's files to a new folder and returns its config's path. */
  write(): string;
}

/**
 * One case: 3 to 12 input features (numerical and categorical), none, a quarter or most of
 * them shifted by 0.1 to 0.8 sd (or a category mix moved), 300 to 2,000 rows a side, and
 * in most cases a binary model whose error rate of 10–25% stays, or rises by 5 to 20 points.
 * retraining.min_rows is the default, so that some decisions are blocked for want of labels.
 */
function generatedCase(seed: number): GeneratedCase {
  const next = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const features = 3 + Math.floor(next() * 10);
  const rows = { reference: 300 + Math.floor(next() * 1700), current: 300 + Math.floor(next() * 1700) };
  // Without a model in a quarter of the cases; the errors rise by 5–20 points in every other.
  const withModel = seed % 4 !== 1;
  const errors = { reference: 0.1 + next() * 0.15, current: 0 };
  errors.current = errors.reference + (seed % 2 === 0 ? 0.05 + next() * 0.15 : 0);
  // By turns: no input shifted, a few, most; so that errors rise with inputs stable, with some, with many.
  const shiftChance = [0, 0.25, 0.8][seed % 3];
  const columns = Array.from({ length: features }, (_, i) => ({
    name: `x${i + 1}`,
    categorical: next() < 0.3,
    shift: next() < shiftChance ? 0.1 + next() * 0.7 : 0,
  }));
  const file = (side: 'reference' | 'current') => {
    const header = [...columns.map((c) => c.name), ...(withModel ? ['target', 'prediction', 'probability'] : [])];
    const lines = [header.join(',')];
    for (let row = 0; row < rows[side]; row++) {
      const shift = (c: (typeof columns)[number]) => (side === 'current' ? c.shift : 0);
      const cells = columns.map((c) =>
        c.categorical
          ? ['a', 'b', 'c'][Math.min(2, Math.floor((next() + shift(c) / 2) * 3))]
          : (gaussian() + shift(c)).toFixed(2),
      );
      if (withModel) {
        const target = next() < 0.3 ? 1 : 0;
        const prediction = next() < errors[side] ? 1 - target : target;
        const probability = Math.min(1, Math.max(0, (prediction ? 0.7 : 0.2) + 0.1 * gaussian()));
        cells.push(String(target), String(prediction), probability.toFixed(3));
      }
      lines.push(cells.join(','));
    }
    return lines.join('\n') + '\n';
  };
  const shifted = columns.filter((c) => c.shift > 0).length;
  return {
    label: `seed ${seed}: ${shifted} of ${features} features shifted, ${rows.reference} → ${rows.current} rows${withModel ? `, error rate ${errors.reference.toFixed(2)} → ${errors.current.toFixed(2)}` : ', no model'}`,
    write() {
      const dir = mkdtempSync(join(tmpdir(), 'drift-consistency-'));
      writeFileSync(join(dir, 'reference.csv'), file('reference'));
      writeFileSync(join(dir, 'current.csv'), file('current'));
      const model = withModel ? 'columns: { target: target, prediction: prediction, probability: probability }\n' : '';
      writeFileSync(join(dir, 'drift.yaml'), `reference: reference.csv\ncurrent: current.csv\n${model}`);
      return join(dir, 'drift.yaml');
    },
  };
}
