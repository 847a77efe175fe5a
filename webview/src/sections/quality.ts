/** Data quality findings of the current file against the reference. */
import type { PageContext } from '../context';
import { formatCount, rate } from '../../../server/src/protocol/text';
import { badge, el, section } from '../dom';

export function quality({ report }: PageContext): HTMLElement {
  const q = report.quality;
  const node = section('quality', `Data quality (${q.findings.length} finding${q.findings.length === 1 ? '' : 's'})`);
  const dup = q.duplicateRows;
  const inReference = dup.reference
    ? `${formatCount(dup.reference.rows)} (${rate(dup.reference.share)})`
    : 'not known (a profile merged from parts)';
  node.append(
    el(
      'p',
      'muted',
      `${q.columns.length} columns checked. Duplicate rows: reference ${inReference}, current ${formatCount(dup.current.rows)} (${rate(dup.current.share)}).`,
    ),
  );
  const t = el('table', 'data quality');
  const head = t.createTHead().insertRow();
  for (const title of ['severity', 'kind', 'column', 'finding']) head.append(el('th', undefined, title));
  const body = t.createTBody();
  for (const f of q.findings) {
    const row = body.insertRow();
    row.insertCell().append(badge(f.severity, f.severity));
    row.insertCell().textContent = f.kind;
    row.insertCell().textContent = f.column ?? '(whole rows)';
    row.insertCell().textContent = f.message;
  }
  node.append(t);
  if (q.findings.length === 0) node.append(el('p', 'empty', 'No data quality findings.'));
  return node;
}
