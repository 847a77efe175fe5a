/** Time windows: drift share and the first model's main metric per window, anomalies marked, change points noted. */
import type { TimeWindowReport } from '../../../server/src/protocol';
import { addChart } from '../charts';
import { mainMetric, type PageContext } from '../context';
import { el, fmt, section, table, type CellValue } from '../dom';

export function trends(ctx: PageContext): HTMLElement | null {
  const { report, theme } = ctx;
  const windows = report.windows;
  if (!windows) return null;
  const node = section('trends', 'Trends over time');
  const current = windows.current;
  node.append(el('p', 'muted', `${current.length} windows of ${windows.every}${windows.rowsWithoutTimestamp > 0 ? `; ${fmt(windows.rowsWithoutTimestamp)} current rows without a timestamp left out` : ''}. Anomalous windows are drawn larger in red.`));
  const labels = current.map((w) => w.label);
  const anomalous = (w: TimeWindowReport, m: string): boolean => w.anomalies.some((a) => a.metric === m);
  const pointStyle = (m: string) => ({
    pointRadius: current.map((w) => (anomalous(w, m) ? 7 : 3)),
    pointBackgroundColor: current.map((w) => (anomalous(w, m) ? theme.red : theme.blue)),
    pointBorderColor: current.map((w) => (anomalous(w, m) ? theme.red : theme.blue)),
  });
  const charts = el('div', 'charts');
  node.append(charts);

  const share = el('div');
  share.append(el('h3', undefined, 'Drift share per window'));
  addChart<'line'>(share, `Share of drifted features per window: ${current.map((w) => `${w.label} ${fmt(w.driftShare)}`).join('; ')}`, {
    type: 'line',
    data: { labels, datasets: [{ label: 'drift share', data: current.map((w) => w.driftShare), borderColor: theme.blue, ...pointStyle('drift share') }] },
    options: { scales: { y: { min: 0, max: 1 } }, plugins: { legend: { display: false } } },
  }, true);
  charts.append(share);

  const model = report.performance?.models[0];
  const firstWithMetrics = current.find((w) => w.performance)?.performance ?? null;
  const metric = firstWithMetrics ? mainMetric(report.task, firstWithMetrics as Record<string, number | undefined>) : null;
  if (metric) {
    const box = el('div');
    box.append(el('h3', undefined, `${metric} per window${model ? ` (${model.model})` : ''}`));
    const values = current.map((w) => (w.performance as Record<string, number | undefined> | null)?.[metric] ?? null);
    addChart<'line'>(box, `${metric} per window: ${current.map((w, i) => `${w.label} ${fmt(values[i])}`).join('; ')}`, {
      type: 'line',
      data: { labels, datasets: [{ label: metric, data: values, borderColor: theme.green, ...pointStyle(metric) }] },
      options: { plugins: { legend: { display: false } } },
    }, true);
    charts.append(box);
  }

  for (const m of report.concept.models) {
    if (!m.confirmedChange) continue;
    const at = m.confirmedChange.time;
    const w = current.find((w) => w.start <= at && at < w.end);
    const note = el('p', 'change-point', `Concept change point, ${m.model}: errors changed at ${at} (error ${fmt(m.confirmedChange.index)} in time order${w ? `, window ${w.label}` : ''}), confirmed by ${m.confirmedChange.detectors.join(' and ')}.`);
    node.append(note);
  }

  const rows: CellValue[][] = current.flatMap((w) => w.anomalies.map((a) => [w.label, a.metric, a.value, `${fmt(a.low)} – ${fmt(a.high)}`]));
  if (rows.length > 0) {
    node.append(el('h3', undefined, 'Anomalies'), table(['window', 'metric', 'value', 'expected range'], rows, 'data anomalies'));
  }
  return node;
}
