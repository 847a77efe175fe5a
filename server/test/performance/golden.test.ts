/**
 * The performance metrics on the CSV fixtures against scikit-learn 1.2.1
 * (test-fixtures/golden/performance.py wrote the fixtures and performance.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable';
import type { Column, NumericalColumn, Table } from '../../src/data/table';
import { classificationMetrics } from '../../src/performance/classification';
import { regressionMetrics } from '../../src/performance/regression';
import { expectClose } from '../stats/closeTo';

const golden = JSON.parse(readFileSync(new URL('../../../test-fixtures/golden/performance.json', import.meta.url), 'utf8'));
const fixtures = new URL('../../../test-fixtures/performance/', import.meta.url).pathname;
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
      const m = classificationMetrics(column(table, 'target'), column(table, 'prediction'), probability, {
        positiveClass: c.positiveClass ?? undefined,
      });
      const e = c.expected;
      expect(m.task).toBe('classification');
      expect(m.rows).toBe(e.rows);
      expect(m.skippedRows).toBe(e.skippedRows);
      expect(m.labels).toEqual(e.labels);
      expect(m.positiveLabel).toBe(e.positiveLabel);
      expect(m.positiveLabelReason === null).toBe(e.positiveLabel === null);
      expect(m.confusionMatrix).toEqual(e.confusionMatrix);
      expect(m.probabilityRowsSkipped).toBe(e.probabilityRowsSkipped);
      for (const name of ['accuracy', 'precision', 'recall', 'f1', 'precisionWeighted', 'recallWeighted', 'f1Weighted', 'rocAuc', 'logLoss'] as const) {
        expectMetric(m[name], e[name]);
      }
      expect(m.perClass.map((p) => [p.label, p.support])).toEqual(e.perClass.map((p: { label: string; support: number }) => [p.label, p.support]));
      m.perClass.forEach((p, i) => {
        expectClose(p.precision, e.perClass[i].precision, TOLERANCE);
        expectClose(p.recall, e.perClass[i].recall, TOLERANCE);
        expectClose(p.f1, e.perClass[i].f1, TOLERANCE);
      });
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
      expect([m.rows, m.skippedRows, m.mapeZeroTargetsSkipped]).toEqual([e.rows, e.skippedRows, e.mapeZeroTargetsSkipped]);
      for (const name of ['mae', 'rmse', 'r2', 'mape', 'meanError'] as const) expectMetric(m[name], e[name]);
    });
  }
});
