/**
 * Every drift test that applies to a numerical column, the two summaries and the
 * display histogram, from one sort of each side.
 */
import type { DriftMethod, DriftTests, Histogram, NumericalSummary } from '../../protocol/report';
import { andersonDarlingKSample } from '../stats/andersonDarling';
import { binCounts, quantileBinEdges } from '../stats/binning';
import { cramerVonMisesTwoSample } from '../stats/cramerVonMises';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../stats/divergences';
import { ksTwoSample } from '../stats/ks';
import { mannWhitneyU } from '../stats/mannWhitney';
import { populationStabilityIndex } from '../stats/psi';
import { sortedWithoutNaN } from '../stats/sortNumbers';
import { describeNumeric } from '../stats/summary';
import { tieGroups, type TieGroups } from '../stats/tieGroups';
import { cdfDistances } from '../stats/wasserstein';
import { numericalHistogram, wholeSide } from './displayHistogram';

/**
 * Distances are normed by the reference's population standard deviation (ddof 0),
 * floored at 0.001 so a constant reference does not divide by zero: Evidently's normalisation.
 */
export const MIN_NORMING_STD = 0.001;

export interface NumericalSide {
  /** Non-missing values, sorted ascending. */
  sorted: Float64Array;
  missing: number;
}

export interface NumericalDrift {
  tests: DriftTests;
  reference: NumericalSummary;
  current: NumericalSummary;
  histogram: Histogram;
}

/** Sorted copy of the non-missing values: a radix sort, no comparator (see sortNumbers). */
export function sortedValues(values: Float64Array): Float64Array {
  return sortedWithoutNaN(values);
}

/** `bins`: a count of reference-quantile bins, or explicit inner edges. */
export function numericalDrift(
  reference: NumericalSide,
  current: NumericalSide,
  bins: number | number[],
): NumericalDrift {
  const referenceSummary = summarize(reference);
  const histogram = numericalHistogram(wholeSide(reference.sorted), wholeSide(current.sorted));
  const tests = numericalTests(reference.sorted, current.sorted, bins, referenceSummary.std);
  return { tests, reference: referenceSummary, current: summarize(current), histogram };
}

export type NumericalMethod = Exclude<DriftMethod, 'chisquare' | 'ztest'>;

/**
 * The drift tests on two sorted samples: all of them, or only `only` (the deciding
 * method, for time windows, where the reference is compared many times; the rank tests,
 * when streaming).
 * `referenceStd` is the reference's sample standard deviation, for the normed distances.
 */
export function numericalTests(
  ref: Float64Array,
  cur: Float64Array,
  bins: number | number[],
  referenceStd: number | null,
  only?: readonly NumericalMethod[],
): DriftTests {
  if (ref.length === 0 || cur.length === 0) return {};
  const populationStd = (referenceStd ?? 0) * Math.sqrt((ref.length - 1) / ref.length);
  const norm = Math.max(populationStd, MIN_NORMING_STD);
  let binned: [Float64Array, Float64Array] | undefined;
  const counts = () => {
    const edges = Array.isArray(bins) ? Float64Array.from(bins) : quantileBinEdges(ref, bins);
    return (binned ??= [binCounts(ref, edges), binCounts(cur, edges)]);
  };
  // Every rank and cdf test reads one merge into tie groups (from the value groups, for a column of few values).
  let groups: TieGroups | undefined;
  const ties = () => (groups ??= tieGroups(ref, cur));
  let distances: ReturnType<typeof cdfDistances> | undefined;
  const cdf = () => (distances ??= cdfDistances(ref, cur, ties()));
  const run: { [M in NumericalMethod]: () => NonNullable<DriftTests[M]> } = {
    ks: () => ksTwoSample(ref, cur, ties()),
    mannwhitney: () => mannWhitneyU(ref, cur, ties()),
    cramervonmises: () => cramerVonMisesTwoSample(ref, cur, ties()),
    andersondarling: () => andersonDarlingKSample(ref, cur, ties()),
    wasserstein: () => normed(cdf().wasserstein, norm),
    energy: () => normed(cdf().energy, norm),
    psi: () => ({ value: populationStabilityIndex(...counts()).value }),
    jensenshannon: () => ({ value: jensenShannonDistance(...counts()) }),
    kl: () => ({ value: klDivergence(...counts()) }),
    hellinger: () => ({ value: hellingerDistance(...counts()) }),
  };
  const methods = only ?? (Object.keys(run) as NumericalMethod[]);
  return Object.fromEntries(methods.map((method) => [method, run[method]()]));
}

function normed(value: number, norm: number): { value: number; normed: number } {
  return { value, normed: value / norm };
}

function summarize(side: NumericalSide): NumericalSummary {
  const d = describeNumeric(side.sorted);
  const orNull = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    count: d.count,
    missing: side.missing,
    mean: orNull(d.mean),
    std: orNull(d.std),
    min: orNull(d.min),
    max: orNull(d.max),
    quantiles: {
      p05: orNull(d.quantiles.p05),
      p25: orNull(d.quantiles.p25),
      p50: orNull(d.quantiles.p50),
      p75: orNull(d.quantiles.p75),
      p95: orNull(d.quantiles.p95),
    },
  };
}
