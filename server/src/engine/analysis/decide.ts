/**
 * Which method decides a feature's drift, at what threshold, and how the
 * result reads as a score and a severity.
 */
import type { DriftConfig, FeatureOverride } from '../config/model';
import type { DriftMethod, Severity } from '../../protocol/report';
import { METHODS, appliesTo } from '../../protocol/methods';

/**
 * Below this many non-missing values on the smaller side a test with a p-value
 * decides; above it, an effect size does (Evidently's cut-off).
 */
export const LARGE_SAMPLE = 1000;

export interface ColumnShape {
  kind: 'numerical' | 'categorical';
  /** Non-missing values in the reference and the current file. */
  referenceCount: number;
  currentCount: number;
  /** Distinct categories over both files (categorical columns). */
  categories: number;
}

export interface Decision {
  method: DriftMethod;
  threshold: number;
  reason: string;
}

/**
 * The `auto` rule. It starts from Evidently's (numerical: KS up to 1,000 reference
 * rows, normed Wasserstein ≥ 0.1 above; categorical: chi-square, or the z-test for
 * two categories, up to 1,000, Jensen–Shannon ≥ 0.1 above) and changes one thing:
 * the sample size that counts is the smaller of the two sides, not the reference's.
 * A test's power is bounded by its smaller sample, so a 1M-row reference against
 * 300 production rows keeps a p-value test (whose noise allowance fits 300 rows)
 * instead of an effect size that sampling noise alone can push past 0.1, while with
 * thousands of rows on both sides every p-value is ~0 for negligible shifts and an
 * effect size decides.
 */
export function autoMethod(shape: ColumnShape): { method: DriftMethod; reason: string } {
  const n = Math.min(shape.referenceCount, shape.currentCount);
  const size =
    n <= LARGE_SAMPLE
      ? `${n.toLocaleString('en-US')} values on the smaller side (≤ ${LARGE_SAMPLE.toLocaleString('en-US')})`
      : `${n.toLocaleString('en-US')} values on the smaller side (> ${LARGE_SAMPLE.toLocaleString('en-US')}: p-values would flag negligible shifts)`;
  if (shape.kind === 'numerical')
    return n <= LARGE_SAMPLE
      ? { method: 'ks', reason: `auto: numerical, ${size}` }
      : { method: 'wasserstein', reason: `auto: numerical, ${size}` };
  if (n > LARGE_SAMPLE) return { method: 'jensenshannon', reason: `auto: categorical, ${size}` };
  return shape.categories <= 2
    ? { method: 'ztest', reason: `auto: binary, ${size}` }
    : { method: 'chisquare', reason: `auto: categorical, ${size}` };
}

/** Methods the data at hand cannot compute (a reference profile keeps no values in order), and why. */
export interface Unavailable {
  methods: readonly DriftMethod[];
  why: string;
}

/**
 * The deciding method and threshold for one column: the per-feature method, else
 * the global one, else auto. A configured method that does not fit the column
 * (chi-square on numbers), or that cannot be computed from what is known of it
 * (`unavailable`), falls back to auto, and the reason says so; auto picks none of those.
 */
export function decide(
  name: string,
  shape: ColumnShape,
  drift: DriftConfig['drift'],
  unavailable?: Unavailable,
): Decision {
  const override: FeatureOverride = drift.features[name] ?? {};
  const configured = override.method ?? drift.method;
  const source = override.method ? `drift.features.${name}.method` : 'drift.method';
  if (configured !== 'auto' && unavailable?.methods.includes(configured)) {
    const { method, reason } = autoMethod(shape);
    const threshold = drift.thresholds[method] ?? METHODS[method].defaultThreshold;
    return { method, threshold, reason: `${configured} (${source}) ${unavailable.why}; ${reason}` };
  }
  if (configured !== 'auto' && appliesTo(configured, shape.kind, shape.categories)) {
    const threshold =
      override.threshold ??
      (override.method ? undefined : drift.threshold) ??
      drift.thresholds[configured] ??
      METHODS[configured].defaultThreshold;
    return { method: configured, threshold, reason: source };
  }
  const { method, reason } = autoMethod(shape);
  const threshold = drift.thresholds[method] ?? METHODS[method].defaultThreshold;
  if (configured === 'auto') return { method, threshold, reason };
  return {
    method,
    threshold,
    reason: `${configured} (${source}) does not apply to this ${shape.kind} column; ${reason}`,
  };
}

/**
 * How far past (or short of) the threshold the statistic is, as a ratio that is 1
 * exactly at the threshold: value / threshold for distances, and for p-values
 * log10(p) / log10(threshold), so p = 0.05 at α = 0.05 gives 1 and p = 0.0025 gives 2.
 */
export function thresholdRatio(method: DriftMethod, statistic: number, threshold: number): number {
  if (METHODS[method].thresholdKind === 'distance') return statistic / threshold;
  const evidence = -Math.log10(Math.max(statistic, Number.MIN_VALUE));
  return evidence / -Math.log10(threshold);
}

/** Drift score in [0, 1): ratio / (1 + ratio), so 0.5 at the threshold and → 1 far beyond it. */
export function driftScore(ratio: number): number {
  if (!Number.isFinite(ratio)) return ratio > 0 ? 1 : 0;
  return ratio / (1 + ratio);
}

/**
 * Severity of a drifted feature from the threshold ratio: low below 1.5×, moderate
 * below 2.5×, high from 2.5×. With PSI's customary threshold 0.1 this puts the
 * customary "major shift" (PSI ≥ 0.25) at high.
 */
export function severity(drifted: boolean, ratio: number): Severity {
  if (!drifted) return 'none';
  if (ratio < 1.5) return 'low';
  if (ratio < 2.5) return 'moderate';
  return 'high';
}
