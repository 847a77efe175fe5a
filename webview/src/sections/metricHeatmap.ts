/**
 * Every metric of every model on every file in one table, each row shaded from its worst value
 * (red) to its best (green), so the model and dataset gaps stand out.
 */
import type { ModelMetrics, PerformanceReport } from '../../../server/src/protocol/report';
import { withAlpha } from '../charts';
import { el, fmt } from '../dom';
import { METRIC_NAMES, higherIsBetter } from '../../../server/src/protocol/metrics';
import { metric } from '../metrics';
import type { Theme } from '../theme';

export function metricHeatmap(perf: PerformanceReport, theme: Theme): HTMLTableElement {
  const columns = perf.models.flatMap((model) =>
    (
      [['reference', model.reference], ['current', model.current], ...Object.entries(model.datasets)] as [
        string,
        ModelMetrics,
      ][]
    ).map(([side, m]) => ({ title: `${model.model} ${side}`, m })),
  );
  const t = el('table', 'data heatmap');
  const head = t.createTHead().insertRow();
  for (const title of ['metric', ...columns.map((c) => c.title)]) head.append(el('th', undefined, title));
  const body = t.createTBody();
  for (const name of METRIC_NAMES) {
    const values = columns.map((c) => metric(c.m, name));
    const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (known.length === 0) continue;
    const lowest = Math.min(...known);
    const highest = Math.max(...known);
    const row = body.insertRow();
    row.dataset.metric = name;
    row.insertCell().textContent = name;
    for (const value of values) {
      const cell = row.insertCell();
      cell.textContent = fmt(value);
      if (value === null || !Number.isFinite(value) || highest === lowest) continue;
      // 0 = this row's worst, 1 = its best; the colour deepens towards either end.
      const goodness = higherIsBetter(name)
        ? (value - lowest) / (highest - lowest)
        : (highest - value) / (highest - lowest);
      cell.style.backgroundColor = withAlpha(
        goodness >= 0.5 ? theme.green : theme.red,
        0.55 * Math.abs(goodness - 0.5) * 2,
      );
      cell.dataset.goodness = goodness.toFixed(2);
    }
  }
  return t;
}
