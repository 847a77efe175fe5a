/**
 * The current data (and optionally the reference) cut into time windows: per window the
 * deciding drift statistic of every feature against the whole reference, the drift
 * share, the first model's metrics, and the values that leave the band of earlier windows.
 */
import { alignCounts, categoricalDrift } from '../analysis/categoricalDrift';
import { decidingStatistic, exceedsThreshold } from '../../protocol/methods';
import { numericalTests, sortedValues, type NumericalMethod } from '../analysis/numericalDrift';
import type { DriftConfig } from '../config/model';
import { selectRows } from '../data/selectRows';
import type { Table } from '../data/table';
import type { FeatureDrift, TimeWindowReport, WindowMetricAnomaly, MetricValues } from '../../protocol/report';
import { describeNumeric } from '../stats/summary';
import { dynamicBand, isOutsideBand } from '../../protocol/bands';
import type { TimeWindow } from '../windows/split';
import { metricValues, modelMetricsOn } from './modelPerformance';
import type { ColumnPair } from '../analysis/columnPair';

export interface WindowContext {
  config: DriftConfig;
  pairs: ColumnPair[];
  features: FeatureDrift[];
  task: 'classification' | 'regression' | null;
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
  const referenceSides = new Map(
    inputs
      .filter((p) => p.kind === 'numerical')
      .map((p) => {
        const sorted = sortedValues(p.reference.values);
        return [p.name, { sorted, std: describeNumeric(sorted).std }];
      }),
  );

  const reports = windows.map((window): TimeWindowReport => {
    const statistics: Record<string, number | null> = {};
    const drifted: string[] = [];
    for (const pair of inputs) {
      const decision = decisions.get(pair.name)!;
      const statistic =
        window.rows.length === 0
          ? null
          : windowStatistic(pair, side, window.rows, decision, referenceSides.get(pair.name), context.config);
      statistics[pair.name] = statistic;
      if (statistic !== null && exceedsThreshold(decision.method, statistic, decision.threshold))
        drifted.push(pair.name);
    }
    const tested = Object.values(statistics).filter((s) => s !== null).length;
    return {
      index: window.index,
      label: window.label,
      start: window.start,
      end: window.end,
      rows: window.rows.length,
      statistics,
      drifted,
      driftShare: tested ? drifted.length / tested : null,
      performance: window.rows.length === 0 ? null : windowPerformance(table, window.rows, context),
      bands: {},
      anomalies: [],
    };
  });
  bandsAndAnomalies(reports, context.config.windows!.dynamicK);
  return reports;
}

function windowStatistic(
  pair: ColumnPair,
  side: 'reference' | 'current',
  rows: Int32Array,
  decision: FeatureDrift,
  reference: { sorted: Float64Array; std: number } | undefined,
  config: DriftConfig,
): number | null {
  if (pair.kind === 'numerical') {
    const values = sortedValues(selectRows(pair[side], rows).values);
    const bins = config.drift.features[pair.name]?.bins ?? config.drift.bins;
    const tests = numericalTests(
      reference!.sorted,
      values,
      bins,
      Number.isFinite(reference!.std) ? reference!.std : null,
      [decision.method as NumericalMethod],
    );
    return decidingStatistic(decision.method, tests) ?? null;
  }
  const window = selectRows(pair[side], rows);
  const counts = alignCounts(pair.reference, window);
  return (
    decidingStatistic(decision.method, categoricalDrift(counts, pair.reference.missing, window.missing).tests) ?? null
  );
}

function windowPerformance(table: Table, rows: Int32Array, { config, task }: WindowContext): MetricValues | null {
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
  const metrics = modelMetricsOn(subset, target, model, task, config.performance.positiveClass);
  return metrics.rows > 0 ? metricValues(metrics) : null;
}

/** Records each window's band of every series, mean ± k·σ of the windows before it, and flags the values that leave it. */
function bandsAndAnomalies(reports: TimeWindowReport[], k: number): void {
  const series = new Map<string, (number | null)[]>();
  const add = (name: string, i: number, value: number | null | undefined) => {
    if (!series.has(name)) series.set(name, new Array(reports.length).fill(null));
    series.get(name)![i] = value ?? null;
  };
  reports.forEach((r, i) => {
    add('drift share', i, r.driftShare);
    for (const [name, value] of Object.entries(r.statistics)) add(name, i, value);
    for (const [name, value] of Object.entries(r.performance ?? {})) add(name, i, value);
  });
  for (const [metric, values] of series) {
    values.forEach((value, i) => {
      if (value === null) return;
      const band = dynamicBand(
        values.slice(0, i).filter((v): v is number => v !== null),
        k,
      );
      if (band) reports[i].bands[metric] = { low: band.low, high: band.high };
      if (band && isOutsideBand(value, band))
        reports[i].anomalies.push({ metric, value, low: band.low, high: band.high } satisfies WindowMetricAnomaly);
    });
  }
}
