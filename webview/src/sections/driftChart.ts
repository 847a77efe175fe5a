/** Drift score per column, coloured by severity, with the threshold (score 0.5); click a bar to explore it. */
import { addChart } from '../charts';
import type { PageContext } from '../context';
import { el, section } from '../dom';
import { severityColour } from '../theme';

export function driftChart(ctx: PageContext): HTMLElement {
  const { report, theme } = ctx;
  const node = section('drift-chart', 'Drift score per column');
  node.append(el('p', 'muted', 'Score 0.5 is the threshold of each column’s deciding test; above it the column drifted. Click a bar to explore its distribution.'));
  const features = [...report.features].sort((a, b) => b.score - a.score);
  const names = features.map((f) => f.name);
  const label = `Drift score per column: ${features.map((f) => `${f.name} ${f.score.toFixed(2)} (${f.severity})`).join('; ')}`;
  const chart = addChart(node, label, {
    type: 'bar',
    data: {
      labels: names,
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
        if (hit) ctx.select(names[hit.index]!);
      },
    },
  });
  chart.canvas.dataset.chart = 'drift-scores';
  return node;
}
