/**
 * Engine-side rules over the method table (protocol/methods.ts), which holds the methods
 * themselves: their names, deciding figures, default thresholds and ranges.
 */
import { METHODS, type DriftMethod } from '../../protocol/methods';

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
