/** The ROC curves of one model on each file that has them, against the chance diagonal. */
import type { ClassificationMetrics, ModelMetrics, ModelPerformance } from '../../../server/src/protocol/report';
import { addChart } from '../charts';
import { fmt } from '../dom';
import type { Theme } from '../theme';

export function rocChart(parent: HTMLElement, model: ModelPerformance, theme: Theme): void {
  const colours = [theme.blue, theme.orange, theme.purple, theme.green];
  const all: [string, ModelMetrics][] = [
    ['reference', model.reference],
    ['current', model.current],
    ...Object.entries(model.datasets),
  ];
  // Colours by position among all the files, as in the metrics chart above.
  const sides = all
    .map(([side, m], i) => ({ side, m, colour: colours[i % colours.length]! }))
    .filter(
      (s): s is { side: string; m: ClassificationMetrics; colour: string } =>
        s.m.task === 'classification' && s.m.rocCurve !== null,
    );
  if (sides.length === 0) return;
  const chart = addChart<'line'>(
    parent,
    `ROC curves of ${model.model}: ${sides.map(({ side, m }) => `${side} AUC ${fmt(m.rocAuc)}`).join('; ')}`,
    {
      type: 'line',
      data: {
        datasets: [
          ...sides.map(({ side, m, colour }) => ({
            label: `${side} (AUC ${fmt(m.rocAuc)})`,
            data: m.rocCurve!.fpr.map((x, i) => ({ x, y: m.rocCurve!.tpr[i]! })),
            borderColor: colour,
            borderWidth: 1.5,
            pointRadius: 0,
          })),
          {
            label: 'chance',
            data: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
            borderColor: theme.muted,
            borderDash: [4, 4],
            borderWidth: 1,
            pointRadius: 0,
          },
        ],
      },
      options: {
        plugins: { legend: { display: true } },
        scales: {
          x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'false positive rate' } },
          y: { min: 0, max: 1, title: { display: true, text: 'true positive rate' } },
        },
      },
    },
    'square',
  );
  chart.canvas.dataset.chart = 'roc';
}
