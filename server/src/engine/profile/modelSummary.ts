/**
 * What a profile keeps of each model of the config, on the reference: the reference metrics
 * as the report computes them (monitoring/modelPerformance.ts), and what later comparisons
 * need beyond them: for a classifier, the rows per (target, prediction) pair of labels and,
 * with a probability column, the calibration bins; for a regression, the stream of absolute
 * errors.
 */
import type { DriftConfig } from '../config/model';
import type { Column } from '../data/column';
import type { Table } from '../data/table';
import { modelMetricsOn } from '../monitoring/modelPerformance';
import { classLabels, pairedLabels } from '../performance/labels';
import { inferTask } from '../performance/task';
import { NumberSummaryBuilder } from './numberSummary';
import type { ProfileModel, SketchParameters } from './profileFormat';

/** Equal-width bins of predicted probability over [0, 1]. */
const CALIBRATION_BINS = 10;

export function modelSummaries(config: DriftConfig, table: Table, sketches: SketchParameters): ProfileModel[] {
  const target = config.columns.target;
  if (target === undefined || config.models.length === 0) return [];
  const truth = table.columns.get(target)!;
  const task = config.task ?? inferTask(truth).task;
  return config.models.map((model, i) => {
    const metrics = modelMetricsOn(table, target, model, task, config.performance.positiveClass);
    const predicted = table.columns.get(model.prediction)!;
    const summary: ProfileModel = {
      name: model.name,
      prediction: model.prediction,
      probability: model.probability ?? null,
      target,
      task,
      metrics: metrics as unknown as Record<string, unknown>,
    };
    if (metrics.task === 'regression') {
      summary.absoluteErrors = absoluteErrors(truth, predicted, sketches, i + 1);
      return summary;
    }
    summary.joint = jointCounts(truth, predicted);
    const probability = model.probability === undefined ? undefined : table.columns.get(model.probability);
    if (probability?.kind === 'numerical' && metrics.positiveLabel !== null)
      summary.calibration = calibration(truth, probability.values, metrics.positiveLabel);
    return summary;
  });
}

function jointCounts(truth: Column, predicted: Column): NonNullable<ProfileModel['joint']> {
  const paired = pairedLabels(truth, predicted);
  const counts = paired.labels.map(() => paired.labels.map(() => 0));
  for (let row = 0; row < paired.truth.length; row++)
    if (paired.truth[row] >= 0) counts[paired.truth[row]][paired.predicted[row]]++;
  return { labels: paired.labels, counts };
}

/** Rows with a target and a probability, per bin of the probability (clamped into [0, 1]), and those whose target is `positive`. */
function calibration(
  truth: Column,
  probabilities: Float64Array,
  positive: string,
): NonNullable<ProfileModel['calibration']> {
  const { codes, labels } = classLabels(truth);
  const positiveCode = labels.indexOf(positive);
  const rows = new Array<number>(CALIBRATION_BINS).fill(0);
  const positives = new Array<number>(CALIBRATION_BINS).fill(0);
  for (let row = 0; row < probabilities.length; row++) {
    const p = probabilities[row];
    if (p !== p || codes[row] < 0) continue;
    const bin = Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(p * CALIBRATION_BINS)));
    rows[bin]++;
    if (codes[row] === positiveCode) positives[bin]++;
  }
  const edges = Array.from({ length: CALIBRATION_BINS + 1 }, (_, i) => i / CALIBRATION_BINS);
  return { edges, rows, positives };
}

function absoluteErrors(truth: Column, predicted: Column, sketches: SketchParameters, seed: number) {
  const errors = new NumberSummaryBuilder(sketches.exactNumbers, sketches.kllK, seed);
  if (truth.kind === 'numerical' && predicted.kind === 'numerical') {
    for (let row = 0; row < truth.values.length; row++) {
      const error = Math.abs(truth.values[row] - predicted.values[row]);
      if (error === error) errors.add(error);
    }
  }
  return errors.finish();
}
