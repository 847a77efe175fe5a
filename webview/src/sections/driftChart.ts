/**
 * Drift score per column, coloured by severity, with the threshold (score 0.5); sorted by score
 * or by name; click a bar to explore it.
 */
import type { FeatureDrift } from '../../../server/src/protocol/report';
import { addChart } from '../charts';
import type { PageContext } from '../context';
import { formatNumber } from '../../../server/src/protocol/text';
import { el, section } from '../dom';
import { severityColour } from '../theme';

const ORDERS: Record<string, { title: string; compare(a: FeatureDrift, b: FeatureDrift): number }> = {
  score: { title: 'score, highest first', compare: (a, b) => b.score - a.score },
  name: { title: 'name', compare: (a, b) => a.name.localeCompare(b.name) },
};

export function driftChart(ctx: PageContext): HTMLElement {
  const { report, theme } = ctx;
  const node = section('drift-chart', 'Drift score per column');
  node.append(
    el(
      'p',
      'muted',
      'Score 0.5 is the threshold of each column’s deciding test; above it the column drifted. Click a bar to explore its distribution.',
    ),
  );
  const sortBy = el('select', 'control');
  sortBy.setAttribute('aria-label', 'Sort the bars by');
  for (const [key, order] of Object.entries(ORDERS)) sortBy.append(new Option(`Sort by ${order.title}`, key));
  node.append(sortBy);

  let features = [...report.features].sort(ORDERS.score!.compare);
  const label = `Drift score per column: ${features.map((f) => `${f.name} ${formatNumber(f.score)} (${f.severity})`).join('; ')}`;
  const chart = addChart(node, label, {
    type: 'bar',
    data: {
      labels: features.map((f) => f.name),
      datasets: [
        {
          type: 'bar',
          label: 'drift score',
          data: features.map((f) => f.score),
          backgroundColor: features.map((f) => severityColour(theme, f.severity)),
        },
        {
          // A line dataset drawn flat across the bars: the threshold.
          type: 'line' as 'bar',
          label: 'threshold (0.5)',
          data: features.map(() => 0.5),
          borderColor: theme.foreground,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        } as never,
      ],
    },
    options: {
      scales: { y: { min: 0, max: 1, title: { display: true, text: 'score' } } },
      plugins: { legend: { display: true } },
      onClick: (_event, elements) => {
        const hit = elements.find((e) => e.datasetIndex === 0);
        if (hit) ctx.select(features[hit.index]!.name);
      },
    },
  });
  chart.canvas.dataset.chart = 'drift-scores';

  sortBy.addEventListener('change', () => {
    features = [...report.features].sort(ORDERS[sortBy.value]!.compare);
    const bars = chart.data.datasets[0]!;
    chart.data.labels = features.map((f) => f.name);
    bars.data = features.map((f) => f.score);
    bars.backgroundColor = features.map((f) => severityColour(theme, f.severity));
    chart.update();
  });
  return node;
}
