/** Header: what was compared, when, the verdicts (risk, dataset drift, retraining), the diagnosis and how the risk was made. */
import type { FileSummary, RetrainingState } from '../../../server/src/protocol/report';
import type { PageContext } from '../context';
import {
  andList,
  correctionSentence,
  datasetDriftSentence,
  fileRows,
  formatCount,
  retrainingHeadline,
  riskPoints,
} from '../../../server/src/protocol/text';
import { badge, el } from '../dom';

function files(f: FileSummary): string {
  return `${f.path} (${fileRows(f)} × ${formatCount(f.columns)} columns)`;
}

/** The heading over the retraining reasons: they say why, and for a blocked recommendation what blocks it. */
const REASONS_HEADING: Record<RetrainingState, string> = {
  'not-needed': 'Why not retrain',
  recommended: 'Why retrain',
  blocked: 'Why retrain, and what blocks it',
};

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
  const profile = report.reference.profile;
  if (profile)
    add(
      'Reference profile',
      `made by ${profile.createdBy} from ${andList(profile.sources.map((s) => `${s.path} (${formatCount(s.rows)} rows)`))}`,
    );
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
  const retrain = el('span', 'verdict', retrainingHeadline(report.retraining));
  retrain.dataset.retraining = report.retraining.state;
  add('Retraining', retrain);
  node.append(meta);

  if (report.retraining.reasons.length > 0) {
    const reasons = el('ul', 'reasons');
    reasons.dataset.list = 'retraining-reasons';
    for (const r of report.retraining.reasons) reasons.append(el('li', undefined, r));
    node.append(el('h3', undefined, REASONS_HEADING[report.retraining.state]), reasons);
  }
  if (report.concept.diagnosis.explanation.length > 0) {
    const list = el('ul', 'reasons');
    for (const line of report.concept.diagnosis.explanation) list.append(el('li', undefined, line));
    node.append(el('h3', undefined, 'Diagnosis'), list);
  }
  const points = el('ul', 'reasons');
  points.dataset.list = 'risk-components';
  for (const component of report.risk.components)
    points.append(el('li', undefined, `${riskPoints(component)}: ${component.reason}`));
  node.append(el('h3', undefined, `How the risk of ${report.risk.score}/100 was made`), points);
  if (report.notes.length > 0) {
    const list = el('ul', 'reasons muted');
    for (const line of report.notes) list.append(el('li', undefined, line));
    node.append(el('h3', undefined, 'Notes'), list);
  }
  return node;
}
