/**
 * Error-based concept drift: did a model's errors rise between the reference and the
 * current file, and, in time order, where did they start rising? (diagnosis.ts tells data
 * drift, prediction drift and concept drift apart.)
 */
import { adwin } from '../concept/adwin';
import { ddm } from '../concept/ddm';
import type { DetectorResult } from '../../protocol/report';
import { pageHinkley } from '../concept/pageHinkley';
import type { ModelColumns } from '../config/model';
import type { Table } from '../data/table';
import { pairedLabels } from '../performance/labels';
import type { ChangePoints, ErrorDrift } from '../../protocol/report';
import { ksTwoSample } from '../stats/ks';
import { pairwiseSum, pairwiseSumOfSquaredDeviations } from '../stats/pairwiseSum';
import { twoProportionZTest } from '../stats/zTest';
import { sortedValues } from '../analysis/numericalDrift';
import type { Column } from '../data/column';

/** A rise in errors is material from this many points of error rate … */
const MATERIAL_ERROR_RATE_RISE = 0.02;
/** … or this relative rise in mean absolute residual. */
const MATERIAL_RESIDUAL_RISE = 0.1;
const SIGNIFICANCE = 0.05;
/** Detections of two detectors this close (in rows) confirm one change. */
const AGREEMENT_WINDOW = 1000;

/** Per row: 1 for a wrong class, 0 for a right one, NaN where truth or prediction is missing. */
export function misclassifications(truth: Column, predicted: Column): Float64Array {
  const labels = pairedLabels(truth, predicted);
  const errors = new Float64Array(labels.truth.length);
  for (let row = 0; row < errors.length; row++) {
    const a = labels.truth[row];
    errors[row] = a < 0 ? NaN : a === labels.predicted[row] ? 0 : 1;
  }
  return errors;
}

/** Per row: prediction − target, NaN where either is missing. */
export function residuals(truth: Column, predicted: Column): Float64Array {
  const out = new Float64Array(truth.kind === 'numerical' ? truth.values.length : 0);
  if (truth.kind !== 'numerical' || predicted.kind !== 'numerical') return out;
  for (let row = 0; row < out.length; row++) out[row] = predicted.values[row] - truth.values[row];
  return out;
}

export interface TimeOrder {
  /** Current rows with a timestamp, in time order. */
  rows: Int32Array;
  /** Epoch milliseconds per current row. */
  times: Float64Array;
  /** The times of `rows`, in that order. */
  sorted: Float64Array;
}

/** The error series of one model on one file: 0/1 misclassifications or residuals. */
export function errorSeries(
  table: Table,
  target: string,
  model: ModelColumns,
  task: 'classification' | 'regression',
): Float64Array {
  const truth = table.columns.get(target)!;
  const predicted = table.columns.get(model.prediction)!;
  return task === 'classification' ? misclassifications(truth, predicted) : residuals(truth, predicted);
}

export function errorDrift(
  model: string,
  task: 'classification' | 'regression',
  referenceErrors: Float64Array,
  currentErrors: Float64Array,
  order: TimeOrder | null,
): ErrorDrift {
  const ref = present(referenceErrors);
  const cur = present(currentErrors);
  const changePoints = order ? detectChanges(task, currentErrors, order, ref) : [];
  const confirmed = confirmedChange(changePoints);
  const fired = confirmed !== null;
  if (task === 'classification') {
    const refWrong = sum(ref);
    const curWrong = sum(cur);
    const z = twoProportionZTest(refWrong, ref.length, curWrong, cur.length);
    const rise = curWrong / cur.length - refWrong / ref.length;
    return {
      model,
      error: 'misclassification',
      reference: { rows: ref.length, errorRate: refWrong / ref.length, meanAbsoluteError: null },
      current: { rows: cur.length, errorRate: curWrong / cur.length, meanAbsoluteError: null },
      test: { method: 'ztest', statistic: z.statistic, pValue: z.pValue },
      errorsRose: (z.pValue < SIGNIFICANCE && rise >= MATERIAL_ERROR_RATE_RISE) || fired,
      changePoints,
      confirmedChange: confirmed,
    };
  }
  const refAbs = sortedValues(ref.map(Math.abs));
  const curAbs = sortedValues(cur.map(Math.abs));
  const ks = ksTwoSample(refAbs, curAbs);
  const refMae = meanAbsolute(ref);
  const curMae = meanAbsolute(cur);
  return {
    model,
    error: 'residual',
    reference: { rows: ref.length, errorRate: null, meanAbsoluteError: refMae },
    current: { rows: cur.length, errorRate: null, meanAbsoluteError: curMae },
    test: { method: 'ks', statistic: ks.statistic, pValue: ks.pValue },
    errorsRose: (ks.pValue < SIGNIFICANCE && curMae >= refMae * (1 + MATERIAL_RESIDUAL_RISE)) || fired,
    changePoints,
    confirmedChange: confirmed,
  };
}

/**
 * Page–Hinkley as a one-sided CUSUM on errors standardized by the reference (z = (e − mean) / sd):
 * rises of a quarter of a standard deviation and more count (δ = 0.25), alarm at λ = 40.
 * Tuned so that 100,000 stationary Bernoulli(0.2) errors raise no alarm in 40 seeds while an
 * error rate going 0.2 → 0.36 is detected after a median of ~200 rows (see the README).
 */
const ERROR_PAGE_HINKLEY = { delta: 0.25, threshold: 40, mode: 'up' } as const;

/**
 * Streaming detectors over the current errors in time order. Misclassifications feed DDM
 * and ADWIN as they are; residuals feed ADWIN as |residual| / reference MAE, so the scale
 * does not depend on the target's units. Page–Hinkley sees both standardized by the reference.
 */
function detectChanges(
  task: 'classification' | 'regression',
  errors: Float64Array,
  order: TimeOrder,
  reference: Float64Array,
): ChangePoints[] {
  const magnitude = (e: number) => (task === 'regression' ? Math.abs(e) : e);
  const { mean, sd } = meanAndSd(reference.map(magnitude));
  const scale = task === 'regression' && mean > 0 ? mean : 1;
  const series: number[] = [];
  const standardized: number[] = [];
  const rowOf: number[] = [];
  for (const row of order.rows) {
    const e = errors[row];
    if (Number.isNaN(e)) continue;
    series.push(magnitude(e) / scale);
    standardized.push(sd > 0 ? (magnitude(e) - mean) / sd : 0);
    rowOf.push(row);
  }
  const results: DetectorResult[] = [
    ...(task === 'classification' ? [ddm(series)] : []),
    pageHinkley(standardized, ERROR_PAGE_HINKLEY),
    adwin(series),
  ];
  return results.map((result) => ({
    detector: result.detector,
    parameters: result.parameters,
    detections: result.detections.map((index) => ({ index, time: new Date(order.times[rowOf[index]]).toISOString() })),
    warnings: result.warnings.length,
  }));
}

function meanAndSd(values: Float64Array): { mean: number; sd: number } {
  const mean = pairwiseSum(values) / values.length;
  const sd = values.length > 1 ? Math.sqrt(pairwiseSumOfSquaredDeviations(values, mean) / (values.length - 1)) : 0;
  return { mean, sd };
}

/**
 * The first change two detectors agree on: the earliest detection that another detector
 * matched within the 1,000 positions before it (about the longest delay measured for DDM,
 * the slowest). Any single detector can raise a false alarm; two built on different
 * statistics rarely fire together by chance.
 */
function confirmedChange(changePoints: ChangePoints[]): ErrorDrift['confirmedChange'] {
  const all = changePoints
    .flatMap((c) => c.detections.map((d) => ({ ...d, detector: c.detector })))
    .sort((a, b) => a.index - b.index);
  for (const [i, d] of all.entries()) {
    const agreeing = all.slice(0, i).filter((e) => e.detector !== d.detector && d.index - e.index <= AGREEMENT_WINDOW);
    if (agreeing.length > 0)
      return {
        index: d.index,
        time: d.time,
        detectors: [...new Set([...agreeing.map((e) => e.detector), d.detector])],
      };
  }
  return null;
}

function present(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v));
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function meanAbsolute(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += Math.abs(v);
  return values.length ? total / values.length : NaN;
}
