/** Alerts grouped by severity, worst first, each with what to do about it; an alert on a column reveals it. */
import type { Alert, AlertKind, Report } from '../../../server/src/protocol/report';
import type { PageContext } from '../context';
import { badge, el, section } from '../dom';

const ORDER: Alert['severity'][] = ['high', 'moderate', 'low'];

const COLUMN_KINDS = new Set<AlertKind>([
  'feature-drift',
  'prediction-drift',
  'target-drift',
  'quality',
  'window-anomaly',
  'new-class',
]);

/** The CSV column an alert is about, or null (a model, a metric, the dataset, whole rows). */
function columnOf(alert: Alert, columns: Set<string>): string | null {
  if (!COLUMN_KINDS.has(alert.kind)) return null;
  // A window anomaly's subject is `<window>: <series>`, the series a feature, a metric or the drift share.
  const name =
    alert.kind === 'window-anomaly' ? alert.subject.slice(String(alert.values.window).length + 2) : alert.subject;
  return columns.has(name) ? name : null;
}

function columnsOf(report: Report): Set<string> {
  return new Set([...report.features.map((f) => f.name), ...report.quality.columns.map((c) => c.name)]);
}

export function alerts(ctx: PageContext): HTMLElement {
  const { report } = ctx;
  const columns = columnsOf(report);
  const node = section('alerts', `Alerts (${report.alerts.length})`);
  if (report.alerts.length === 0) node.append(el('p', 'empty', 'No alerts.'));
  for (const severity of ORDER) {
    const group = report.alerts.filter((a) => a.severity === severity);
    if (group.length === 0) continue;
    const h = el('h3');
    h.append(badge(severity, severity), ` ${group.length} alert${group.length === 1 ? '' : 's'}`);
    const t = el('table', 'data alerts');
    t.dataset.severity = severity;
    const head = t.createTHead().insertRow();
    for (const title of ['subject', 'kind', 'what happened and what to do']) head.append(el('th', undefined, title));
    const body = t.createTBody();
    for (const a of group) {
      const row = body.insertRow();
      const column = columnOf(a, columns);
      if (column === null) row.insertCell().textContent = a.subject;
      else {
        const reveal = el('button', 'link', a.subject);
        reveal.type = 'button';
        reveal.dataset.column = column;
        reveal.title = `Show the column ${column}`;
        reveal.addEventListener('click', () => ctx.reveal(column));
        row.insertCell().append(reveal);
      }
      row.insertCell().textContent = a.kind;
      const cell = row.insertCell();
      cell.append(el('p', 'alert-message', a.message), el('p', 'recommendation', a.recommendation));
    }
    node.append(h, t);
  }
  return node;
}
