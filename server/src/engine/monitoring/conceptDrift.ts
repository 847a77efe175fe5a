/**
 * Error-based concept drift: did a model's errors rise between the reference and the
 * current file, and, in time order, where did they start rising? (diagnosis.ts tells data
 * drift, prediction drift and concept drift apart.)
 */
import { adwin } from '../concept/adwin';
import { ddm } from '../concept/ddm';
import type { DetectorResult } from '../../protocol/report';
import { pageHinkley } from '../concept/pageHinkley';
import {
  adwinForRows,
  agreementRows,
  ddmForReference,
  FILE_TEST_LEVEL,
  MIN_AGREEMENT_ROWS,
  misclassificationPageHinkley,
  residualPageHinkley,
} from '../concept/alarmBudget';
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
  if (task === 'classification') {
    const refWrong = sum(ref);
    const curWrong = sum(cur);
    const file = errorRateTest(refWrong, ref.length, curWrong, cur.length);
    const changePoints = order
      ? detectChanges(misclassificationDetectors(refWrong, ref.length), currentErrors, order)
      : [];
    const confirmed = confirmedChange(changePoints, agreementRows(refWrong, ref.length));
    return {
      model,
      error: 'misclassification',
      reference: { rows: ref.length, errorRate: refWrong / ref.length, meanAbsoluteError: null },
      current: { rows: cur.length, errorRate: curWrong / cur.length, meanAbsoluteError: null },
      test: { method: 'ztest', statistic: file.statistic, pValue: file.pValue },
      errorsRose: file.rose || confirmed !== null,
      changePoints,
      confirmedChange: confirmed,
    };
  }
  const changePoints = order ? detectChanges(residualDetectors(ref), currentErrors, order) : [];
  const confirmed = confirmedChange(changePoints, MIN_AGREEMENT_ROWS);
  const file = residualTest(ref, cur);
  return {
    model,
    error: 'residual',
    reference: { rows: ref.length, errorRate: null, meanAbsoluteError: file.referenceMae },
    current: { rows: cur.length, errorRate: null, meanAbsoluteError: file.currentMae },
    test: { method: 'ks', statistic: file.statistic, pValue: file.pValue },
    errorsRose: file.rose || confirmed !== null,
    changePoints,
    confirmedChange: confirmed,
  };
}

/**
 * The file-level test of misclassifications: the two-proportion z-test, deciding one-sided at
 * FILE_TEST_LEVEL (the rise being positive, the two-sided p-value is twice the one-sided one),
 * and a rise of at least 2 points of error rate.
 */
export function errorRateTest(
  referenceErrors: number,
  referenceRows: number,
  currentErrors: number,
  currentRows: number,
): { statistic: number; pValue: number; rose: boolean } {
  const z = twoProportionZTest(referenceErrors, referenceRows, currentErrors, currentRows);
  const rise = currentErrors / currentRows - referenceErrors / referenceRows;
  return { ...z, rose: z.pValue < 2 * FILE_TEST_LEVEL && rise >= MATERIAL_ERROR_RATE_RISE };
}

/**
 * The file-level test of residuals: KS on the absolute residuals at FILE_TEST_LEVEL, and a rise
 * of the mean absolute error by at least 10% (which makes the two-sided test one-sided in effect).
 */
export function residualTest(
  reference: Float64Array,
  current: Float64Array,
): { statistic: number; pValue: number; referenceMae: number; currentMae: number; rose: boolean } {
  const ks = ksTwoSample(sortedValues(reference.map(Math.abs)), sortedValues(current.map(Math.abs)));
  const referenceMae = meanAbsolute(reference);
  const currentMae = meanAbsolute(current);
  return {
    ...ks,
    referenceMae,
    currentMae,
    rose: ks.pValue < FILE_TEST_LEVEL && currentMae >= referenceMae * (1 + MATERIAL_RESIDUAL_RISE),
  };
}

/** A streaming detector over the time-ordered current errors, after `transform`. */
export interface Detector {
  detector: DetectorResult['detector'];
  transform: (error: number) => number;
  run: (values: Float64Array) => DetectorResult;
}

/**
 * Misclassifications feed all three detectors as they are, 0 or 1, with thresholds set by the
 * reference error rate and the number of current rows (alarmBudget.ts).
 */
export function misclassificationDetectors(
  referenceErrors: number,
  referenceRows: number,
): (rows: number) => Detector[] {
  const identity = (e: number) => e;
  return (rows) => [
    { detector: 'ddm', transform: identity, run: (v) => ddm(v, ddmForReference(referenceErrors, referenceRows)) },
    {
      detector: 'page-hinkley',
      transform: identity,
      run: (v) => pageHinkley(v, misclassificationPageHinkley(referenceErrors, referenceRows, rows)),
    },
    { detector: 'adwin', transform: identity, run: (v) => adwin(v, adwinForRows(rows)) },
  ];
}

/**
 * Residuals feed Page–Hinkley as |residual| standardized by the reference (rises from a quarter
 * of a standard deviation count), and ADWIN as |residual| / reference MAE, so that neither
 * depends on the target's units.
 */
export function residualDetectors(reference: Float64Array): (rows: number) => Detector[] {
  const { mean, sd } = meanAndSd(reference.map(Math.abs));
  const scale = mean > 0 ? mean : 1;
  return (rows) => [
    {
      detector: 'page-hinkley',
      transform: (e) => (sd > 0 ? (Math.abs(e) - mean) / sd : 0),
      run: (v) => pageHinkley(v, residualPageHinkley(rows)),
    },
    { detector: 'adwin', transform: (e) => Math.abs(e) / scale, run: (v) => adwin(v, adwinForRows(rows)) },
  ];
}

/** Each detector over the current errors in time order, rows without an error left out. */
function detectChanges(
  detectors: (rows: number) => Detector[],
  errors: Float64Array,
  order: TimeOrder,
): ChangePoints[] {
  const rowOf = order.rows.filter((row) => !Number.isNaN(errors[row]));
  return detectors(rowOf.length).map(({ transform, run }) => {
    const values = new Float64Array(rowOf.length);
    for (let i = 0; i < rowOf.length; i++) values[i] = transform(errors[rowOf[i]]);
    const result = run(values);
    return {
      detector: result.detector,
      parameters: result.parameters,
      detections: result.detections.map((index) => ({
        index,
        time: new Date(order.times[rowOf[index]]).toISOString(),
      })),
      warnings: result.warnings.length,
    };
  });
}

function meanAndSd(values: Float64Array): { mean: number; sd: number } {
  const mean = pairwiseSum(values) / values.length;
  const sd = values.length > 1 ? Math.sqrt(pairwiseSumOfSquaredDeviations(values, mean) / (values.length - 1)) : 0;
  return { mean, sd };
}

/**
 * The first change two detectors agree on: the earliest detection that another detector
 * matched within the `window` positions before it. Any single detector can raise a false
 * alarm; two built on different statistics rarely fire together by chance.
 */
export function confirmedChange(
  changePoints: Pick<ChangePoints, 'detector' | 'detections'>[],
  window: number,
): ErrorDrift['confirmedChange'] {
  const all = changePoints
    .flatMap((c) => c.detections.map((d) => ({ ...d, detector: c.detector })))
    .sort((a, b) => a.index - b.index);
  for (const [i, d] of all.entries()) {
    const agreeing = all.slice(0, i).filter((e) => e.detector !== d.detector && d.index - e.index <= window);
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
