/**
 * A window's drift size: the figure the time windows band for a feature (see
 * `WINDOW_DRIFT_SIZE`), and its sampling error, the spread it has from sampling alone when the
 * window is drawn from the reference's distribution. That spread is the band's floor, so a
 * run of (nearly) equal windows does not make every later wobble anomalous.
 */
import type { DriftMethod, DriftTests } from '../../protocol/methods';
import { decidingStatistic } from '../../protocol/methods';

/** The sizes of the two samples compared: reference and window values, missing left out. */
export interface SampleSizes {
  reference: number;
  window: number;
  /** Bins (numerical) or categories (categorical) of the binned distances. */
  cells: number;
}

/** The tests a window needs besides the deciding one to have its drift size. */
export function testsForDriftSize(method: DriftMethod): DriftMethod[] {
  return method === 'andersondarling' ? ['andersondarling', 'ks'] : [method];
}

/** The drift size of a window from its tests against the reference; null where they have none. */
export function driftSize(method: DriftMethod, tests: DriftTests, sizes: SampleSizes): number | null {
  const n = effectiveSize(sizes);
  const size = (() => {
    switch (method) {
      case 'ks':
      case 'andersondarling':
        return tests.ks?.statistic;
      case 'mannwhitney':
        return tests.mannwhitney && Math.abs((2 * tests.mannwhitney.statistic) / (sizes.reference * sizes.window) - 1);
      case 'cramervonmises':
        return tests.cramervonmises && tests.cramervonmises.statistic / n;
      case 'chisquare':
        return tests.chisquare && Math.sqrt(tests.chisquare.statistic / n);
      case 'ztest':
        return tests.ztest && Math.abs(tests.ztest.statistic) / Math.sqrt(n);
      default:
        return decidingStatistic(method, tests);
    }
  })();
  return size !== undefined && Number.isFinite(size) ? size : null;
}

/**
 * The standard deviation of the drift size when nothing changed, from the tests' large-sample
 * null distributions, with nₑ = n·m/(n + m) and c cells:
 * - KS D: 0.2605/√nₑ (the Kolmogorov distribution's standard deviation);
 * - rank-biserial |r|: √((1 − 2/π)·(n + m + 1)/(3·n·m)), from the variance of U (|r| of a
 *   normal r has √(1 − 2/π) of its standard deviation);
 * - Cramér–von Mises ω²: √(1/45)/nₑ, the limiting standard deviation of T;
 * - Cohen's w, Hellinger, Jensen–Shannon: from √χ² with χ² on c − 1 degrees of freedom, whose
 *   standard deviation is about 1/√2: 0.7071/√nₑ, 0.25/√nₑ (H² ≈ χ²/(8nₑ)) and
 *   0.3003/√nₑ (JS² ≈ χ²/(8nₑ·ln 2), in bits);
 * - PSI √(2(c − 1))/nₑ and KL √(2(c − 1))/(2nₑ) (nₑ·PSI ≈ χ², KL ≈ χ²/(2nₑ));
 * - normed Wasserstein 0.45/√nₑ and normed energy 0.37/√nₑ, measured on normal samples
 *   (300 seeded pairs at each of three sizes; heavier tails give more).
 * On 400 seeded pairs of normal samples of 1,000 and 200 values (10 bins) these are within
 * 10% of the measured standard deviations (scipy's tests, numpy's binning).
 */
export function driftSizeError(method: DriftMethod, sizes: SampleSizes): number {
  const n = effectiveSize(sizes);
  const chiSquareSpread = Math.sqrt(2 * Math.max(sizes.cells - 1, 1));
  switch (method) {
    case 'ks':
    case 'andersondarling':
      return 0.2605 / Math.sqrt(n);
    case 'mannwhitney':
      return Math.sqrt(
        ((1 - 2 / Math.PI) * (sizes.reference + sizes.window + 1)) / (3 * sizes.reference * sizes.window),
      );
    case 'cramervonmises':
      return Math.sqrt(1 / 45) / n;
    case 'chisquare':
    case 'ztest':
      return Math.SQRT1_2 / Math.sqrt(n);
    case 'hellinger':
      return 0.25 / Math.sqrt(n);
    case 'jensenshannon':
      return 0.25 / Math.sqrt(n * Math.LN2);
    case 'psi':
      return chiSquareSpread / n;
    case 'kl':
      return chiSquareSpread / (2 * n);
    case 'wasserstein':
      return 0.45 / Math.sqrt(n);
    case 'energy':
      return 0.37 / Math.sqrt(n);
  }
}

function effectiveSize({ reference, window }: SampleSizes): number {
  return (reference * window) / (reference + window);
}
