import { pairwiseSum } from '../stats/pairwiseSum';

/**
 * sklearn 1.2.1's clipping for `eps='auto'`: the machine epsilon of the probabilities'
 * dtype, `numpy.finfo(float64).eps` = 2^-52. (Before 1.2 the default was 1e-15.)
 */
const EPS = 2 ** -52;

/**
 * Mean binary cross-entropy of the probabilities of the positive class:
 * `sklearn.metrics.log_loss(is_positive, probability)` (scikit-learn 1.2.1, eps='auto').
 *
 * As sklearn computes it: p is clipped to [eps, 1 − eps], the row [1 − p, p] is divided by
 * its sum, the loss of a row is −ln of its entry for the true class, and the mean is taken in
 * numpy's summation order (see stats/pairwiseSum).
 *
 * `isPositive[i]` is 1 when row i's truth is the positive class. Both classes must occur
 * (sklearn raises otherwise); the caller checks.
 */
export function binaryLogLoss(probability: Float64Array, isPositive: Uint8Array): number {
  const losses = new Float64Array(probability.length);
  for (let i = 0; i < probability.length; i++) {
    const p = Math.min(Math.max(probability[i], EPS), 1 - EPS);
    const total = 1 - p + p;
    losses[i] = -Math.log((isPositive[i] ? p : 1 - p) / total);
  }
  return pairwiseSum(losses) / probability.length;
}
