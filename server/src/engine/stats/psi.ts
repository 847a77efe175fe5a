import { pairwiseSum } from './pairwiseSum';
import { assertPairedCounts, flooredProportions } from './proportions';

export interface PopulationStabilityIndex {
  value: number;
  /** Each bin's or category's term of the sum, ≥ 0; shows where the shift is. */
  contributions: Float64Array;
}

/**
 * Population stability index of the current counts against the reference counts
 * (per bin or per category): PSI = Σᵢ (cᵢ − rᵢ)·ln(cᵢ / rᵢ) on proportions, each
 * proportion floored at `floor` without renormalizing, so an empty bin contributes a
 * large finite term instead of ∞.
 *
 * No scipy or numpy function exists; it matches the formula written with numpy:
 * `r = np.maximum(ref / ref.sum(), floor)`, likewise c,
 * `contributions = (c - r) * np.log(c / r)`, `value = contributions.sum()`.
 * NaN when either side has no observations.
 */
export function populationStabilityIndex(
  referenceCounts: Float64Array,
  currentCounts: Float64Array,
  floor = 1e-4,
): PopulationStabilityIndex {
  assertPairedCounts(referenceCounts, currentCounts);
  const reference = flooredProportions(referenceCounts, floor);
  const current = flooredProportions(currentCounts, floor);
  const contributions = new Float64Array(reference.length);
  for (let i = 0; i < reference.length; i++) {
    contributions[i] = (current[i] - reference[i]) * Math.log(current[i] / reference[i]);
  }
  return { value: pairwiseSum(contributions), contributions };
}
