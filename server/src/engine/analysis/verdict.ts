/** A drift entry's verdict: drifted or not, score and severity, from the deciding method's statistic. */
import type { DriftMethod, FeatureDrift } from '../../protocol/report';
import { driftScore, severity, thresholdRatio, type ColumnShape, type Decision } from './decide';
import { decidingStatistic, exceedsThreshold } from '../../protocol/methods';
import type { ColumnPair } from './columnPair';

export function verdict(
  pair: ColumnPair,
  shape: ColumnShape,
  decision: Decision,
  result: Pick<FeatureDrift, 'tests' | 'reference' | 'current' | 'histogram'>,
): FeatureDrift {
  const base = {
    name: pair.name,
    kind: pair.kind,
    role: pair.role,
    ...(pair.model && { model: pair.model }),
    method: decision.method,
    methodReason: decision.reason,
    threshold: decision.threshold,
    ...result,
  };
  const statistic = decidingStatistic(decision.method, result.tests);
  if (statistic === undefined) {
    // A side with no values at all cannot be tested; values vanishing (or appearing) is itself a change.
    const oneSideEmpty = (shape.referenceCount === 0) !== (shape.currentCount === 0);
    const emptySide = shape.referenceCount === 0 ? 'reference' : 'current';
    return {
      ...base,
      methodReason: `${decision.reason}; not tested: no values in the ${emptySide} file`,
      statistic: null,
      drifted: oneSideEmpty,
      score: oneSideEmpty ? 1 : 0,
      severity: oneSideEmpty ? 'high' : 'none',
    };
  }
  if (Number.isNaN(statistic)) {
    // Both sides have values, yet the statistic is undefined: infinities (`inf` cells) in a distance.
    const reason = `${decision.reason}; not computable: the values include infinities, for which this method is undefined (set drift.features.${pair.name}.method to ks, psi or jensenshannon to test the column)`;
    return { ...base, methodReason: reason, statistic: null, drifted: false, score: 0, severity: 'none' };
  }
  return { ...base, statistic, ...judged(decision.method, statistic, decision.threshold) };
}

/**
 * Drifted or not, score and severity of the figure that decides: the statistic, or for a
 * p-value method under a multiple-testing correction, the adjusted p-value (see correction.ts).
 */
export function judged(
  method: DriftMethod,
  decidingValue: number,
  threshold: number,
): Pick<FeatureDrift, 'drifted' | 'score' | 'severity'> {
  const drifted = exceedsThreshold(method, decidingValue, threshold);
  const ratio = thresholdRatio(method, decidingValue, threshold);
  return { drifted, score: driftScore(ratio), severity: severity(drifted, ratio) };
}
