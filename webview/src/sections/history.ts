/**
 * History: the config's recorded runs, oldest first (driftMonitor/history in the editor, the
 * history the CLI embeds in its HTML export): the dataset drift share, each model's main metric
 * and the selected feature's deciding statistic per run, each judged against a dynamic band
 * (mean ± k·σ of the earlier runs, the rule the time windows use), and the alerts per run.
 *
 * The runs arrive after the report (the extension asks for them once the report is shown), so the
 * section is built empty and filled, and refilled, by `ctx.onHistory`. Its chart boxes stay in
 * place between fillings: each chart is replaced in its own box, and a box not needed is hidden.
 */
import type { Chart, ChartConfiguration, ChartDataset } from 'chart.js';
import type { FeatureDrift, Report, Severity, HistoryRun } from '../../../server/src/protocol/report';
import {
  DEFAULT_DYNAMIC_K,
  WINDOW_DRIFT_SIZE,
  dynamicBand,
  isOutsideBand,
  type Band,
} from '../../../server/src/protocol/bands';
import { METHODS } from '../../../server/src/protocol/methods';
import { METRICS } from '../../../server/src/protocol/metrics';
import { replaceChart, withAlpha } from '../charts';
import type { PageContext, PageHistory } from '../context';
import { percent } from '../../../server/src/protocol/text';
import { el, fmt, section } from '../dom';
import { severityColour, type Theme } from '../theme';

type AlertSeverity = Exclude<Severity, 'none'>;

/** k of the bands: the config's `windows.dynamic_k`, as the time windows use it, or its default. */
function bandK(report: Report): number {
  return report.windows?.dynamicK ?? DEFAULT_DYNAMIC_K;
}

const SEVERITIES: AlertSeverity[] = ['high', 'moderate', 'low'];

/** The lower edge of a band: drawn, but left out of the legend (the upper edge names the band). */
const BAND_LOW = 'dynamic band, low';

/** One line of a chart: a value per run (null: none recorded) judged against the band of its earlier values. */
interface Series {
  name: string;
  colour: string;
  values: (number | null)[];
  bands: (Band | null)[];
  outside: boolean[];
}

/** A chart's place in the section: title, note, chart and the runs that left their band. */
interface Slot {
  box: HTMLElement;
  title: HTMLElement;
  note: HTMLElement;
  chartBox: HTMLElement;
  outside: HTMLUListElement;
  chart?: Chart;
}

export function history(ctx: PageContext): HTMLElement {
  const { report, theme } = ctx;
  const node = section('history', 'History');
  // Shown once the runs are known: an HTML export without a recorded history never shows it.
  node.hidden = true;
  const summary = el('p', 'muted');
  const charts = el('div', 'charts');
  node.append(summary, charts);
  const slot = (name: string): Slot => {
    const box = el('div');
    box.dataset.slot = name;
    const s: Slot = { box, title: el('h3'), note: el('p', 'muted'), chartBox: el('div'), outside: el('ul', 'outside') };
    box.append(s.title, s.note, s.chartBox, s.outside);
    box.hidden = true;
    charts.append(box);
    return s;
  };
  const share = slot('drift-share');
  const metric = slot('metric');
  const statistic = slot('statistic');
  const alerts = slot('alerts');

  let runs: HistoryRun[] = [];
  let selected: FeatureDrift | undefined;

  const drawStatistic = (): void => {
    if (!selected || runs.length < 2) {
      statistic.box.hidden = true;
      return;
    }
    const f = selected;
    const entries = runs.map((run) => run.features.find((e) => e.name === f.name));
    // A statistic of another method (the config changed) is on another scale: left out, not banded with these.
    const values = entries.map((e) => (e?.method === f.method ? e.statistic : null));
    // A p-value has no scale to band (near 0 for any large shift, uniform without one): its threshold decides.
    const range = METHODS[f.method].thresholdKind === 'pValue' ? null : WINDOW_DRIFT_SIZE[f.method].range;
    const otherMethod = entries.filter((e) => e && e.method !== f.method).length;
    const recorded = values.some((v) => v !== null);
    const leftOut =
      otherMethod > 0
        ? ` ${otherMethod} run${otherMethod === 1 ? '' : 's'} tested it with another method and ${otherMethod === 1 ? 'is' : 'are'} left out.`
        : '';
    statistic.box.hidden = false;
    statistic.title.textContent = `${f.name}: ${f.method} per run`;
    statistic.note.textContent =
      (recorded
        ? `The deciding statistic of the column selected in the chart or the table, with its threshold${range === null ? '; a p-value is not banded: it has no scale, so the threshold alone decides' : ''}.`
        : `No recorded run has a ${f.method} statistic of ${f.name}.`) + leftOut;
    // Without values its chart (of another column) stays, hidden, to be replaced by the next one drawn.
    statistic.chartBox.hidden = !recorded;
    if (!recorded) {
      statistic.outside.replaceChildren();
      return;
    }
    const thresholds = entries.map((e) => (e?.method === f.method ? e.threshold : null));
    const distinct = [...new Set(thresholds.filter((t) => t !== null))];
    const threshold: ChartDataset<'line'> = {
      label: distinct.length === 1 ? `threshold (${fmt(distinct[0])})` : 'threshold',
      data: thresholds,
      borderColor: theme.foreground,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    };
    const series = judged(f.name, theme.purple, values, bandK(report), range);
    drawLines(statistic, 'history-statistic', runs, [series], theme, [threshold], `${f.method} of ${f.name} per run`);
    statistic.chart!.canvas.dataset.feature = f.name;
  };

  const draw = (known: PageHistory): void => {
    node.hidden = false;
    if ('problem' in known) {
      summary.className = 'empty';
      summary.textContent = `The run history cannot be read: ${known.problem}`;
      runs = [];
    } else {
      runs = [...known.runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
      summary.className = runs.length < 2 ? 'empty' : 'muted';
      summary.textContent = summaryText(runs, report);
    }
    if (runs.length < 2) {
      for (const s of [share, metric, statistic, alerts]) s.box.hidden = true;
      return;
    }

    share.box.hidden = false;
    share.title.textContent = 'Dataset drift share per run';
    share.note.textContent = `The share of input features that drifted; the dataset drifts at ${percent(report.dataset.threshold, 0)} (drift.share).`;
    const shareThreshold: ChartDataset<'line'> = {
      label: `threshold (${fmt(report.dataset.threshold)})`,
      data: runs.map(() => report.dataset.threshold),
      borderColor: theme.foreground,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    };
    drawLines(
      share,
      'history-drift-share',
      runs,
      [
        judged(
          'drift share',
          theme.blue,
          runs.map((r) => r.driftShare),
          bandK(report),
          [0, 1],
        ),
      ],
      theme,
      [shareThreshold],
      'Dataset drift share per run',
      { min: 0, max: 1 },
    );

    const models = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.model)))];
    metric.box.hidden = models.length === 0;
    if (models.length > 0) {
      const names = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.metric)))];
      const metricName = names.length === 1 ? names[0]! : 'main metric';
      metric.title.textContent = `${metricName} per run`;
      metric.note.textContent = `Each model's ${metricName} on the current data of each run.`;
      const colours = [theme.green, theme.orange, theme.blue, theme.purple];
      const series = models.map((model, i) =>
        judged(
          model,
          colours[i % colours.length]!,
          runs.map((r) => r.metrics.find((m) => m.model === model)?.value ?? null),
          bandK(report),
          names.length === 1 ? METRICS[names[0]!].range : undefined,
        ),
      );
      drawLines(metric, 'history-metric', runs, series, theme, [], `${metricName} per model per run`);
    }

    drawStatistic();

    alerts.box.hidden = false;
    drawAlerts(alerts, runs, theme);
  };

  ctx.onSelect((feature) => {
    selected = feature;
    drawStatistic();
  });
  ctx.onHistory(draw);
  return node;
}

function summaryText(runs: HistoryRun[], report: Report): string {
  if (runs.length === 0) {
    return 'No run of this config is recorded yet. Each analysis is recorded in the run history (history.path); trends across runs show from the second run on.';
  }
  if (runs.length === 1)
    return `One run recorded so far (#${runs[0]!.id}, ${runs[0]!.startedAt}): trends across runs show from the second run on.`;
  return (
    `${runs.length} recorded runs, oldest first (times in UTC). The shaded band is a dynamic threshold: mean ± ${bandK(report)}·σ of the earlier runs' values ` +
    `(k from windows.dynamic_k${report.windows ? '' : ', its default'}; from the fourth run on, once three earlier runs have a value), kept within the values each quantity can take. A run outside its band is drawn larger in red and listed under its chart.`
  );
}

/**
 * `values` with the band each one is judged against, kept within `range`, the values the
 * quantity can take (none: unbounded; null: not banded), and whether it lies outside.
 */
function judged(
  name: string,
  colour: string,
  values: (number | null)[],
  k: number,
  range: readonly [number, number] | null | undefined,
): Series {
  const bands = values.map((value, i) =>
    value === null || range === null
      ? null
      : dynamicBand(
          values.slice(0, i).filter((v): v is number => v !== null),
          k,
          3,
          range && { range },
        ),
  );
  const outside = values.map((value, i) => value !== null && bands[i] !== null && isOutsideBand(value, bands[i]!));
  return { name, colour, values, bands, outside };
}

/** When a run started, to the minute (UTC). */
function startTime(run: HistoryRun): string {
  return run.startedAt.slice(0, 16).replace('T', ' ');
}

/** Per run `#id` over its start time, without the year when all runs share one: two short lines that stay readable unrotated. */
function runLabels(runs: HistoryRun[]): string[][] {
  const oneYear = new Set(runs.map((run) => run.startedAt.slice(0, 4))).size === 1;
  return runs.map((run) => [`#${run.id}`, startTime(run).slice(oneYear ? 5 : 0)]);
}

/**
 * Draws `series` (each with its band) and `extra` lines into `slot`, lists the runs outside
 * their band under it, and records on the canvas which (`data-outside`: series and run id) and
 * every band (`data-bands`: per series, low and high per run, null where none), as `barPositions`
 * records the points, so a test or an assistive tool can find them.
 */
function drawLines(
  slot: Slot,
  name: string,
  runs: HistoryRun[],
  series: Series[],
  theme: Theme,
  extra: ChartDataset<'line'>[],
  description: string,
  y: Record<string, number> = {},
): void {
  const single = series.length === 1;
  const datasets: ChartDataset<'line'>[] = series.flatMap((s) => {
    const point = s.outside.map((o) => (o ? theme.red : s.colour));
    const edge = { borderColor: withAlpha(single ? theme.muted : s.colour, 0.6), borderWidth: 1, pointRadius: 0 };
    return [
      {
        label: s.name,
        data: s.values,
        borderColor: s.colour,
        backgroundColor: s.colour,
        pointRadius: s.outside.map((o) => (o ? 7 : 3)),
        pointBackgroundColor: point,
        pointBorderColor: point,
      },
      {
        ...edge,
        label: single ? 'dynamic band' : `${s.name} band`,
        data: s.bands.map((b) => b?.high ?? null),
        fill: '+1',
        backgroundColor: withAlpha(single ? theme.muted : s.colour, 0.15),
      },
      { ...edge, label: BAND_LOW, data: s.bands.map((b) => b?.low ?? null), fill: false },
    ];
  });
  const values = series
    .map((s) => `${single ? '' : `${s.name}: `}${runs.map((r, i) => `#${r.id} ${fmt(s.values[i])}`).join('; ')}`)
    .join('. ');
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels: runLabels(runs), datasets: [...datasets, ...extra] },
    options: {
      // Offset: the first and last points clear the axis edges, as the alerts' bars do.
      scales: { x: { offset: true, ticks: { maxRotation: 0, autoSkip: true } }, y },
      plugins: { legend: { display: true, labels: { filter: (item) => item.text !== BAND_LOW } } },
    },
  };
  const chart = replaceChart<'line'>(
    slot.chart as Chart<'line'> | undefined,
    slot.chartBox,
    `${description}: ${values}`,
    config,
  );
  slot.chart = chart as unknown as Chart;
  const outside = series.flatMap((s) =>
    runs.flatMap((run, i) => (s.outside[i] ? [{ series: s.name, run, value: s.values[i]!, band: s.bands[i]! }] : [])),
  );
  chart.canvas.dataset.chart = name;
  chart.canvas.dataset.outside = JSON.stringify(outside.map((o) => ({ series: o.series, run: o.run.id })));
  chart.canvas.dataset.bands = JSON.stringify(
    Object.fromEntries(series.map((s) => [s.name, s.bands.map((b) => (b ? { low: b.low, high: b.high } : null))])),
  );
  slot.outside.replaceChildren(
    ...outside.map((o) =>
      el(
        'li',
        undefined,
        `#${o.run.id} (${startTime(o.run)}): ${o.series} ${fmt(o.value)}, outside ${fmt(o.band.low)} – ${fmt(o.band.high)}`,
      ),
    ),
  );
}

/** The alerts of each run, stacked by severity. */
function drawAlerts(slot: Slot, runs: HistoryRun[], theme: Theme): void {
  slot.title.textContent = 'Alerts per run';
  slot.note.textContent = 'The alerts of each run by severity.';
  const described = runs.map((r) => `#${r.id} ${SEVERITIES.map((s) => `${s} ${r.alerts[s]}`).join(', ')}`).join('; ');
  const chart = replaceChart<'bar'>(
    slot.chart as Chart<'bar'> | undefined,
    slot.chartBox,
    `Alerts per run by severity: ${described}`,
    {
      type: 'bar',
      data: {
        labels: runLabels(runs),
        datasets: SEVERITIES.map((severity) => ({
          label: severity,
          data: runs.map((r) => r.alerts[severity]),
          backgroundColor: severityColour(theme, severity),
          stack: 'alerts',
        })),
      },
      options: {
        scales: {
          x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { display: true } },
      },
    },
  );
  slot.chart = chart as unknown as Chart;
  chart.canvas.dataset.chart = 'history-alerts';
  slot.outside.replaceChildren();
}
