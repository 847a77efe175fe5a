/** Chart.js with only the pieces the page uses, and one way to put a chart in a section. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import { el } from './dom';
import type { Theme } from './theme';

/** The live charts, destroyed before each re-render. */
const live = new Set<Chart>();

export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}

export function applyTheme(theme: Theme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.font;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}

/**
 * Records where each bar of the first dataset is drawn on the canvas (`data-bars`), so a test
 * or an assistive tool can find a bar without reaching into Chart.js.
 */
const barPositions: Plugin = {
  id: 'dmBarPositions',
  afterDraw(chart) {
    const meta = chart.getDatasetMeta(0);
    chart.canvas.dataset.bars = JSON.stringify(
      meta.data.map((bar) => ({ x: Math.round(bar.x), y: Math.round(bar.y) })),
    );
  },
};

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
  barPositions,
);

/** A canvas in a sized box appended to `parent`; `label` is its accessible description. */
export function addChart<T extends ChartType>(
  parent: HTMLElement,
  label: string,
  config: ChartConfiguration<T>,
  shape: 'wide' | 'small' | 'square' = 'wide',
): Chart<T> {
  const box = el('div', shape === 'wide' ? 'chart-box' : `chart-box ${shape}`);
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  box.append(canvas);
  parent.append(box);
  const chart = new Chart<T>(canvas, config);
  live.add(chart as unknown as Chart);
  return chart;
}

/** Replace an existing chart's canvas contents with a new configuration. */
export function replaceChart<T extends ChartType>(
  old: Chart<T> | undefined,
  parent: HTMLElement,
  label: string,
  config: ChartConfiguration<T>,
): Chart<T> {
  if (old) {
    live.delete(old as unknown as Chart);
    old.destroy();
  }
  parent.replaceChildren();
  return addChart(parent, label, config);
}

/** A colour with alpha, for fills: works on #rgb/#rrggbb; other syntaxes come back unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return colour;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
