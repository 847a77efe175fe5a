/**
 * Model columns that cannot mean what the config says they mean, found before the metrics
 * are computed: a prediction that holds no class labels, a prediction that shares no label
 * with the target, probabilities outside 0–1. Each would make a metric meaningless rather
 * than merely poor (accuracy 0 from two label spellings, a log loss of 2.4 from a 0–100
 * scale, a macro average over hundreds of "classes"), so each is an error that names the
 * file and the column and leaves those metrics out, saying so.
 */
import type { Column, NumericalColumn } from '../data/column';
import type { MetricName, ModelColumnProblem } from '../../protocol/report';
import { andList, excerpt, formatCount, formatValue, plural } from '../../protocol/text';
import { classLabels, type ClassLabels } from './labels';

/** What a prediction that is not class labels makes meaningless. */
const LABEL_METRICS: MetricName[] = ['accuracy', 'precision', 'recall', 'f1'];
/** How many labels a message quotes. */
const QUOTED_LABELS = 4;

export interface ModelColumnsInFile {
  model: string;
  /** The file as the report names it. */
  file: string;
  target: Column;
  predicted: Column;
  probability: NumericalColumn | undefined;
  /** The reference's classes when this is another file; the target may take any of them. */
  classes?: string[];
}

/** The problems of one model's columns in one file of a classification; none is the usual case. */
export function modelColumnProblems(columns: ModelColumnsInFile): ModelColumnProblem[] {
  const problems: ModelColumnProblem[] = [];
  const labels = predictionNotLabels(columns) ?? predictionLabelsDisjoint(columns);
  if (labels) problems.push(labels);
  const range = probabilitiesOutOfRange(columns);
  if (range) problems.push(range);
  return problems;
}

/** Whether a problem leaves out these metrics. */
export function skips(problems: ModelColumnProblem[], metric: MetricName): boolean {
  return problems.some((problem) => problem.skipped.includes(metric));
}

/**
 * Fractions in the prediction while the target holds whole numbers or text: scores, most
 * likely the probability column named as the prediction. Read as labels, every distinct
 * score would be a class.
 */
function predictionNotLabels({ model, file, target, predicted }: ModelColumnsInFile): ModelColumnProblem | null {
  if (predicted.kind !== 'numerical' || hasFraction(target)) return null;
  const values = predicted.values;
  let fraction: number | undefined;
  let inUnitRange = true;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    if (fraction === undefined && !Number.isInteger(value)) fraction = value;
    if (value < 0 || value > 1) inUnitRange = false;
  }
  if (fraction === undefined) return null;
  const distinct = new Set(values.filter((value) => !Number.isNaN(value))).size;
  const hint = inUnitRange
    ? `Is it a probability? Name it under \`probability\`, and the predicted class under \`prediction\``
    : 'Name the predicted class under `prediction`';
  return {
    ...at(model, file, predicted.name, 'prediction'),
    code: 'prediction-not-labels',
    message: `${file}, column '${predicted.name}': the prediction holds fractions (such as ${formatValue(fraction)}; ${plural(distinct, 'distinct value')}), not class labels like the target '${target.name}' holds. ${hint}. ${skippedSentence(LABEL_METRICS)}`,
    skipped: LABEL_METRICS,
  };
}

/** Predicted labels and the target's classes (this file's and the reference's) have none in common: `no`/`yes` against `0`/`1`. */
function predictionLabelsDisjoint({
  model,
  file,
  target,
  predicted,
  classes,
}: ModelColumnsInFile): ModelColumnProblem | null {
  const truthLabels = classLabels(target);
  const predictedLabels = classLabels(predicted);
  const truth = usedLabels(truthLabels, predictedLabels.codes);
  const prediction = usedLabels(predictedLabels, truthLabels.codes);
  if (truth.length === 0 || prediction.length === 0) return null;
  const targetClasses = new Set([...truth, ...(classes ?? [])]);
  if (prediction.some((label) => targetClasses.has(label))) return null;
  return {
    ...at(model, file, predicted.name, 'prediction'),
    code: 'prediction-labels-disjoint',
    message: `${file}, column '${predicted.name}': the predicted labels (${quoted(prediction)}) share none with the target '${target.name}' (${quoted([...targetClasses])}), so every row would count as wrong. Write the prediction with the target's labels. ${skippedSentence(LABEL_METRICS)}`,
    skipped: LABEL_METRICS,
  };
}

/** Probabilities below 0 or above 1, as on a 0–100 scale: log loss clips them to 0 and 1 and means nothing. */
function probabilitiesOutOfRange({ model, file, probability }: ModelColumnsInFile): ModelColumnProblem | null {
  if (!probability) return null;
  let outside = 0;
  let present = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of probability.values) {
    if (Number.isNaN(value)) continue;
    present++;
    if (value < 0 || value > 1) outside++;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (outside === 0) return null;
  const percentages = min >= 0 && max <= 100 ? ' If they are percentages, divide them by 100.' : '';
  return {
    ...at(model, file, probability.name, 'probability'),
    code: 'probabilities-out-of-range',
    message: `${file}, column '${probability.name}': ${formatCount(outside)} of ${formatCount(present)} probabilities are outside 0–1 (they range from ${formatValue(min)} to ${formatValue(max)}).${percentages} ${skippedSentence(['logLoss'])} rocAuc, which reads only their order, is kept.`,
    skipped: ['logLoss'],
  };
}

function at(model: string, file: string, column: string, role: ModelColumnProblem['role']) {
  return { model, file, column, role, severity: 'error' as const };
}

function skippedSentence(metrics: MetricName[]): string {
  return `${andList(metrics)} ${metrics.length === 1 ? 'is' : 'are'} left out on this file.`;
}

/** Whether a numerical column holds a value that is not a whole number; text never does. */
function hasFraction(column: Column): boolean {
  return column.kind === 'numerical' && column.values.some((value) => !Number.isNaN(value) && !Number.isInteger(value));
}

/** The labels a column takes on the rows where the other column is present too, as the metrics read them. */
function usedLabels({ codes, labels }: ClassLabels, otherCodes: Int32Array): string[] {
  const used = new Uint8Array(labels.length);
  for (let row = 0; row < codes.length; row++) if (codes[row] >= 0 && otherCodes[row] >= 0) used[codes[row]] = 1;
  return labels.filter((_, code) => used[code]);
}

/** `'no', 'yes'`, or the first few and how many more. */
function quoted(labels: string[]): string {
  const shown = labels.slice(0, QUOTED_LABELS).map((label) => `'${excerpt(label)}'`);
  if (labels.length > QUOTED_LABELS) shown.push(`${formatCount(labels.length - QUOTED_LABELS)} more`);
  return shown.join(', ');
}
