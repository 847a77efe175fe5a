/**
 * Model performance: metrics per model (reference, baseline, current, each dataset), the ROC
 * curves, a heatmap across models and datasets when there are several, and the confusion matrix.
 */
import type { MetricName, ModelMetrics, ModelPerformance } from '../../../server/src/protocol/report';
import { addChart, withAlpha } from '../charts';
import type { PageContext } from '../context';
import { formatChange, formatCount } from '../../../server/src/protocol/text';
import { badge, el, fmt, section, table, type CellValue } from '../dom';
import { METRIC_NAMES } from '../../../server/src/protocol/metrics';
import { metric } from '../metrics';
import { metricHeatmap } from './metricHeatmap';
import { rocChart } from './rocCurve';

export function performance(ctx: PageContext): HTMLElement | null {
  const perf = ctx.report.performance;
  if (!perf) return null;
  const { theme } = ctx;
  const node = section('performance', 'Model performance');
  const intro = `${perf.task} (${perf.taskReason})${perf.positiveLabel !== null ? `; positive label ${perf.positiveLabel}` : ''}; baseline from ${perf.baselineSource === 'config' ? 'the config' : 'the reference file'}.`;
  node.append(el('p', 'muted', intro));
  if (perf.best)
    node.append(
      el('p', undefined, `Best on current data: ${perf.best.model} (${perf.best.metric} ${fmt(perf.best.value)}).`),
    );

  const charts = el('div', 'charts');
  for (const model of perf.models) {
    const names = METRIC_NAMES.filter((n) => metric(model.current, n) !== null || metric(model.reference, n) !== null);
    const block = el('div', 'model');
    block.dataset.model = model.model;
    block.append(
      el('h3', undefined, `${model.model}: ${model.prediction}${model.probability ? ` / ${model.probability}` : ''}`),
    );
    block.append(metricsTable(model, names));
    const colours = [theme.blue, theme.orange, theme.purple, theme.green];
    const sides: [string, ModelMetrics][] = [
      ['reference', model.reference],
      ['current', model.current],
      ...Object.entries(model.datasets),
    ];
    addChart<'bar'>(
      block,
      `Metrics of ${model.model}, reference against current`,
      {
        type: 'bar',
        data: {
          labels: names,
          datasets: sides.map(([label, m], i) => ({
            label,
            data: names.map((n) => metric(m, n)),
            backgroundColor: withAlpha(colours[i % colours.length]!, 0.7),
          })),
        },
        options: { plugins: { legend: { display: true } }, scales: { y: { beginAtZero: true } } },
      },
      'small',
    );
    rocChart(block, model, theme);
    charts.append(block);
  }
  node.append(charts);

  if (perf.models.length > 1 || perf.models.some((m) => Object.keys(m.datasets).length > 0)) {
    node.append(
      el('h3', undefined, 'Every model on every file'),
      el('p', 'muted', 'Each row shaded from its worst value (red) to its best (green).'),
    );
    const scroll = el('div', 'table-scroll');
    scroll.append(metricHeatmap(perf, theme));
    node.append(scroll);
  }

  const first = perf.models[0];
  if (first && first.current.task === 'classification') {
    const cm = first.current;
    node.append(el('h3', undefined, `Confusion matrix: ${first.model}, current (rows: truth, columns: predicted)`));
    const rows = cm.confusionMatrix.map((counts, i) => [cm.labels[i] ?? '', ...counts.map(formatCount)]);
    const t = table(['truth \\ predicted', ...cm.labels], rows, 'data confusion');
    node.append(t);
  }
  if (perf.findings.length > 0) {
    const list = el('ul', 'reasons');
    for (const f of perf.findings) list.append(el('li', undefined, f.message));
    node.append(el('h3', undefined, 'Limits broken'), list);
  }
  if (perf.newClasses.length > 0) {
    const list = el('ul', 'reasons new-classes');
    for (const c of perf.newClasses) {
      const item = el('li');
      item.append(badge(c.severity, c.severity), ` ${c.message}`);
      list.append(item);
    }
    node.append(el('h3', undefined, 'Classes new in the current file'), list);
  }
  if (perf.problems.length > 0) {
    const list = el('ul', 'reasons model-column-problems');
    for (const p of perf.problems) {
      const item = el('li');
      item.append(badge('error', 'high'), ` ${p.message}`);
      list.append(item);
    }
    node.append(el('h3', undefined, 'Model columns the metrics could not read'), list);
  }
  return node;
}

function metricsTable(model: ModelPerformance, names: MetricName[]): HTMLTableElement {
  const datasets = Object.keys(model.datasets);
  const rows: CellValue[][] = names.map((n) => [
    n,
    metric(model.reference, n),
    model.baseline[n] ?? null,
    metric(model.current, n),
    model.deltas[n] === undefined ? null : formatChange(model.deltas[n]!),
    ...datasets.map((d) => metric(model.datasets[d]!, n)),
  ]);
  return table(
    ['metric', 'reference', 'baseline', 'current', 'current − baseline', ...datasets.map((d) => `dataset ${d}`)],
    rows,
    'data metrics',
  );
}
