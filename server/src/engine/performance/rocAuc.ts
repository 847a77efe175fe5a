import { forEachTieGroup } from '../stats/tieGroups';

/**
 * Area under the ROC curve of a binary classifier's scores:
 * `sklearn.metrics.roc_auc_score(y_true, y_score)` (scikit-learn 1.2.1).
 *
 * As sklearn does, the ROC curve has one point per distinct score, taken as a threshold from
 * the highest down: (false positives, true positives) among the rows scoring at least it, so
 * tied scores move both counts at once. The area is the trapezoid rule on those points
 * (sklearn's `auc`), summed here in whole counts and divided once by 2·N·P, so the result is
 * exact up to that one rounding. That equals the probability that a random positive outscores
 * a random negative, ties counting a half (the Mann–Whitney U / (N·P)).
 *
 * Both inputs must be sorted ascending and free of NaN; O(N + P) after the caller's sort.
 * NaN when either is empty (sklearn raises: "Only one class present in y_true").
 */
export function rocAuc(sortedNegativeScores: Float64Array, sortedPositiveScores: Float64Array): number {
  const negatives = sortedNegativeScores.length;
  const positives = sortedPositiveScores.length;
  if (negatives === 0 || positives === 0) return Number.NaN;
  let twiceArea = 0;
  forEachTieGroup(
    sortedNegativeScores,
    sortedPositiveScores,
    (negativeStart, negativeEnd, positiveStart, positiveEnd) => {
      // Scores above this group's: P − positiveEnd true positives before it, P − positiveStart after.
      twiceArea += (negativeEnd - negativeStart) * (2 * positives - positiveEnd - positiveStart);
    },
  );
  return twiceArea / (2 * negatives * positives);
}

/** The smallest step, on either axis, between two drawn points of a ROC curve. */
const ROC_STEP = 0.01;

/**
 * The ROC curve for drawing: the false and true positive rates with each distinct score as
 * the threshold, from the highest down, after (0, 0), as
 * `sklearn.metrics.roc_curve(y_true, y_score, drop_intermediate=False)` gives them. Thinned to
 * keep the report small: a point is kept when it moves at least ROC_STEP from the last kept one
 * on either axis (so at most about 2 / ROC_STEP points), and (1, 1) always is.
 *
 * Same inputs as rocAuc; null when either is empty.
 */
export function rocCurve(
  sortedNegativeScores: Float64Array,
  sortedPositiveScores: Float64Array,
): { fpr: number[]; tpr: number[] } | null {
  const negatives = sortedNegativeScores.length;
  const positives = sortedPositiveScores.length;
  if (negatives === 0 || positives === 0) return null;
  // One point per tie group, lowest score first: the rows scoring at least the group's score.
  const falsePositives = new Float64Array(negatives + positives);
  const truePositives = new Float64Array(negatives + positives);
  let groups = 0;
  forEachTieGroup(sortedNegativeScores, sortedPositiveScores, (negativeStart, _negativeEnd, positiveStart) => {
    falsePositives[groups] = (negatives - negativeStart) / negatives;
    truePositives[groups] = (positives - positiveStart) / positives;
    groups++;
  });
  const fpr = [0];
  const tpr = [0];
  for (let g = groups - 1; g >= 0; g--) {
    const x = falsePositives[g];
    const y = truePositives[g];
    if (g === 0 || x - fpr[fpr.length - 1] >= ROC_STEP || y - tpr[tpr.length - 1] >= ROC_STEP) {
      fpr.push(x);
      tpr.push(y);
    }
  }
  return { fpr, tpr };
}
