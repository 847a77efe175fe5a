/**
 * The performance metrics on the CSV fixtures against scikit-learn 1.2.1
 * (test-fixtures/golden/performance.py wrote the fixtures and performance.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/engine/data/readTable';
import type { Table } from '../../../src/engine/data/table';
import { classificationMetrics } from '../../../src/engine/performance/classification';
import { pairedLabels } from '../../../src/engine/performance/labels';
import { regressionMetrics } from '../../../src/engine/performance/regression';
import { rocCurve } from '../../../src/engine/performance/rocAuc';
import { expectClose } from '../stats/closeTo';
import type { Column, NumericalColumn } from '../../../src/engine/data/column';

const golden = JSON.parse(
  readFileSync(new URL('../../../../test-fixtures/golden/performance.json', import.meta.url), 'utf8'),
);
const fixtures = new URL('../../../../test-fixtures/performance/', import.meta.url).pathname;
const TOLERANCE = 1e-9;

function read(file: string): Promise<Table> {
  return readTable(fixtures + file, { displayPath: file, kinds: new Map(), requiredColumns: [] });
}

function column(table: Table, name: string): Column {
  const found = table.columns.get(name);
  if (!found) throw new Error(`${table.path} has no column '${name}'`);
  return found;
}

function numerical(table: Table, name: string): NumericalColumn {
  const found = column(table, name);
  if (found.kind !== 'numerical') throw new Error(`${table.path}: '${name}' is not numerical`);
  return found;
}

/** A number to 1e-9 (relative above 1), or exactly null. */
function expectMetric(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expectClose(actual as number, expected, TOLERANCE);
}

describe('classificationMetrics = sklearn.metrics on the fixtures', () => {
  for (const c of golden.classification) {
    it(c.name, async () => {
      const table = await read(c.file);
      const probability = table.columns.has('probability') ? numerical(table, 'probability') : undefined;
      // A file scored like a reference is given the reference's classes, as the analysis gives them.
      const m = classificationMetrics(column(table, 'target'), column(table, 'prediction'), probability, {
        positiveClass: c.positiveClass ?? undefined,
        classes: c.classes ?? undefined,
      });
      const e = c.expected;
      expect(m.task).toBe('classification');
      expect(m.rows).toBe(e.rows);
      expect(m.skippedRows).toBe(e.skippedRows);
      expect(m.labels).toEqual(e.labels);
      expect(m.classes).toEqual(e.classes ?? e.labels);
      expect(m.positiveLabel).toBe(e.positiveLabel);
      expect(m.positiveLabelReason === null).toBe(e.positiveLabel === null);
      expect(m.confusionMatrix).toEqual(e.confusionMatrix);
      expect(m.probabilityRowsSkipped).toBe(e.probabilityRowsSkipped);
      expect(m.rocCurve === null).toBe(e.rocCurve === null);
      for (const name of [
        'accuracy',
        'precision',
        'recall',
        'f1',
        'precisionWeighted',
        'recallWeighted',
        'f1Weighted',
        'rocAuc',
        'logLoss',
      ] as const) {
        expectMetric(m[name], e[name]);
      }
      expect(m.perClass.map((p) => [p.label, p.support])).toEqual(
        e.perClass.map((p: { label: string; support: number }) => [p.label, p.support]),
      );
      m.perClass.forEach((p, i) => {
        expectClose(p.precision, e.perClass[i].precision, TOLERANCE);
        expectClose(p.recall, e.perClass[i].recall, TOLERANCE);
        expectClose(p.f1, e.perClass[i].f1, TOLERANCE);
      });
    });
  }
});

/** rocAuc.ts ROC_STEP (not exported): the least move, on either axis, between two drawn points. */
const ROC_STEP = 0.01;
/** How close a drawn point must be to one of sklearn's. */
const ROC_POINT_TOLERANCE = 1e-12;

interface Curve {
  fpr: number[];
  tpr: number[];
}

/**
 * The scores of the rows with both labels and a probability, split by truth and sorted
 * ascending, as classification.ts `probabilityMetrics` passes them to rocCurve.
 */
function sortedScores(table: Table, positiveLabel: string): { negatives: Float64Array; positives: Float64Array } {
  const paired = pairedLabels(column(table, 'target'), column(table, 'prediction'));
  const positive = paired.labels.indexOf(positiveLabel);
  const probability = numerical(table, 'probability').values;
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let row = 0; row < paired.truth.length; row++) {
    if (paired.truth[row] < 0 || Number.isNaN(probability[row])) continue;
    (paired.truth[row] === positive ? positives : negatives).push(probability[row]);
  }
  return { negatives: Float64Array.from(negatives).sort(), positives: Float64Array.from(positives).sort() };
}

/** `curve` thinned as rocCurve documents: first and last point kept, another when it moves ≥ ROC_STEP from the last kept. */
function thinned(curve: Curve): Curve {
  const fpr = [curve.fpr[0]];
  const tpr = [curve.tpr[0]];
  const last = curve.fpr.length - 1;
  for (let i = 1; i <= last; i++) {
    if (
      i === last ||
      curve.fpr[i] - fpr[fpr.length - 1] >= ROC_STEP ||
      curve.tpr[i] - tpr[tpr.length - 1] >= ROC_STEP
    ) {
      fpr.push(curve.fpr[i]);
      tpr.push(curve.tpr[i]);
    }
  }
  return { fpr, tpr };
}

function samePoint(curve: Curve, i: number, reference: Curve, j: number): boolean {
  return (
    Math.abs(curve.fpr[i] - reference.fpr[j]) <= ROC_POINT_TOLERANCE &&
    Math.abs(curve.tpr[i] - reference.tpr[j]) <= ROC_POINT_TOLERANCE
  );
}

describe('rocCurve = sklearn roc_curve(drop_intermediate=False), thinned, on the fixtures', () => {
  for (const c of golden.classification.filter(
    (c: { expected: { rocCurve: Curve | null } }) => c.expected.rocCurve !== null,
  )) {
    it(c.name, async () => {
      const table = await read(c.file);
      const expected: Curve = c.expected.rocCurve;
      const { negatives, positives } = sortedScores(table, c.expected.positiveLabel);
      const curve = rocCurve(negatives, positives);
      if (curve === null) throw new Error('rocCurve returned null');
      const n = curve.fpr.length;
      const last = expected.fpr.length - 1;
      expect(curve.tpr).toHaveLength(n);

      // Starts at (0, 0), sklearn's threshold-inf point, and ends at sklearn's last point.
      expect([curve.fpr[0], curve.tpr[0]]).toEqual([0, 0]);
      expect([expected.fpr[0], expected.tpr[0]]).toEqual([0, 0]);
      expect(samePoint(curve, n - 1, expected, last), `last point (${curve.fpr[n - 1]}, ${curve.tpr[n - 1]})`).toBe(
        true,
      );

      // Every point is one of sklearn's, in sklearn's order (each later than the one before).
      let j = -1;
      for (let i = 0; i < n; i++) {
        do j++;
        while (j <= last && !samePoint(curve, i, expected, j));
        expect(
          j,
          `point ${i} (${curve.fpr[i]}, ${curve.tpr[i]}) is not one of sklearn's, after the previous`,
        ).toBeLessThanOrEqual(last);
      }

      // The thinning rule applied to sklearn's points gives the same curve; with no two consecutive
      // points of sklearn's closer than ROC_STEP, that is sklearn's curve itself.
      const spread = expected.fpr.every(
        (x, i) => i === 0 || x - expected.fpr[i - 1] >= ROC_STEP || expected.tpr[i] - expected.tpr[i - 1] >= ROC_STEP,
      );
      const reference = spread ? expected : thinned(expected);
      expect(n).toBe(reference.fpr.length);
      for (let i = 0; i < n; i++) expect(samePoint(curve, i, reference, i), `point ${i}`).toBe(true);

      // classificationMetrics reports this same curve.
      const probability = numerical(table, 'probability');
      const m = classificationMetrics(column(table, 'target'), column(table, 'prediction'), probability, {
        positiveClass: c.positiveClass ?? undefined,
        classes: c.classes ?? undefined,
      });
      expect(m.rocCurve).toEqual(curve);
    });
  }
});

describe('regressionMetrics = sklearn.metrics on the fixtures', () => {
  for (const c of golden.regression) {
    it(c.name, async () => {
      const table = await read(c.file);
      const m = regressionMetrics(numerical(table, 'target'), numerical(table, 'prediction'));
      const e = c.expected;
      expect(m.task).toBe('regression');
      expect([m.rows, m.skippedRows, m.mapeZeroTargetsSkipped]).toEqual([
        e.rows,
        e.skippedRows,
        e.mapeZeroTargetsSkipped,
      ]);
      for (const name of ['mae', 'rmse', 'r2', 'mape', 'meanError'] as const) expectMetric(m[name], e[name]);
    });
  }
});
