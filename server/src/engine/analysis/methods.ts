/**
 * The drift methods a user can name in the config, what each measures and how
 * its threshold reads. The config validator, the auto rule and the report all
 * speak from this one table.
 */
import type { DriftMethod } from '../../protocol/report';

/** A p-value method says drift when p < threshold; a distance says drift when value ≥ threshold. */
export type ThresholdKind = 'pValue' | 'distance';

export interface MethodInfo {
  label: string;
  thresholdKind: ThresholdKind;
  defaultThreshold: number;
  /** Upper bound of a meaningful threshold (p-values and bounded distances). */
  maxThreshold?: number;
  numerical: boolean;
  categorical: boolean;
  /** Only for columns with at most two categories. */
  binaryOnly?: boolean;
}

export const METHODS: Record<DriftMethod, MethodInfo> = {
  ks: { label: 'Kolmogorov–Smirnov p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: true, categorical: false },
  mannwhitney: { label: 'Mann–Whitney U p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: true, categorical: false },
  cramervonmises: { label: 'Cramér–von Mises p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: true, categorical: false },
  andersondarling: { label: 'Anderson–Darling p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: true, categorical: false },
  chisquare: { label: 'chi-square p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: false, categorical: true },
  ztest: { label: 'two-proportion z-test p-value', thresholdKind: 'pValue', defaultThreshold: 0.05, maxThreshold: 1, numerical: false, categorical: true, binaryOnly: true },
  wasserstein: { label: 'normed Wasserstein', thresholdKind: 'distance', defaultThreshold: 0.1, numerical: true, categorical: false },
  energy: { label: 'normed energy distance', thresholdKind: 'distance', defaultThreshold: 0.1, numerical: true, categorical: false },
  psi: { label: 'PSI', thresholdKind: 'distance', defaultThreshold: 0.1, numerical: true, categorical: true },
  jensenshannon: { label: 'Jensen–Shannon distance', thresholdKind: 'distance', defaultThreshold: 0.1, maxThreshold: 1, numerical: true, categorical: true },
  hellinger: { label: 'Hellinger distance', thresholdKind: 'distance', defaultThreshold: 0.1, maxThreshold: 1, numerical: true, categorical: true },
  kl: { label: 'KL divergence', thresholdKind: 'distance', defaultThreshold: 0.1, numerical: true, categorical: true },
};

export const METHOD_NAMES = Object.keys(METHODS) as DriftMethod[];

/** Is the statistic on the drifted side of the threshold? */
export function exceedsThreshold(method: DriftMethod, statistic: number, threshold: number): boolean {
  return METHODS[method].thresholdKind === 'pValue' ? statistic < threshold : statistic >= threshold;
}

/**
 * The nearest round threshold (two significant digits) at which `statistic` would no longer
 * count as drift: just above a distance, just below a p-value. For "accept the current value".
 */
export function thresholdAccepting(method: DriftMethod, statistic: number): number {
  const info = METHODS[method];
  if (!(statistic > 0)) return info.thresholdKind === 'pValue' ? Number.MIN_VALUE : info.defaultThreshold;
  const step = 10 ** (Math.floor(Math.log10(statistic)) - 1);
  const round = (x: number) => Number(x.toPrecision(2));
  if (info.thresholdKind === 'pValue') {
    const below = round(Math.floor(statistic / step) * step);
    return below <= statistic ? below : round(below - step);
  }
  const next = round((Math.floor(statistic / step) + 1) * step);
  const above = next > statistic ? next : round(next + step);
  return info.maxThreshold !== undefined ? Math.min(above, info.maxThreshold) : above;
}
