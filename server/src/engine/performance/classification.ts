/**
 * Classification metrics of one prediction column (and optionally the probability of the
 * positive class) against the truth, as scikit-learn 1.2.1 computes them.
 */
import { InputError } from '../inputError';
import { pairwiseSum } from '../stats/pairwiseSum';
import { classLabels, pairedLabels, positiveLabel, type PairedLabels } from './labels';
import { binaryLogLoss } from './logLoss';
import { rocAuc, rocCurve } from './rocAuc';
import type { ClassMetrics, ClassificationMetrics } from '../../protocol/report';
import type { Column, NumericalColumn } from '../data/column';
import { formatCount } from '../../protocol/text';

/**
 * More classes than this are surely a numeric target taken for classes; the confusion
 * matrix alone would have a million cells.
 */
const MAX_CLASSES = 1000;

/**
 * The metrics of `predicted` against `truth` on the rows where both are present, labels as
 * labels.ts normalizes them. Reference (scikit-learn 1.2.1, `labels` = the sorted union):
 * - accuracy: `accuracy_score`; confusionMatrix: `confusion_matrix(labels=labels)`;
 * - precision, recall, f1: `precision_score` / `recall_score` / `f1_score` with
 *   zero_division=0 and average='binary', pos_label=positiveLabel (at most 2 classes) or
 *   average='macro' (more), the weighted ones with average='weighted'; perClass with
 *   average=None. F1 is 2·P·R / (P + R) from the rounded P and R, as sklearn computes it;
 * - rocAuc: `roc_auc_score(truth == positive, probability)` (see rocAuc.ts) and logLoss:
 *   `log_loss(truth == positive, probability)` (see logLoss.ts), on the used rows whose
 *   probability is present.
 *
 * `options.classes` scores a file like another one (the current file like the reference):
 * the averages are over those classes only, as sklearn's `labels=classes` gives them, with
 * the positive class chosen among them; the labels of the file outside them (a new class)
 * still count in accuracy, the confusion matrix and perClass, and a row whose truth is one
 * of them is a negative for the positive class. Without it the classes are `labels`.
 * (sklearn refuses average='binary' once a third label occurs; the binary scores are then
 * the positive class's own, average=None.)
 *
 * `options.labelMetrics: false` (a prediction column that holds no class labels; see
 * modelColumnProblems.ts) leaves accuracy, precision, recall and f1 null and the prediction
 * unread: only the probability metrics are computed, over the rows with a truth.
 * `options.logLoss: false` (probabilities outside 0–1) leaves logLoss null.
 *
 * No used rows: accuracy, precision, recall and f1 are NaN (sklearn raises or warns).
 * A positive class absent from the data scores 0, as with sklearn's zero_division=0.
 * `options.positiveClass` and `probability` are not used with more than two classes.
 */
export function classificationMetrics(
  truth: Column,
  predicted: Column,
  probability: NumericalColumn | undefined,
  options: { positiveClass?: string; classes?: string[]; labelMetrics?: boolean; logLoss?: boolean },
): ClassificationMetrics {
  const labelMetrics = options.labelMetrics ?? true;
  const paired = labelMetrics ? pairedLabels(truth, predicted) : null;
  // Without label metrics the prediction is not read: the truth's labels, on the rows that have one.
  const { codes, labels } = paired ? { codes: paired.truth, labels: paired.labels } : classLabels(truth);
  const k = labels.length;
  if (k > MAX_CLASSES) {
    throw new InputError(
      `'${truth.name}' and '${predicted.name}' hold ${formatCount(k)} distinct labels; classification metrics take at most ${formatCount(MAX_CLASSES)} classes. Is the target a number to regress on (task: regression)?`,
    );
  }
  const scores = paired ? labelScores(paired) : null;
  const rows = scores?.rows ?? usedRows(codes);
  const perClass = scores?.perClass ?? [];

  const classes = options.classes ?? labels;
  const binary = classes.length >= 1 && classes.length <= 2;
  const positive = binary ? positiveLabel(classes, options.positiveClass) : null;
  const scored = classes.map((label) => perClass.find((m) => m.label === label) ?? absentClass(label));
  const averages = !scores
    ? LEFT_OUT
    : rows === 0
      ? NO_ROWS
      : positive
        ? positiveClassScores(perClass, positive.label)
        : macroAverages(scored);
  const weighted = binary || rows === 0 || !scores ? null : weightedAverages(scored);
  const probabilityScores =
    positive && probability ? probabilityMetrics(codes, labels.indexOf(positive.label), probability.values) : null;

  return {
    task: 'classification',
    rows,
    skippedRows: codes.length - rows,
    labels,
    classes,
    positiveLabel: positive?.label ?? null,
    positiveLabelReason: positive?.reason ?? null,
    accuracy: scores ? scores.accuracy : null,
    ...averages,
    precisionWeighted: weighted?.precision ?? null,
    recallWeighted: weighted?.recall ?? null,
    f1Weighted: weighted?.f1 ?? null,
    rocAuc: probabilityScores?.rocAuc ?? null,
    rocCurve: probabilityScores?.rocCurve ?? null,
    logLoss: (options.logLoss ?? true) ? (probabilityScores?.logLoss ?? null) : null,
    probabilityRowsSkipped: probabilityScores?.skipped ?? 0,
    confusionMatrix: scores?.confusionMatrix ?? [],
    perClass,
  };
}

/** What the predicted labels give: the confusion matrix, the per-class scores and accuracy (NaN without rows). */
function labelScores({ truth, predicted, labels }: PairedLabels): {
  rows: number;
  accuracy: number;
  perClass: ClassMetrics[];
  confusionMatrix: number[][];
} {
  const k = labels.length;
  const counts = confusionCounts(truth, predicted, k);
  const rows = counts.reduce((sum, count) => sum + count, 0);
  const correct = labels.reduce((sum, _, c) => sum + counts[c * k + c], 0);
  return {
    rows,
    accuracy: rows === 0 ? Number.NaN : correct / rows,
    perClass: classScores(counts, labels),
    confusionMatrix: labels.map((_, t) => Array.from(counts.subarray(t * k, (t + 1) * k))),
  };
}

/** Rows with a truth label. */
function usedRows(codes: Int32Array): number {
  let rows = 0;
  for (const code of codes) if (code >= 0) rows++;
  return rows;
}

/** A class of the reference that this file does not hold: no support, never predicted. */
function absentClass(label: string): ClassMetrics {
  return { label, ...scoresOf(0, 0, 0), support: 0 };
}

type Scores = Pick<ClassMetrics, 'precision' | 'recall' | 'f1'>;

const NO_ROWS: Scores = { precision: Number.NaN, recall: Number.NaN, f1: Number.NaN };
const LEFT_OUT = { precision: null, recall: null, f1: null };

/** The confusion matrix, row-major k × k, over rows where both codes are present. */
function confusionCounts(truth: Int32Array, predicted: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k * k);
  for (let row = 0; row < truth.length; row++) {
    if (truth[row] >= 0) counts[truth[row] * k + predicted[row]]++;
  }
  return counts;
}

/** Per class: precision = TP / predicted, recall = TP / support, 0 where the divisor is 0. */
function classScores(counts: Float64Array, labels: string[]): ClassMetrics[] {
  const k = labels.length;
  return labels.map((label, c) => {
    let support = 0;
    let predictedCount = 0;
    for (let other = 0; other < k; other++) {
      support += counts[c * k + other];
      predictedCount += counts[other * k + c];
    }
    const truePositives = counts[c * k + c];
    return { label, ...scoresOf(truePositives, predictedCount, support), support };
  });
}

function scoresOf(truePositives: number, predictedCount: number, support: number): Scores {
  const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
  const recall = support === 0 ? 0 : truePositives / support;
  const sum = precision + recall;
  return { precision, recall, f1: (2 * precision * recall) / (sum === 0 ? 1 : sum) };
}

/** average='binary': the positive class's scores, all 0 when it does not occur. */
function positiveClassScores(perClass: ClassMetrics[], positive: string): Scores {
  const scores = perClass.find((m) => m.label === positive) ?? scoresOf(0, 0, 0);
  return { precision: scores.precision, recall: scores.recall, f1: scores.f1 };
}

/** average='macro': the unweighted mean over all labels (`numpy.average`). */
function macroAverages(perClass: ClassMetrics[]): Scores {
  const mean = (pick: (m: ClassMetrics) => number) => pairwiseSum(Float64Array.from(perClass, pick)) / perClass.length;
  return { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) };
}

/** average='weighted': `numpy.average(scores, weights=support)`. */
function weightedAverages(perClass: ClassMetrics[]): Scores {
  const totalSupport = pairwiseSum(Float64Array.from(perClass, (m) => m.support));
  const mean = (pick: (m: ClassMetrics) => number) =>
    pairwiseSum(Float64Array.from(perClass, (m) => pick(m) * m.support)) / totalSupport;
  return { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) };
}

/**
 * rocAuc, the ROC curve and logLoss on the used rows (truth code ≥ 0) whose probability is
 * present; all null when those rows hold only one class of the truth.
 */
function probabilityMetrics(
  truth: Int32Array,
  positive: number,
  probability: Float64Array,
): {
  rocAuc: number | null;
  rocCurve: { fpr: number[]; tpr: number[] } | null;
  logLoss: number | null;
  skipped: number;
} {
  let used = 0;
  let positives = 0;
  let skipped = 0;
  for (let row = 0; row < truth.length; row++) {
    if (truth[row] < 0) continue;
    if (Number.isNaN(probability[row])) skipped++;
    else {
      used++;
      if (truth[row] === positive) positives++;
    }
  }
  if (positives === 0 || positives === used) return { rocAuc: null, rocCurve: null, logLoss: null, skipped };

  const scores = new Float64Array(used);
  const isPositive = new Uint8Array(used);
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(used - positives);
  let p = 0;
  let n = 0;
  let i = 0;
  for (let row = 0; row < truth.length; row++) {
    const score = probability[row];
    if (truth[row] < 0 || Number.isNaN(score)) continue;
    scores[i] = score;
    if (truth[row] === positive) {
      isPositive[i] = 1;
      positiveScores[p++] = score;
    } else negativeScores[n++] = score;
    i++;
  }
  negativeScores.sort();
  positiveScores.sort();
  return {
    rocAuc: rocAuc(negativeScores, positiveScores),
    rocCurve: rocCurve(negativeScores, positiveScores),
    logLoss: binaryLogLoss(scores, isPositive),
    skipped,
  };
}
