/**
 * The false-alarm budget of one concept-drift verdict, and the detector parameters it sets.
 *
 * "Errors rose" is the file-level test OR a change two streaming detectors agree on. On a
 * stationary stream each path may raise a false alarm, so each gets a share of the budget and
 * the union bound caps the verdict: P(file test) + P(confirmed change) ≤ 0.5% + 0.5%. A confirmed
 * change needs two different detectors, so it implies Page–Hinkley fired or ADWIN fired
 * (the third pair, DDM with ADWIN, includes ADWIN): P(confirmed) ≤ P(Page–Hinkley) + P(ADWIN)
 * whatever DDM does, and DDM's own rate only shows as unconfirmed change points.
 *
 * Page–Hinkley and ADWIN get thresholds that grow with the number of rows they watch (more
 * rows, more chances), from the bounds below; `npm run bench` (bench/conceptAlarms.mjs)
 * measures the verdict's alarm rate on seeded stationary streams, see docs/monitoring.md.
 */
import { ADWIN_DEFAULTS, type AdwinOptions } from './adwin';
import type { DdmOptions } from './ddm';
import type { PageHinkleyOptions } from './pageHinkley';

/** At most this share of analyses of a stationary stream may say the errors rose. */
export const FALSE_ALARM_BUDGET = 0.01;
/**
 * The file-level test's one-sided level. Its share of the budget is 0.5%, twice this: the
 * z-test's normal approximation runs above its nominal level on small files (the count of
 * errors is skewed), up to 0.5% measured at 1,000 rows with 10–20% errors at a level of 0.5%.
 */
export const FILE_TEST_LEVEL = 0.0025;
/** Page–Hinkley's share, over the whole current stream. */
const PAGE_HINKLEY_BUDGET = 0.0025;
/** ADWIN's share, over the whole current stream. */
const ADWIN_BUDGET = 0.0025;
/** The reference error rate the detectors are built for is its one-sided 99% upper confidence bound. */
const REFERENCE_BOUND_Z = 2.326;
/** DDM's normal approximation of the running error rate needs about this many errors before it decides. */
const DDM_WARM_ERRORS = 30;
/** Two detections confirm one change when at most this many errors are expected between them (and at least 1,000 rows). */
const AGREEMENT_ERRORS = 100;
/** Detections this close (in rows) always confirm one change; residuals use this window. */
export const MIN_AGREEMENT_ROWS = 1000;
/** Page–Hinkley on standardized |residuals| tolerates rises below a quarter of a standard deviation. */
const RESIDUAL_PAGE_HINKLEY_DELTA = 0.25;

/**
 * The upper end of the one-sided 99% Wilson score interval of errors/rows: the highest error
 * rate the reference leaves plausible. Positive even with no reference errors (about 5.4 / rows).
 */
export function plausibleErrorRate(errors: number, rows: number): number {
  if (rows === 0) return 1;
  const z2 = REFERENCE_BOUND_Z ** 2;
  const p = errors / rows;
  const centre = p + z2 / (2 * rows);
  const spread = REFERENCE_BOUND_Z * Math.sqrt((p * (1 - p)) / rows + z2 / (4 * rows * rows));
  return Math.min(1, (centre + spread) / (1 + z2 / rows));
}

/**
 * Page–Hinkley on the raw 0/1 misclassifications as a Bernoulli CUSUM. With p the plausible
 * reference rate, it is tuned to p₁ = min(2p, p + 0.05, (1 + p)/2): a doubling at low rates, a
 * rise of 5 points from 5% on. The log-likelihood ratio of an error at p₁ against p is θ·(x − k),
 * θ = ln(p₁(1 − p)/(p(1 − p₁))), k = ln((1 − p)/(1 − p₁))/θ; Page–Hinkley's increments are
 * x − x̄ − δ, so δ = k − p. Under rate p, exp(θ·Σ(x − k)) from any start row is a martingale of
 * mean 1, so by Ville's inequality the sum passes λ with probability at most e^(−θλ); over the
 * `rows` start rows, at most rows·e^(−θλ), which λ = ln(rows / budget)/θ makes the budget.
 * A true rate below p only lowers it. The detector's running mean x̄ stands in for the rate.
 */
export function misclassificationPageHinkley(
  referenceErrors: number,
  referenceRows: number,
  rows: number,
): Partial<PageHinkleyOptions> {
  const p = Math.min(plausibleErrorRate(referenceErrors, referenceRows), 0.99);
  const p1 = Math.min(2 * p, p + 0.05, (1 + p) / 2);
  const theta = Math.log((p1 * (1 - p)) / (p * (1 - p1)));
  const k = Math.log((1 - p) / (1 - p1)) / theta;
  return {
    delta: k - p,
    threshold: Math.log(Math.max(rows, 1) / PAGE_HINKLEY_BUDGET) / theta,
    mode: 'up',
  };
}

/**
 * Page–Hinkley on |residuals| standardized by the reference: a CUSUM with reference value
 * δ = 0.25 standard deviations, whose normal-theory exponent is θ = 2δ, so the same bound as
 * above gives λ = ln(rows / budget)/(2δ) (about 40 at 1,000,000 rows).
 */
export function residualPageHinkley(rows: number): Partial<PageHinkleyOptions> {
  const delta = RESIDUAL_PAGE_HINKLEY_DELTA;
  return { delta, threshold: Math.log(Math.max(rows, 1) / PAGE_HINKLEY_BUDGET) / (2 * delta), mode: 'up' };
}

/**
 * ADWIN's δ bounds one cut's Bernstein tail by δ/(2·ln|W|); a test looks at about
 * maxBuckets·log₂|W| ≈ 7·ln|W| cuts, so about 4δ per test, and it tests every `clock` rows:
 * δ = budget·clock/(4·rows), never above the default 10⁻⁵.
 */
export function adwinForRows(rows: number): Partial<AdwinOptions> {
  const { clock, delta } = ADWIN_DEFAULTS;
  return { delta: Math.min(delta, (ADWIN_BUDGET * clock) / (4 * Math.max(rows, 1))) };
}

/** DDM waits for about 30 errors at the plausible reference rate (and at least 1,000 rows) before it decides. */
export function ddmForReference(referenceErrors: number, referenceRows: number): Partial<DdmOptions> {
  return {
    warmStart: Math.max(1000, Math.ceil(DDM_WARM_ERRORS / plausibleErrorRate(referenceErrors, referenceRows))),
  };
}

/**
 * How far apart (in rows) two detections may be and still confirm one change: the rows in which
 * 100 errors are expected at the plausible reference rate, at least 1,000. Detectors of a rise
 * at a low error rate need many rows each, and their delays spread as widely.
 */
export function agreementRows(referenceErrors: number, referenceRows: number): number {
  return Math.max(MIN_AGREEMENT_ROWS, Math.ceil(AGREEMENT_ERRORS / plausibleErrorRate(referenceErrors, referenceRows)));
}
