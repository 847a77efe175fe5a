/**
 * One column's drift when a file was streamed (see data/columnStream.ts): the tests read
 * every row through the streams, not the sample the table holds. Categories are counted
 * exactly, so categorical drift is exact. Numbers are known through KLL sketches: KS, the
 * distances and the binned statistics come from them, each with the bound the sketches'
 * cdf error puts on its exact value (stats/sketchBounds.ts); when that bound lies on both
 * sides of the threshold the sketches do not decide, and the column is reported undecided.
 * The rank tests (Mann–Whitney, Cramér–von Mises, Anderson–Darling) need every value in
 * order and run on the uniform sample. A file that was not streamed (it fitted under the row
 * limit) takes part with its exact values.
 */
import type { ColumnStream } from '../data/columnStream';
import type { DriftConfig } from '../config/model';
import type { DriftTests, FeatureDrift, NumericalSummary } from '../../protocol/report';
import { exceedsThreshold, METHODS } from '../../protocol/methods';
import { formatCount, formatNumber, NOT_FROM_PROFILE, roughPercent } from '../../protocol/text';
import { categoryCounts } from '../stats/categories';
import { ksPValue } from '../stats/ks';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../stats/divergences';
import type { QuantileSketch } from '../stats/kll';
import {
  binnedBounds,
  binnedBoundsOnExactBins,
  cdfDistanceBounds,
  ksPValueBound,
  quantileBound,
  type Bound,
} from '../stats/sketchBounds';
import { quantileSorted } from '../stats/quantiles';
import { populationStabilityIndex } from '../stats/psi';
import {
  cdfError,
  exactSketch,
  sketchBinCounts,
  sketchBinEdges,
  sketchCdfDistances,
  sketchKs,
  sketchQuantile,
} from '../stats/sketchStatistics';
import { describeNumeric } from '../stats/summary';
import { alignCounts, categoricalDrift } from './categoricalDrift';
import { decide, type ColumnShape, type Unavailable } from './decide';
import { numericalHistogram, sketchedSide } from './displayHistogram';
import { MIN_NORMING_STD, numericalTests, sortedValues, type NumericalMethod } from './numericalDrift';
import { verdict } from './verdict';
import type { CategoricalColumn, NumericalColumn } from '../data/column';
import type { ColumnPair, PairStreams } from './columnPair';
import { categoriesKept, exactValues } from '../profile/profiledValues';
import type { ProfiledColumn } from '../profile/referenceProfile';

export const RANK_TESTS: readonly NumericalMethod[] = ['mannwhitney', 'cramervonmises', 'andersondarling'];

/** A reference profile whose sketch compacted keeps no values in order: the rank tests cannot run on it. */
const RANK_TESTS_FROM_PROFILE: Unavailable = {
  methods: RANK_TESTS,
  why: NOT_FROM_PROFILE.rankTests,
};

export function streamedFeatureDrift(
  pair: ColumnPair,
  streams: PairStreams,
  drift: DriftConfig['drift'],
): FeatureDrift {
  if (pair.kind === 'numerical') return numericalFeature(pair, streams, drift);
  const reference = categoriesOf(pair.reference, streams.reference);
  const current = categoriesOf(pair.current, streams.current);
  if (reference === undefined && streams.profiled) return tooManyCategoriesInProfile(pair, streams.profiled, drift);
  if (reference === undefined || current === undefined) return sampledCategoricalFeature(pair, drift);
  const labels = [...new Set([...reference.counts.keys(), ...current.counts.keys()])];
  const aligned = (counts: Map<string, number>) => Float64Array.from(labels, (label) => counts.get(label) ?? 0);
  const counts = { categories: labels, reference: aligned(reference.counts), current: aligned(current.counts) };
  const shape: ColumnShape = {
    kind: 'categorical',
    referenceCount: total(counts.reference),
    currentCount: total(counts.current),
    categories: labels.length,
  };
  const decision = decide(pair.name, shape, drift);
  const result = categoricalDrift(counts, reference.missing, current.missing);
  return verdict(pair, shape, { ...decision, reason: `${decision.reason}; exact counts of every row` }, result);
}

/** A categorical column whose stream could not count its many distinct numbers: the sample's counts. */
function sampledCategoricalFeature(
  pair: Extract<ColumnPair, { kind: 'categorical' }>,
  drift: DriftConfig['drift'],
): FeatureDrift {
  const counts = alignCounts(pair.reference, pair.current);
  const present = counts.categories.filter((_, i) => counts.reference[i] + counts.current[i] > 0).length;
  const shape: ColumnShape = {
    kind: 'categorical',
    referenceCount: total(counts.reference),
    currentCount: total(counts.current),
    categories: present,
  };
  const decision = decide(pair.name, shape, drift);
  const reason = `${decision.reason}; on the sample: the column has too many distinct numbers to count while streaming`;
  return verdict(
    pair,
    shape,
    { ...decision, reason },
    categoricalDrift(counts, pair.reference.missing, pair.current.missing),
  );
}

/**
 * A categorical column with more distinct values than the reference profile counted: the
 * tests need every category's count on both sides, which the profile's heavy hitters do not
 * give. No test is run, and the column is undecided, not drifted, with the reason.
 */
function tooManyCategoriesInProfile(
  pair: Extract<ColumnPair, { kind: 'categorical' }>,
  profiled: ProfiledColumn,
  drift: DriftConfig['drift'],
): FeatureDrift {
  const current = categoriesOf(pair.current, undefined)!;
  const referenceCount = profiled.stream.rows - profiled.stream.missing;
  const currentCount = [...current.counts.values()].reduce((a, b) => a + b, 0);
  const shape: ColumnShape = { kind: 'categorical', referenceCount, currentCount, categories: profiled.distinct.low };
  const decision = decide(pair.name, shape, drift);
  const summary = (count: number, missing: number, counts: Map<string, number>) => ({
    count,
    missing,
    unique: counts.size,
    categories: [...counts]
      .map(([value, n]) => ({ value, count: n }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, 20),
  });
  const reason = `${decision.reason}; not available from a profile: ${NOT_FROM_PROFILE.categories(categoriesKept(profiled))}`;
  return {
    name: pair.name,
    kind: pair.kind,
    role: pair.role,
    ...(pair.model && { model: pair.model }),
    method: decision.method,
    methodReason: reason,
    threshold: decision.threshold,
    statistic: null,
    drifted: false,
    score: 0.5,
    severity: 'none',
    tests: {},
    reference: summary(referenceCount, profiled.stream.missing, profiled.heavyHitters?.counts ?? new Map()),
    current: summary(currentCount, current.missing, current.counts),
    histogram: { kind: 'categorical', categories: [], reference: [], current: [] },
    undecided: true,
  };
}

interface StreamedNumbers {
  sketch: QuantileSketch;
  /** Missing and non-numeric cells. */
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** The sample's values, sorted, for the rank tests. */
  sample: Float64Array;
}

function numericalFeature(
  pair: Extract<ColumnPair, { kind: 'numerical' }>,
  streams: PairStreams,
  drift: DriftConfig['drift'],
): FeatureDrift {
  const reference = numbersOf(pair.reference, streams.reference, streams.profiled !== undefined);
  const current = numbersOf(pair.current, streams.current);
  const shape: ColumnShape = {
    kind: 'numerical',
    referenceCount: reference.sketch.count,
    currentCount: current.sketch.count,
    categories: 0,
  };
  const decision = decide(
    pair.name,
    shape,
    drift,
    streams.profiled && !reference.sample.length ? RANK_TESTS_FROM_PROFILE : undefined,
  );
  const bins = drift.features[pair.name]?.bins ?? drift.bins;
  const error = cdfError(reference.sketch) + cdfError(current.sketch);
  const source = RANK_TESTS.includes(decision.method as NumericalMethod)
    ? `on a uniform sample of ${formatCount(reference.sample.length)} and ${formatCount(current.sample.length)} values (a rank test needs every value)`
    : `from sketches of every row (cdf error within ±${roughPercent(error)} with 99% confidence)`;
  const result = {
    tests: sketchedTests(reference, current, bins),
    reference: summary(reference),
    current: summary(current),
    histogram: numericalHistogram(sketchedSide(reference.sketch), sketchedSide(current.sketch)),
  };
  const feature = verdict(pair, shape, { ...decision, reason: `${decision.reason}; ${source}` }, result);
  return { ...undecidedBySketches(feature), cdfError: error };
}

/**
 * A verdict the sketches cannot give: the exact deciding figure may lie on either side of the
 * threshold. It is not counted as drifted, and the reason says so and how to decide it;
 * deciding it from the sketched value would be a guess the report could not stand behind.
 */
function undecidedBySketches(feature: FeatureDrift): FeatureDrift {
  const { method, threshold } = feature;
  const bound = (feature.tests[method] as { bound?: Bound } | undefined)?.bound;
  if (!bound || exceedsThreshold(method, bound.low, threshold) === exceedsThreshold(method, bound.high, threshold))
    return feature;
  const reason =
    `${feature.methodReason}; undecided: from the sketches the exact ${METHODS[method].label} lies in ` +
    `${formatNumber(bound.low)} … ${formatNumber(bound.high)}, on both sides of the threshold ${formatNumber(threshold)}: ` +
    `read the files whole (streaming off) to decide`;
  return { ...feature, methodReason: reason, drifted: false, score: 0.5, severity: 'none', undecided: true };
}

/**
 * A side's numbers: the stream's, with the sample's values for the rank tests; a profile has
 * no sample, but where its sketch kept every value, those values stand for one.
 */
function numbersOf(column: NumericalColumn, stream: ColumnStream | undefined, profiled = false): StreamedNumbers {
  const sample = (profiled && stream && exactValues(stream.numbers.sketch)) || sortedValues(column.values);
  if (stream) return { ...stream.numbers, missing: stream.missing + stream.nonNumeric, sample };
  const d = describeNumeric(sample);
  return {
    sketch: exactSketch(sample),
    missing: column.missing + column.nonNumeric,
    mean: d.mean,
    std: d.std,
    min: d.min,
    max: d.max,
    sample,
  };
}

function categoriesOf(
  column: CategoricalColumn,
  stream: ColumnStream | undefined,
): { counts: Map<string, number>; missing: number } | undefined {
  if (stream) return stream.categories && { counts: stream.categories, missing: stream.missing };
  const own = categoryCounts(column.codes, column.categories.length);
  return { counts: new Map(column.categories.map((label, code) => [label, own[code]])), missing: column.missing };
}

function sketchedTests(reference: StreamedNumbers, current: StreamedNumbers, bins: number | number[]): DriftTests {
  const ref = reference.sketch;
  const cur = current.sketch;
  if (ref.count === 0 || cur.count === 0) return {};
  const populationStd = Number.isFinite(reference.std) ? reference.std * Math.sqrt((ref.count - 1) / ref.count) : 0;
  const norm = Math.max(populationStd, MIN_NORMING_STD);
  const edges = Array.isArray(bins) ? Float64Array.from(bins) : sketchBinEdges(ref, bins, reference.min, reference.max);
  const binned = [sketchBinCounts(ref, edges), sketchBinCounts(cur, edges)] as const;
  const { wasserstein, energy } = sketchCdfDistances(ref, cur);
  const rankTests = reference.sample.length && current.sample.length ? exactRankTests(reference, current, bins) : {};
  const sides = [
    { sketch: ref, min: reference.min, max: reference.max },
    { sketch: cur, min: current.min, max: current.max },
  ] as const;
  // The p-value by ks_2samp's method for these sizes, as the exact test gives it (exact up to 10,000 values a side).
  const ks = ksPValue(sketchKs(ref, cur).statistic, ref.count, cur.count);
  const distanceBounds = cdfDistanceBounds(...sides);
  // On the bins the exact reference would cut, unless the config gives the edges.
  const binnedBound = Array.isArray(bins) ? binnedBounds(...sides, edges) : binnedBoundsOnExactBins(...sides, bins);
  const normed = (b: Bound): Bound => ({ low: b.low / norm, high: b.high / norm });
  return {
    ks: { ...ks, ...bounded(ksPValueBound(...sides, ks.statistic)) },
    ...rankTests,
    wasserstein: {
      value: wasserstein,
      normed: wasserstein / norm,
      ...bounded(normed(distanceBounds.wasserstein)),
    },
    energy: { value: energy, normed: energy / norm, ...bounded(normed(distanceBounds.energy)) },
    psi: { value: populationStabilityIndex(...binned).value, ...bounded(binnedBound.psi) },
    jensenshannon: { value: jensenShannonDistance(...binned), ...bounded(binnedBound.jensenshannon) },
    kl: { value: klDivergence(...binned), ...bounded(binnedBound.kl) },
    hellinger: { value: hellingerDistance(...binned), ...bounded(binnedBound.hellinger) },
  };
}

/** The bound, where it is finite: with infinite values the distances are undefined, and so is theirs. */
function bounded(bound: Bound): { bound?: Bound } {
  return Number.isFinite(bound.low) && Number.isFinite(bound.high) ? { bound } : {};
}

function exactRankTests(reference: StreamedNumbers, current: StreamedNumbers, bins: number | number[]): DriftTests {
  return numericalTests(
    reference.sample,
    current.sample,
    bins,
    Number.isFinite(reference.std) ? reference.std : null,
    RANK_TESTS,
  );
}

const SUMMARY_QUANTILES = { p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 } as const;

/**
 * A side's summary. Its quantiles are numpy's ('linear') where the side's values are all at
 * hand (a file read whole, or a profile that kept them); from a sketch, its estimate, with
 * the bound quantileBound puts on numpy's quantile of the exact values.
 */
function summary(side: StreamedNumbers): NumericalSummary {
  const orNull = (x: number) => (Number.isFinite(x) ? x : null);
  const whole = side.sample.length === side.sketch.count;
  const each = <T>(of: (q: number) => T) =>
    Object.fromEntries(Object.entries(SUMMARY_QUANTILES).map(([name, q]) => [name, of(q)])) as Record<
      keyof typeof SUMMARY_QUANTILES,
      T
    >;
  const quantiles = each((q) => orNull(whole ? quantileSorted(side.sample, q) : sketchQuantile(side.sketch, q)));
  const sketched = { sketch: side.sketch, min: side.min, max: side.max };
  return {
    count: side.sketch.count,
    missing: side.missing,
    mean: orNull(side.mean),
    std: orNull(side.std),
    min: orNull(side.min),
    max: orNull(side.max),
    quantiles,
    ...(!whole && side.sketch.count > 0 && { quantileBounds: each((q) => quantileBound(sketched, q)) }),
  };
}

function total(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
