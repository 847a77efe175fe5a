/**
 * The current data (and optionally the reference) cut into time windows: per window the
 * deciding drift statistic of every feature against the whole reference and its drift size,
 * the drift share, the first model's metrics, and the values that leave the band of earlier
 * windows: for the worse as anomalies, for the better as improvements.
 */
import { alignCounts, categoricalTests, type CategoricalMethod } from '../analysis/categoricalDrift';
import { decidingStatistic, exceedsThreshold, type DriftTests } from '../../protocol/methods';
import { numericalTests, sortedValues, type NumericalMethod } from '../analysis/numericalDrift';
import type { DriftConfig } from '../config/model';
import { selectRows } from '../data/selectRows';
import type { Table } from '../data/table';
import type { FeatureDrift, TimeWindowReport, WindowMetricAnomaly, MetricValues } from '../../protocol/report';
import { categoryCounts, categoryCountsOfRows } from '../stats/categories';
import { describeNumeric } from '../stats/summary';
import { DRIFT_SHARE_SERIES, WINDOW_DRIFT_SIZE, dynamicBand, isOutsideBand } from '../../protocol/bands';
import { METRICS, type MetricName } from '../../protocol/metrics';
import type { TimeWindow } from '../windows/split';
import { driftSize, driftSizeError, testsForDriftSize, type SampleSizes } from '../windows/driftSize';
import { metricErrors, rateError } from '../windows/samplingError';
import { metricValues, modelMetricsOn } from './modelPerformance';
import type { ColumnPair } from '../analysis/columnPair';
import { exactValues } from '../profile/profiledValues';

export interface WindowContext {
  config: DriftConfig;
  pairs: ColumnPair[];
  /** sharedReference of each input feature, by name. */
  references: Map<string, SharedReference>;
  features: FeatureDrift[];
  task: 'classification' | 'regression' | null;
  /** Classification: the reference's classes, which every window's metrics are averaged over. */
  classes?: string[];
}

/** One series of the windows as the band judges it: a value per window and its sampling error. */
interface Series {
  values: (number | null)[];
  errors: (number | null)[];
  range: readonly [number, number];
  higherIsBetter: boolean;
}

type SeriesKind = Pick<Series, 'range' | 'higherIsBetter'>;

const DRIFT_SHARE: SeriesKind = { range: [0, 1], higherIsBetter: false };

function newSeries(windows: number, kind: SeriesKind): Series {
  return { ...kind, values: new Array(windows).fill(null), errors: new Array(windows).fill(null) };
}

/** Windows of one file (`side`: which side of each pair the rows index). */
export function windowReports(
  windows: TimeWindow[],
  table: Table,
  side: 'reference' | 'current',
  context: WindowContext,
): TimeWindowReport[] {
  const inputs = context.pairs.filter((p) => p.role === 'feature');
  const decisions = new Map(context.features.map((f) => [f.name, f]));
  const { references } = context;
  // The drift share first: anomalies are listed in the order series are first recorded.
  const series = new Map<string, Series>([[DRIFT_SHARE_SERIES, newSeries(windows.length, DRIFT_SHARE)]]);
  const record = (name: string, i: number, value: number | null, error: number | null, kind: SeriesKind) => {
    if (!series.has(name)) series.set(name, newSeries(windows.length, kind));
    series.get(name)!.values[i] = value;
    series.get(name)!.errors[i] = error;
  };

  const reports = windows.map((window, i): TimeWindowReport => {
    const statistics: Record<string, number | null> = {};
    const driftSizes: Record<string, number | null> = {};
    const drifted: string[] = [];
    for (const pair of inputs) {
      const decision = decisions.get(pair.name)!;
      const reference = references.get(pair.name);
      const result =
        window.rows.length === 0 || reference === undefined
          ? null
          : windowTests(pair, side, window.rows, decision, reference, context.config);
      const statistic = result ? (decidingStatistic(decision.method, result.tests) ?? null) : null;
      const size = result ? driftSize(decision.method, result.tests, result.sizes) : null;
      statistics[pair.name] = statistic;
      driftSizes[pair.name] = size;
      if (statistic !== null && exceedsThreshold(decision.method, statistic, decision.threshold))
        drifted.push(pair.name);
      record(pair.name, i, size, result && driftSizeError(decision.method, result.sizes), {
        range: WINDOW_DRIFT_SIZE[decision.method].range,
        higherIsBetter: false,
      });
    }
    const tested = Object.values(statistics).filter((s) => s !== null).length;
    const driftShare = tested ? drifted.length / tested : null;
    record(DRIFT_SHARE_SERIES, i, driftShare, driftShare === null ? null : rateError(driftShare, tested), DRIFT_SHARE);
    const performance = window.rows.length === 0 ? null : windowPerformance(table, window.rows, context);
    for (const [name, value] of Object.entries(performance?.values ?? {})) {
      const { range, higherIsBetter } = METRICS[name as MetricName];
      record(name, i, value, performance!.errors[name as MetricName] ?? null, { range, higherIsBetter });
    }
    return {
      index: window.index,
      label: window.label,
      start: window.start,
      end: window.end,
      rows: window.rows.length,
      statistics,
      driftSizes,
      drifted,
      driftShare,
      performance: performance?.values ?? null,
      bands: {},
      anomalies: [],
      improvements: [],
    };
  });
  bandsAndAnomalies(reports, series, context.config.windows!.dynamicK);
  return reports;
}

/**
 * What every window's tests read of a feature's whole reference, made once for all windows so
 * that a window costs its own rows, not the reference's again: the sorted reference (and its
 * standard deviation) for a numerical feature, its category counts for a categorical one.
 * Made from the data alone, so the analysis makes it while the drift tests run.
 */
interface NumericalReference {
  /** A column of few distinct values is sorted from its value groups, which each window's tie groups are then merged from (tieGroups). */
  sorted: Float64Array;
  std: number;
}
interface CategoricalReference {
  counts: Float64Array;
  /** A reference profile's categories, which `counts` count (a profile's column has none of its own). */
  categories?: string[];
}
export type SharedReference = NumericalReference | CategoricalReference;

/** undefined: a reference profile that does not know the values a window's tests compare (its sketch compacted, or its categories beyond its cap). */
export function sharedReference(pair: ColumnPair): SharedReference | undefined {
  const profiled = pair.streams?.profiled;
  if (profiled) {
    if (pair.kind === 'categorical') {
      const counted = profiled.stream.categories;
      return counted && { counts: Float64Array.from(counted.values()), categories: [...counted.keys()] };
    }
    const sorted = exactValues(profiled.stream.numbers.sketch);
    return sorted && { sorted, std: describeNumeric(sorted).std };
  }
  if (pair.kind === 'numerical') {
    const sorted = sortedValues(pair.reference.values);
    return { sorted, std: describeNumeric(sorted).std };
  }
  return { counts: categoryCounts(pair.reference.codes, pair.reference.categories.length) };
}

/** The deciding method's tests on one window against the whole reference (and what the drift size needs), with the sample sizes. */
function windowTests(
  pair: ColumnPair,
  side: 'reference' | 'current',
  rows: Int32Array,
  decision: FeatureDrift,
  reference: SharedReference,
  config: DriftConfig,
): { tests: DriftTests; sizes: SampleSizes } | null {
  if (pair.kind === 'numerical') {
    const { sorted, std } = reference as NumericalReference;
    const values = sortedValues(windowValues(pair[side].values, rows));
    const bins = config.drift.features[pair.name]?.bins ?? config.drift.bins;
    const tests = numericalTests(
      sorted,
      values,
      bins,
      Number.isFinite(std) ? std : null,
      testsForDriftSize(decision.method) as NumericalMethod[],
    );
    const cells = Array.isArray(bins) ? bins.length + 1 : bins;
    return values.length === 0 ? null : { tests, sizes: { reference: sorted.length, window: values.length, cells } };
  }
  // The window's categories counted through its rows: the tests read counts only.
  const column = pair[side];
  const { categories } = reference as CategoricalReference;
  const counts = alignCounts(
    categories ? { ...pair.reference, categories } : pair.reference,
    column,
    (reference as CategoricalReference).counts,
    categoryCountsOfRows(column.codes, column.categories.length, rows),
  );
  const sum = (counts: Float64Array) => counts.reduce((total, count) => total + count, 0);
  const sizes = { reference: sum(counts.reference), window: sum(counts.current), cells: counts.categories.length };
  if (sizes.window === 0) return null;
  return { tests: categoricalTests(counts, testsForDriftSize(decision.method) as CategoricalMethod[]), sizes };
}

/**
 * The values of a window's rows, for sorting: a view of the column when the rows are one run
 * of the file (a file written in time order), else copied out.
 */
function windowValues(values: Float64Array, rows: Int32Array): Float64Array {
  let first = values.length;
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row < first) first = row;
    if (row > last) last = row;
  }
  // Distinct rows spanning as many rows as they number are that whole run; their order does not matter to a sort.
  if (last - first + 1 === rows.length) return values.subarray(first, last + 1);
  const copy = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) copy[i] = values[rows[i]];
  return copy;
}

function windowPerformance(
  table: Table,
  rows: Int32Array,
  { config, task, classes }: WindowContext,
): { values: MetricValues; errors: Partial<Record<MetricName, number>> } | null {
  const target = config.columns.target;
  const model = config.models[0];
  if (!target || !model || !task) return null;
  const names = [target, model.prediction, ...(model.probability ? [model.probability] : [])];
  const subset: Table = {
    ...table,
    rows: rows.length,
    header: names,
    columns: new Map(names.map((n) => [n, selectRows(table.columns.get(n)!, rows)])),
  };
  const metrics = modelMetricsOn(subset, target, model, task, config.performance.positiveClass, classes);
  return metrics.rows > 0 ? { values: metricValues(metrics), errors: metricErrors(metrics) } : null;
}

/**
 * Records each window's band of every series, mean ± k·max(σ, sampling error) of the windows
 * before it, clamped to the values the series can take, and sorts the values outside it:
 * worse than the band (a metric below, a drift size or share above) is an anomaly, better an
 * improvement, which is never an alert.
 */
function bandsAndAnomalies(reports: TimeWindowReport[], series: Map<string, Series>, k: number): void {
  for (const [metric, { values, errors, range, higherIsBetter }] of series) {
    values.forEach((value, i) => {
      if (value === null) return;
      const history = values.slice(0, i).filter((v): v is number => v !== null);
      const band = dynamicBand(history, k, undefined, { floor: errors[i] ?? 0, range });
      if (!band) return;
      reports[i].bands[metric] = { low: band.low, high: band.high };
      if (!isOutsideBand(value, band)) return;
      const outside: WindowMetricAnomaly = { metric, value, low: band.low, high: band.high };
      const better = higherIsBetter ? value > band.high : value < band.low;
      (better ? reports[i].improvements : reports[i].anomalies).push(outside);
    });
  }
}
