/**
 * Model columns misread without a check, end to end on the fixtures of
 * test-fixtures/model-columns/generate.py: a class new in the current file is scored like
 * the reference and reported on its own; probabilities on a 0–100 scale, predictions that
 * share no label with the target, and a probability named as the prediction are errors
 * naming the file and the column, and the metric they would make meaningless is left out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { modelColumnProblems } from '../../../src/engine/performance/modelColumnProblems';
import { metricValues } from '../../../src/engine/monitoring/modelPerformance';
import type { ClassificationMetrics, Report } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';
import { numbers, texts } from '../performance/columns';

const fixtures = new URL('../../../../test-fixtures/model-columns/', import.meta.url).pathname;
const validate = reportValidator();

async function reportOf(folder: string): Promise<Report> {
  const report = await analyze(await loadConfig(`${fixtures}${folder}/drift.yaml`));
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

describe('a class that appears only in the current file', () => {
  it('leaves the current metrics binary, with the reference positive class, as on the reference', async () => {
    const report = await reportOf('new-class');
    const model = report.performance!.models[0];
    const current = model.current as ClassificationMetrics;
    expect(current.labels).toEqual(['0', '1', '2']);
    expect(current.classes).toEqual(['0', '1']);
    expect(current.positiveLabel).toBe('1');
    expect(current.precisionWeighted).toBeNull();
    // The positive class's own precision: true positives over the rows predicted '1', the
    // new class's among them; not a macro average over three labels.
    const predictedOne = current.confusionMatrix.reduce((sum, row) => sum + row[1], 0);
    expect(current.precision).toBe(current.confusionMatrix[1][1] / predictedOne);
    expect(current.precision).toBe(current.perClass[1].precision);
    expect(model.deltas.precision).toBeCloseTo(current.precision! - model.baseline.precision!, 12);
    expect(metricValues(current).precision).toBeGreaterThan(0.9);
  });

  it('is its own finding: rows, share, how the model predicted them, and an alert of its own severity', async () => {
    const report = await reportOf('new-class');
    const current = report.performance!.models[0].current as ClassificationMetrics;
    const newClasses = report.performance!.newClasses;
    expect(newClasses).toHaveLength(1);
    const [found] = newClasses;
    const rows = current.perClass[2].support;
    expect(found).toMatchObject({ column: 'churned', label: '2', rows, severity: 'moderate' });
    expect(found.share).toBe(rows / current.rows);
    const predicted = current.confusionMatrix[2];
    expect(found.predictions).toEqual([
      {
        model: 'model',
        predictedAs: [
          { label: '0', rows: predicted[0] },
          { label: '1', rows: predicted[1] },
        ].sort((a, b) => b.rows - a.rows),
      },
    ]);
    expect(found.message).toContain(`'2' on 7.5% of current rows (${rows} of ${current.rows})`);
    const alert = report.alerts.find((a) => a.kind === 'new-class');
    expect(alert).toMatchObject({ severity: 'moderate', subject: 'churned', message: found.message });
  });

  it('gives every file its own labels as classes when none are given (the reference)', async () => {
    const report = await reportOf('new-class');
    const reference = report.performance!.models[0].reference as ClassificationMetrics;
    expect(reference.classes).toEqual(reference.labels);
    expect(report.performance!.problems).toEqual([]);
  });
});

describe('a class that appears only in the current file, per time window', () => {
  it('scores each window over the reference classes, as the whole current file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'drift-new-class-windows-'));
    try {
      // The fixture's pair, each row given a day, and one window holding every current row.
      for (const name of ['reference.csv', 'current.csv']) {
        const [header, ...rows] = readFileSync(`${fixtures}new-class/${name}`, 'utf8').trimEnd().split('\n');
        writeFileSync(
          join(folder, name),
          [`${header},day`, ...rows.map((row) => `${row},2026-05-01`)].join('\n') + '\n',
        );
      }
      const yaml = readFileSync(`${fixtures}new-class/drift.yaml`, 'utf8').replace(
        'columns:\n',
        'columns:\n  timestamp: day\n',
      );
      writeFileSync(join(folder, 'drift.yaml'), `${yaml}windows: { every: 1mo }\n`);
      const report = await analyze(await loadConfig(join(folder, 'drift.yaml')));
      const current = report.performance!.models[0].current as ClassificationMetrics;
      const [window] = report.windows!.current;
      expect(window.performance!.precision).toBe(current.precision);
      expect(window.performance!.recall).toBe(current.recall);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('bad model columns', () => {
  it('probabilities on a 0–100 scale: an error naming each file and the column, and no log loss', async () => {
    const report = await reportOf('percent-probabilities');
    const { problems, models } = report.performance!;
    expect(problems.map((p) => [p.file, p.column, p.code, p.severity, p.skipped])).toEqual([
      ['reference.csv', 'probability', 'probabilities-out-of-range', 'error', ['logLoss']],
      ['current.csv', 'probability', 'probabilities-out-of-range', 'error', ['logLoss']],
    ]);
    expect(problems[1].message).toMatch(
      /^current\.csv, column 'probability': \d+ of 600 probabilities are outside 0–1 \(they range from 0 to 100\)\. If they are percentages, divide them by 100\./,
    );
    for (const file of [models[0].reference, models[0].current]) {
      expect(file.task === 'classification' && file.logLoss).toBeNull();
      // The ranking is unchanged by the scale: rocAuc stays, as sklearn computes it on any scores.
      expect(metricValues(file).rocAuc).toBeGreaterThan(0.9);
    }
  });

  it('predictions no/yes against a target 0/1: an error, and no accuracy 0', async () => {
    const report = await reportOf('word-predictions');
    const { problems, models } = report.performance!;
    expect(problems.map((p) => [p.file, p.column, p.code])).toEqual([
      ['reference.csv', 'prediction', 'prediction-labels-disjoint'],
      ['current.csv', 'prediction', 'prediction-labels-disjoint'],
    ]);
    expect(problems[1].message).toContain(
      "the predicted labels ('no', 'yes') share none with the target 'churned' ('0', '1')",
    );
    expect(problems[1].skipped).toEqual(['accuracy', 'precision', 'recall', 'f1']);
    const current = metricValues(models[0].current);
    expect(Object.keys(current).sort()).toEqual(['logLoss', 'rocAuc']);
    expect(report.performance!.findings).toEqual([]);
  });

  it('the probability column named as the prediction: an error, not hundreds of classes', async () => {
    const report = await reportOf('probability-as-prediction');
    const { problems, models } = report.performance!;
    expect(problems.map((p) => [p.file, p.column, p.role, p.code])).toEqual([
      ['reference.csv', 'score', 'prediction', 'prediction-not-labels'],
      ['current.csv', 'score', 'prediction', 'prediction-not-labels'],
    ]);
    expect(problems[0].message).toContain('Is it a probability? Name it under `probability`');
    const current = models[0].current as ClassificationMetrics;
    expect(current.labels).toEqual(['0', '1']);
    expect(current.confusionMatrix).toEqual([]);
    expect(metricValues(current)).toEqual({});
  });

  it('finds nothing in good columns: labels the target shares, probabilities in 0–1', () => {
    const problems = modelColumnProblems({
      model: 'm',
      file: 'current.csv',
      target: numbers([0, 1, 1, 0], 'churned'),
      predicted: texts(['0', '1', '0', '0'], 'pred'),
      probability: numbers([0, 1, 0.4, null], 'proba'),
      classes: ['0', '1'],
    });
    expect(problems).toEqual([]);
  });

  it('a class only predicted is no problem while some predictions are target labels', () => {
    const problems = modelColumnProblems({
      model: 'm',
      file: 'current.csv',
      target: numbers([0, 1, 1, 0], 'churned'),
      predicted: numbers([0, 2, 2, 2], 'pred'),
      probability: undefined,
    });
    expect(problems).toEqual([]);
  });
});
