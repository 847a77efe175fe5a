/** KPI cards: features monitored and drifted, the drift share, the worst severity, the main metric. */
import type { Severity } from '../../../server/src/protocol/report';
import { mainMetric } from '../../../server/src/protocol/metrics';
import type { PageContext } from '../context';
import { formatChange, formatCount, percent } from '../../../server/src/protocol/text';
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
