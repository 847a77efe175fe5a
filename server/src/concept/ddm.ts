import type { DetectorResult } from './detector';

export interface DdmOptions {
  /** Observations since the last reset before the minimum is tracked and anything is signalled. */
  warmStart: number;
  /** Multiple of s_min above p_min that enters the warning zone. */
  warningThreshold: number;
  /** Multiple of s_min above p_min that signals drift. */
  driftThreshold: number;
}

export const DDM_DEFAULTS: DdmOptions = { warmStart: 30, warningThreshold: 2, driftThreshold: 3 };

export function ddm(errors: ArrayLike<number>, options: Partial<DdmOptions> = {}): DetectorResult {
  const { warmStart, warningThreshold, driftThreshold } = { ...DDM_DEFAULTS, ...options };
  const detections: number[] = [];
  const warnings: number[] = [];
  let n = 0;
  let p = 0;
  let pMin = Infinity;
  let sMin = Infinity;
  let psMin = Infinity;
  let inWarning = false;
  for (let i = 0; i < errors.length; i++) {
    const x = errors[i];
    if (x !== 0 && x !== 1) throw new RangeError(`error indicator ${x} at ${i} is neither 0 nor 1`);
    n += 1;
    p += (1 / n) * (x - p);
    const s = Math.sqrt((p * (1 - p)) / n);
    if (n <= warmStart) continue;
    if (p + s <= psMin) {
      pMin = p;
      sMin = s;
      psMin = pMin + sMin;
    }
    if (p + s > pMin + driftThreshold * sMin) {
      detections.push(i);
      n = 0;
      p = 0;
      pMin = Infinity;
      sMin = Infinity;
      psMin = Infinity;
      inWarning = false;
    } else {
      const warning = p + s > pMin + warningThreshold * sMin;
      if (warning && !inWarning) warnings.push(i);
      inWarning = warning;
    }
  }
  return { detector: 'ddm', detections, warnings, parameters: { warmStart, warningThreshold, driftThreshold } };
}
