/** Alerts grouped by severity, worst first, each with what to do about it. */
import type { Alert } from '../../../server/src/protocol';
import type { PageContext } from '../context';
import { badge, el, section } from '../dom';

const ORDER: Alert['severity'][] = ['high', 'moderate', 'low'];

export function alerts({ report }: PageContext): HTMLElement {
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
      row.insertCell().textContent = a.subject;
      row.insertCell().textContent = a.kind;
      const cell = row.insertCell();
      cell.append(el('p', 'alert-message', a.message), el('p', 'recommendation', a.recommendation));
    }
    node.append(h, t);
  }
  return node;
}
