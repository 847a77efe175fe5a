/**
 * Time windows: the drift share, the selected input feature's drift size and the first model's
 * main metric per window, each with its dynamic-threshold band; anomalies (values worse than
 * their band) and concept change points marked, improvements (better than it) noted.
 */
import type { Chart, ChartConfiguration, ChartDataset } from 'chart.js';
import { WINDOW_DRIFT_SIZE } from '../../../server/src/protocol/bands';
import { METHODS } from '../../../server/src/protocol/methods';
import type { FeatureDrift, TimeWindowReport } from '../../../server/src/protocol/report';
import { changeMarkers, changePointPlugin, windowOf, type ChangeMarker } from '../changePoints';
import { addChart, replaceChart, withAlpha } from '../charts';
import { mainMetric } from '../../../server/src/protocol/metrics';
import type { PageContext } from '../context';
import { formatCount } from '../../../server/src/protocol/text';
import { el, fmt, section, table, type CellValue } from '../dom';
import type { Theme } from '../theme';

/** The lower edge of a band: drawn, but left out of the legend (the upper edge names the band). */
const BAND_LOW = 'dynamic threshold, low';

export function trends(ctx: PageContext): HTMLElement | null {
  const { report, theme } = ctx;
  const windows = report.windows;
  if (!windows) return null;
  const node = section('trends', 'Trends over time');
  const current = windows.current;
  node.append(
    el(
      'p',
      'muted',
      `${current.length} windows of ${windows.every}${windows.rowsWithoutTimestamp > 0 ? `; ${formatCount(windows.rowsWithoutTimestamp)} current rows without a timestamp left out` : ''}. ` +
        'Windows worse than their band are drawn larger in red; the shaded band is the dynamic threshold (mean ± k·σ of the earlier windows, at least k sampling errors wide, within the values the series can take). ' +
        'Vertical lines mark concept change points in the model errors: dashed where a detector signalled, solid where two detectors confirmed a change.',
    ),
  );
  const labels = current.map((w) => w.label);
  const line = (name: string, values: (number | null)[], colour: string): ChartDataset<'line'> => {
    const anomalous = current.map((w) => w.anomalies.some((a) => a.metric === name));
    const point = anomalous.map((a) => (a ? theme.red : colour));
    return {
      label: name,
      data: values,
      borderColor: colour,
      pointRadius: anomalous.map((a) => (a ? 7 : 3)),
      pointBackgroundColor: point,
      pointBorderColor: point,
    };
  };
  const band = (name: string): ChartDataset<'line'>[] => bandDatasets(current, name, theme);
  const config = (datasets: ChartDataset<'line'>[], markers: ChangeMarker[], y = {}) =>
    trendConfig(labels, datasets, markers, theme, y);
  const allMarkers = changeMarkers(report.concept.models, current);
  const charts = el('div', 'charts');
  node.append(charts);

  const share = el('div');
  share.append(el('h3', undefined, 'Drift share per window'));
  const shareChart = addChart<'line'>(
    share,
    `Share of drifted features per window: ${current.map((w) => `${w.label} ${fmt(w.driftShare)}`).join('; ')}`,
    config(
      [
        line(
          'drift share',
          current.map((w) => w.driftShare),
          theme.blue,
        ),
        ...band('drift share'),
      ],
      allMarkers,
      { min: 0, max: 1 },
    ),
  );
  shareChart.canvas.dataset.chart = 'window-drift-share';
  charts.append(share);

  // The drift size of one input feature (the figure its band judges, never a p-value): the selected one, or at first the one that drifted most.
  const tested = new Set(Object.keys(current[0]?.statistics ?? {}));
  const inputs = report.features.filter((f) => tested.has(f.name)).sort((a, b) => b.score - a.score);
  if (inputs[0]) {
    const box = el('div');
    const title = el('h3');
    const chartBox = el('div');
    box.append(title, el('p', 'muted', 'The input feature selected in the chart or the table.'), chartBox);
    charts.append(box);
    let chart: Chart<'line'> | undefined;
    const show = (f: FeatureDrift): void => {
      const size = WINDOW_DRIFT_SIZE[f.method].label;
      title.textContent = `${f.name}: ${size} per window`;
      const values = current.map((w) => w.driftSizes[f.name] ?? null);
      // A distance is its own drift size, so its threshold can be drawn; a p-value's cannot.
      const isDistance = METHODS[f.method].thresholdKind === 'distance';
      const threshold: ChartDataset<'line'>[] = isDistance
        ? [
            {
              label: `threshold (${fmt(f.threshold)})`,
              data: current.map(() => f.threshold),
              borderColor: theme.foreground,
              borderDash: [6, 4],
              borderWidth: 1.5,
              pointRadius: 0,
            },
          ]
        : [];
      chart = replaceChart<'line'>(
        chart,
        chartBox,
        `${size} of ${f.name} per window against the reference${isDistance ? `, threshold ${fmt(f.threshold)}` : ''}: ${current.map((w, i) => `${w.label} ${fmt(values[i])}`).join('; ')}`,
        config([line(f.name, values, theme.purple), ...threshold, ...band(f.name)], allMarkers),
      );
      chart.canvas.dataset.chart = 'window-statistic';
      chart.canvas.dataset.feature = f.name;
    };
    show(inputs[0]);
    ctx.onSelect((f) => {
      if (tested.has(f.name)) show(f);
    });
  }

  const model = report.performance?.models[0];
  const firstWithMetrics = current.find((w) => w.performance)?.performance ?? null;
  const metric = firstWithMetrics ? mainMetric(report.task, firstWithMetrics as Record<string, number | null>) : null;
  if (model && metric) {
    const box = el('div');
    box.append(el('h3', undefined, `${metric} per window (${model.model})`));
    const values = current.map((w) => (w.performance as Record<string, number | undefined> | null)?.[metric] ?? null);
    const baseline = (model.baseline as Record<string, number | undefined>)[metric];
    const datasets = [line(metric, values, theme.green)];
    if (baseline !== undefined) {
      datasets.push({
        label: `baseline (${fmt(baseline)})`,
        data: current.map(() => baseline),
        borderColor: theme.foreground,
        borderDash: [6, 4],
        borderWidth: 1.5,
        pointRadius: 0,
      });
    }
    // Change points are found in this model's errors: only its own are marked on its metric.
    const markers = changeMarkers(
      report.concept.models.filter((m) => m.model === model.model),
      current,
    );
    const chart = addChart<'line'>(
      box,
      `${metric} of ${model.model} per window${baseline === undefined ? '' : `, baseline ${fmt(baseline)}`}: ${current.map((w, i) => `${w.label} ${fmt(values[i])}`).join('; ')}`,
      config([...datasets, ...band(metric)], markers),
    );
    chart.canvas.dataset.chart = 'window-metric';
    charts.append(box);
  }

  for (const m of report.concept.models) {
    const detections = m.changePoints.flatMap((points) =>
      points.detections.map((d) => `${points.detector} at ${d.time}${windowLabel(current, d.time)}`),
    );
    if (detections.length > 0)
      node.append(el('p', 'change-detections', `Detector signals, ${m.model}: ${detections.join('; ')}.`));
    if (!m.confirmedChange) continue;
    const at = m.confirmedChange.time;
    node.append(
      el(
        'p',
        'change-point',
        `Concept change point, ${m.model}: errors changed at ${at} (error ${formatCount(m.confirmedChange.index)} in time order${windowLabel(current, at)}), confirmed by ${m.confirmedChange.detectors.join(' and ')}.`,
      ),
    );
  }

  const rows: CellValue[][] = current.flatMap((w) =>
    w.anomalies.map((a) => [w.label, a.metric, a.value, `${fmt(a.low)} – ${fmt(a.high)}`]),
  );
  if (rows.length > 0) {
    node.append(
      el('h3', undefined, 'Anomalies'),
      table(['window', 'metric', 'value', 'expected range'], rows, 'data anomalies'),
    );
  }
  for (const w of current)
    for (const a of w.improvements) node.append(el('p', 'muted improvement', improvementNote(w.label, a)));
  return node;
}

/** A value better than its band: worth a look, never an incident. */
function improvementNote(window: string, a: TimeWindowReport['improvements'][number]): string {
  const moved = a.value > a.high ? 'rose above' : 'fell below';
  return `${a.metric} ${moved} its band in window ${window} (${fmt(a.value)}, band ${fmt(a.low)} – ${fmt(a.high)}): an improvement, not an alert; check for a label or pipeline change if it is unexpected.`;
}

function windowLabel(windows: TimeWindowReport[], time: string): string {
  const i = windowOf(windows, time);
  return i < 0 ? '' : `, window ${windows[i]!.label}`;
}

/** The band of `series` as two lines with the area between them shaded; gaps where a window has none. */
function bandDatasets(windows: TimeWindowReport[], series: string, theme: Theme): ChartDataset<'line'>[] {
  const edge = { borderColor: withAlpha(theme.muted, 0.6), borderWidth: 1, pointRadius: 0 };
  return [
    {
      ...edge,
      label: 'dynamic threshold',
      data: windows.map((w) => w.bands[series]?.high ?? null),
      fill: '+1',
      backgroundColor: withAlpha(theme.muted, 0.15),
    },
    { ...edge, label: BAND_LOW, data: windows.map((w) => w.bands[series]?.low ?? null), fill: false },
  ];
}

function trendConfig(
  labels: string[],
  datasets: ChartDataset<'line'>[],
  markers: ChangeMarker[],
  theme: Theme,
  y: Record<string, number>,
): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      scales: { y },
      plugins: { legend: { display: true, labels: { filter: (item) => item.text !== BAND_LOW } } },
    },
    plugins: [changePointPlugin(markers, theme)],
  };
}
