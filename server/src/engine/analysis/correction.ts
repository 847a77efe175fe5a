/**
 * The multiple-testing correction of the drift table (`drift.correction`). Each p-value test
 * at p < 0.05 flags about 1 unchanged feature in 20, so 200 unchanged features give about 10
 * false alarms. Adjusting the p-values of all the columns of a file pair together, once all
 * are tested, bounds that: Benjamini–Hochberg keeps the expected share of false alarms among
 * the drifted columns at the threshold, Bonferroni the chance of any. Distances are not
 * p-values and are left as they are; so are columns with no p-value (nothing to test).
 */
import type { DriftCorrection, FeatureDrift, PValueCorrection } from '../../protocol/report';
import { METHODS, type ThresholdKind } from '../../protocol/methods';
import { adjustPValues } from '../stats/multipleTesting';
import { judged } from './verdict';

export function correctedForMultipleTests(
  tested: FeatureDrift[],
  method: PValueCorrection,
): { features: FeatureDrift[]; correction: DriftCorrection } {
  const pValueTests = tested.filter((f) => decidedBy(f) === 'pValue');
  const distanceTests = tested.filter((f) => decidedBy(f) === 'distance').length;
  const correction = { method, pValueTests: pValueTests.length, distanceTests };
  if (method === 'none') return { features: tested, correction };
  const adjusted = adjustPValues(
    pValueTests.map((f) => f.statistic!),
    method,
  );
  const adjustedOf = new Map(pValueTests.map((f, i) => [f, adjusted[i]]));
  const features = tested.map((f) => {
    const adjustedPValue = adjustedOf.get(f);
    if (adjustedPValue === undefined) return f;
    // The sketches could not tell which side of the threshold its p-value is on: it stays undecided.
    if (f.undecided) return { ...f, adjustedPValue };
    return { ...f, adjustedPValue, ...judged(f.method, adjustedPValue, f.threshold) };
  });
  return { features, correction };
}

/** What decides the column: a p-value (which the correction covers), a distance, or nothing (no statistic: not tested). */
export function decidedBy(f: FeatureDrift): ThresholdKind | undefined {
  return f.statistic === null ? undefined : METHODS[f.method].thresholdKind;
}
