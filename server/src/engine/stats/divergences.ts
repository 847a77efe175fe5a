/**
 * Distances between two distributions given as counts (or proportions) over the
 * same bins or categories. Each normalizes its inputs to proportions first.
 */
import { pairwiseSum } from './pairwiseSum';
import { assertPairedCounts, flooredProportions, proportions } from './proportions';

/**
 * Jensen–Shannon distance in nats, in [0, √ln 2 ≈ 0.8326]: √(½·KL(p‖m) + ½·KL(q‖m))
 * with m = (p + q)/2 and natural logarithms. Matches
 * `scipy.spatial.distance.jensenshannon(p, q)` with its default base e (scipy 1.10),
 * which Evidently's `jensenshannon` test calls, so its threshold 0.1 means what it means
 * there (in bits the same distance is √(1/ln 2) ≈ 1.201 times larger). scipy normalizes
 * p and q by their sums, as done here. Deviation: rounding can leave the sum under the
 * root a hair below 0 for nearly identical inputs, where scipy returns NaN; this returns
 * 0. NaN when either side sums to 0.
 */
export function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  assertPairedCounts(p, q);
  const pp = proportions(p);
  const qq = proportions(q);
  const left = new Float64Array(pp.length);
  const right = new Float64Array(pp.length);
  for (let i = 0; i < pp.length; i++) {
    const m = (pp[i] + qq[i]) / 2;
    left[i] = relativeEntropyTerm(pp[i], m);
    right[i] = relativeEntropyTerm(qq[i], m);
  }
  const js = pairwiseSum(left) + pairwiseSum(right);
  return Math.sqrt(Math.max(js / 2, 0));
}

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ pᵢ·ln(pᵢ/qᵢ) in nats: called with the
 * reference counts as p and the current as q, D(reference ‖ current), the divergence of
 * the reference from the current data, as Evidently's `kl_div` computes it. Matches
 * `scipy.stats.entropy(p2, q2)` where p2, q2 are the proportions floored at `floor`
 * as for PSI: unfloored, a single bin that is empty in q but not in p (say current
 * data that never reaches one reference bin, or a category new in the current data)
 * makes the divergence ∞ and useless for ranking or thresholds. scipy renormalizes
 * p2 and q2 to sum to 1 before summing, and so does this, which keeps it ≥ 0.
 * NaN when either side sums to 0.
 */
export function klDivergence(p: Float64Array, q: Float64Array, floor = 1e-4): number {
  assertPairedCounts(p, q);
  const pp = proportions(flooredProportions(p, floor));
  const qq = proportions(flooredProportions(q, floor));
  const terms = new Float64Array(pp.length);
  for (let i = 0; i < pp.length; i++) terms[i] = relativeEntropyTerm(pp[i], qq[i]);
  return pairwiseSum(terms);
}

/**
 * Hellinger distance in [0, 1]: √(1 − Σ √(pᵢqᵢ)) on proportions, computed in the
 * equal form ‖√p − √q‖₂/√2 because 1 − Σ√(pᵢqᵢ) cancels catastrophically for close
 * distributions. No scipy function exists; matches the numpy formula
 * `np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2) / 2)` on `p / p.sum()`, `q / q.sum()`.
 * NaN when either side sums to 0.
 */
export function hellingerDistance(p: Float64Array, q: Float64Array): number {
  assertPairedCounts(p, q);
  const pp = proportions(p);
  const qq = proportions(q);
  const terms = new Float64Array(pp.length);
  for (let i = 0; i < pp.length; i++) {
    const difference = Math.sqrt(pp[i]) - Math.sqrt(qq[i]);
    terms[i] = difference * difference;
  }
  return Math.sqrt(pairwiseSum(terms) / 2);
}

/** `scipy.special.rel_entr(x, y)`: x·ln(x/y), 0 when x = 0, ∞ when only y is 0. */
function relativeEntropyTerm(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Infinity;
}
