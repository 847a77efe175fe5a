/** KPI cards: features monitored and drifted, the drift share, the worst severity, the risk, the main metric. */
import type { Risk, Severity } from '../../../server/src/protocol/report';
import { mainMetric } from '../../../server/src/protocol/metrics';
import type { PageContext } from '../context';
import { formatChange, formatCount, percent, riskPoints } from '../../../server/src/protocol/text';
import { badge, el, fmt, section } from '../dom';
import { SEVERITY_RANK } from '../theme';

function card(label: string, value: string | Node, detail?: string): HTMLElement {
  const node = el('div', 'card');
  node.dataset.kpi = label;
  const v = el('div', 'value');
  v.append(value);
  node.append(el('div', 'label', label), v);
  if (detail) node.append(el('div', 'detail', detail));
  return node;
}

export function kpis({ report }: PageContext): HTMLElement {
  const node = section('kpis', 'Key figures');
  const cards = el('div', 'cards');
  const top = report.features.reduce<Severity>(
    (worst, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst] ? f.severity : worst),
    'none',
  );
  cards.append(
    card('Features monitored', formatCount(report.dataset.features), `${report.features.length} columns tested in all`),
    card('Drifted', formatCount(report.dataset.driftedFeatures)),
    card('Drift share', percent(report.dataset.share, 0), `dataset drift at ${percent(report.dataset.threshold, 0)}`),
    card('Top severity', badge(top, top)),
    riskCard(report.risk),
  );
  const model = report.performance?.models[0];
  if (model) {
    const metric = mainMetric(report.performance!.task, model.current as unknown as Record<string, number | null>);
    if (metric) {
      const current = (model.current as unknown as Record<string, number | null>)[metric] ?? null;
      const baseline = (model.baseline as Record<string, number | undefined>)[metric] ?? null;
      const delta = current !== null && baseline !== null ? current - baseline : null;
      cards.append(
        card(
          `${metric} (${model.model})`,
          fmt(current),
          `baseline ${fmt(baseline)}${delta === null ? '' : `, ${formatChange(delta)}`}`,
        ),
      );
    }
  }
  node.append(cards);
  return node;
}

/** The risk score with its level and what the level asks, then its components' points, each with how they were made. */
function riskCard(risk: Risk): HTMLElement {
  const value = el('span');
  value.append(`${risk.score}/100 `, badge(risk.level, risk.level));
  const node = card('Risk', value, risk.meaning);
  const parts = el('ul', 'risk-components');
  for (const component of risk.components) {
    const item = el('li', component.measured ? undefined : 'muted', riskPoints(component));
    item.title = component.reason;
    item.dataset.component = component.name;
    parts.append(item);
  }
  node.append(parts);
  return node;
}
