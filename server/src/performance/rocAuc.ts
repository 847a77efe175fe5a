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
  forEachTieGroup(sortedNegativeScores, sortedPositiveScores, (negativeStart, negativeEnd, positiveStart, positiveEnd) => {
    // Scores above this group's: P − positiveEnd true positives before it, P − positiveStart after.
    twiceArea += (negativeEnd - negativeStart) * (2 * positives - positiveEnd - positiveStart);
  });
  return twiceArea / (2 * negatives * positives);
}
