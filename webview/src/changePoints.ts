/**
 * Concept change points on the trend charts: a dashed vertical line at the window holding a
 * detector's detection, a solid, stronger one at the window of a confirmed change (two
 * detectors agree), each labelled with the detectors.
 */
import type { Plugin } from 'chart.js';
import type { ErrorDrift, TimeWindowReport } from '../../server/src/protocol/report';
import type { Theme } from './theme';

export interface ChangeMarker {
  /** Position of the window on the chart's axis. */
  index: number;
  window: string;
  confirmed: boolean;
  /** The confirming detectors first (joined with +), then any other detector that signalled in the window. */
  label: string;
  models: string[];
}

/** The position of the window whose [start, end) holds `time`, or -1. */
export function windowOf(windows: TimeWindowReport[], time: string): number {
  const t = Date.parse(time);
  return windows.findIndex((w) => Date.parse(w.start) <= t && t < Date.parse(w.end));
}

/** One marker per window that holds a detection or a confirmed change of any of `models`. */
export function changeMarkers(models: ErrorDrift[], windows: TimeWindowReport[]): ChangeMarker[] {
  const found = new Map<number, { confirmedBy: Set<string>; detectors: Set<string>; models: Set<string> }>();
  const at = (time: string, model: string) => {
    const index = windowOf(windows, time);
    if (index < 0) return undefined;
    let entry = found.get(index);
    if (!entry)
      found.set(
        index,
        (entry = { confirmedBy: new Set<string>(), detectors: new Set<string>(), models: new Set<string>() }),
      );
    entry.models.add(model);
    return entry;
  };
  for (const m of models) {
    if (m.confirmedChange)
      for (const d of m.confirmedChange.detectors) at(m.confirmedChange.time, m.model)?.confirmedBy.add(d);
    for (const points of m.changePoints)
      for (const d of points.detections) at(d.time, m.model)?.detectors.add(points.detector);
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, e]) => {
      const others = [...e.detectors].filter((d) => !e.confirmedBy.has(d));
      const label = [...(e.confirmedBy.size > 0 ? [[...e.confirmedBy].join(' + ')] : []), ...others].join(', ');
      return { index, window: windows[index]!.label, confirmed: e.confirmedBy.size > 0, label, models: [...e.models] };
    });
}

/**
 * Draws `markers` over a line chart with a category axis of windows, and records where
 * (`data-change-points`: x, window, label, confirmed, models; `[]` when there are none), as
 * `barPositions` records bars, so a test or an assistive tool can find them.
 */
export function changePointPlugin(markers: ChangeMarker[], theme: Theme): Plugin<'line'> {
  return {
    id: 'dmChangePoints',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const drawn = markers.map((m) => {
        const x = Math.round(scales.x!.getPixelForValue(m.index));
        const colour = m.confirmed ? theme.red : theme.muted;
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.lineWidth = m.confirmed ? 2.5 : 1;
        ctx.setLineDash(m.confirmed ? [] : [4, 3]);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        // The label runs down along the line, so markers in neighbouring windows keep theirs apart.
        ctx.translate(x + 3, chartArea.top + 2);
        ctx.rotate(Math.PI / 2);
        ctx.fillStyle = colour;
        ctx.font = `${m.confirmed ? 'bold ' : ''}10px ${theme.font}`;
        ctx.textBaseline = 'bottom';
        ctx.fillText(m.label, 0, 0);
        ctx.restore();
        return { x, window: m.window, label: m.label, confirmed: m.confirmed, models: m.models };
      });
      chart.canvas.dataset.changePoints = JSON.stringify(drawn);
    },
  };
}
