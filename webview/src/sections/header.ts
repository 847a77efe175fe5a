/** Header: what was compared, when, and the verdicts (risk, dataset drift, retraining). */
import type { FileSummary } from '../../../server/src/protocol/report';
import type { PageContext } from '../context';
import { correctionSentence, datasetDriftSentence, fileRows, formatCount } from '../../../server/src/protocol/text';
import { badge, el } from '../dom';

function files(f: FileSummary): string {
  return `${f.path} (${fileRows(f)} × ${formatCount(f.columns)} columns)`;
}

export function header({ report }: PageContext): HTMLElement {
  const node = el('header', 'section');
  node.id = 'section-header';
  node.dataset.section = 'header';
  node.append(el('h1', undefined, `Drift report: ${report.config}`));

  const meta = el('dl', 'meta');
  const add = (term: string, value: string | Node): void => {
    const dd = el('dd');
    dd.append(value);
    meta.append(el('dt', undefined, term), dd);
  };
  add('Config', report.config);
  add('Reference', files(report.reference));
  add('Current', files(report.current));
  for (const d of report.datasets) add(`Dataset ${d.name}`, files(d));
  add('Generated', report.generatedAt);
  const risk = el('span', 'risk');
  risk.append(`${report.risk.score} / 100 `, badge(report.risk.level, report.risk.level));
  add('Risk score', risk);
  const verdict = el('span', 'verdict', datasetDriftSentence(report.dataset));
  verdict.dataset.drifted = String(report.dataset.drifted);
  // Under the verdict, which correction made the p-values it counts.
  const correction = correctionSentence(report.correction);
  const datasetDrift = document.createDocumentFragment();
  datasetDrift.append(verdict);
  if (correction) datasetDrift.append(el('br'), el('span', 'muted correction', correction));
  add('Dataset drift', datasetDrift);
  const retrain = el(
    'span',
    'verdict',
    report.retraining.retrain ? `Retrain (priority ${report.retraining.priority})` : 'No retraining needed',
  );
  add('Retraining', retrain);
  node.append(meta);

  if (report.retraining.reasons.length > 0) {
    const reasons = el('ul', 'reasons');
    reasons.dataset.list = 'retraining-reasons';
    for (const r of report.retraining.reasons) reasons.append(el('li', undefined, r));
    node.append(el('h3', undefined, 'Why retrain'), reasons);
  }
  if (report.concept.diagnosis.explanation.length > 0) {
    const list = el('ul', 'reasons');
    for (const line of report.concept.diagnosis.explanation) list.append(el('li', undefined, line));
    node.append(el('h3', undefined, 'Diagnosis'), list);
  }
  if (report.notes.length > 0) {
    const list = el('ul', 'reasons muted');
    for (const line of report.notes) list.append(el('li', undefined, line));
    node.append(el('h3', undefined, 'Notes'), list);
  }
  return node;
}
