/** The selected column: reference vs current on the shared bins, its summaries and every test. */
import type { Chart } from 'chart.js';
import { METHODS, METHODS_FOR_READING } from '../../../server/src/protocol/methods';
import type { CategoricalSummary, FeatureDrift, NumericalSummary } from '../../../server/src/protocol/report';
import { replaceChart, withAlpha } from '../charts';
import type { PageContext } from '../context';
import { adjustedPValue, formatCount, formatValue } from '../../../server/src/protocol/text';
import { el, fmt, section, table, type CellValue } from '../dom';

export function distribution(ctx: PageContext): HTMLElement {
  const node = section('distribution', 'Distribution');
  const title = el('h3', 'distribution-title', 'Select a column in the chart or the table.');
  const reason = el('p', 'muted');
  const chartBox = el('div');
  const details = el('div', 'charts');
  node.append(title, reason, chartBox, details);
  let chart: Chart<'bar'> | undefined;

  ctx.onSelect((f) => {
    title.textContent = `${f.name} (${f.kind} ${f.role}${f.model ? `, model ${f.model}` : ''}): ${f.drifted ? 'drifted' : f.undecided ? 'undecided' : 'no drift'}, ${f.method} ${fmt(f.statistic)}${f.adjustedPValue === undefined ? '' : `, ${adjustedPValue(f.adjustedPValue)}`} against ${fmt(f.threshold)}`;
    reason.textContent = `Method: ${f.methodReason}`;
    const h = f.histogram;
    const labels =
      h.kind === 'numerical'
        ? h.edges.slice(0, -1).map((lo, i) => `${fmt(lo)} – ${fmt(h.edges[i + 1]!)}`)
        : h.categories;
    chart = replaceChart<'bar'>(
      chart,
      chartBox,
      `Distribution of ${f.name}: reference and current share per ${h.kind === 'numerical' ? 'bin' : 'category'}`,
      {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              label: 'reference',
              data: h.reference,
              backgroundColor: withAlpha(ctx.theme.blue, 0.6),
              borderColor: ctx.theme.blue,
              borderWidth: 1,
            },
            {
              label: 'current',
              data: h.current,
              backgroundColor: withAlpha(ctx.theme.orange, 0.6),
              borderColor: ctx.theme.orange,
              borderWidth: 1,
            },
          ],
        },
        options: {
          scales: { y: { beginAtZero: true, title: { display: true, text: 'share of values' } } },
          plugins: { legend: { display: true } },
        },
      },
    );
    chart.canvas.dataset.chart = 'distribution';
    chart.canvas.dataset.feature = f.name;
    const summary = el('div');
    summary.append(el('h3', undefined, 'Summary'), summaryTable(f));
    const tests = el('div');
    tests.append(el('h3', undefined, 'Tests'), testsTable(f));
    details.replaceChildren(summary, tests);
  });
  return node;
}

/** A minimum or maximum as the column holds it; '—' when it has no values. */
const value = (x: number | null): CellValue => (x === null ? null : formatValue(x));

function summaryTable(f: FeatureDrift): HTMLTableElement {
  const rows: [string, CellValue, CellValue][] = [];
  if (f.kind === 'numerical') {
    const r = f.reference as NumericalSummary;
    const c = f.current as NumericalSummary;
    rows.push(
      ['count', formatCount(r.count), formatCount(c.count)],
      ['missing', formatCount(r.missing), formatCount(c.missing)],
      ['mean', r.mean, c.mean],
      ['std', r.std, c.std],
      ['min', value(r.min), value(c.min)],
    );
    for (const q of ['p05', 'p25', 'p50', 'p75', 'p95'] as const) rows.push([q, r.quantiles[q], c.quantiles[q]]);
    rows.push(['max', value(r.max), value(c.max)]);
  } else {
    const r = f.reference as CategoricalSummary;
    const c = f.current as CategoricalSummary;
    rows.push(
      ['count', formatCount(r.count), formatCount(c.count)],
      ['missing', formatCount(r.missing), formatCount(c.missing)],
      ['unique', formatCount(r.unique), formatCount(c.unique)],
    );
    const top = (s: CategoricalSummary): string =>
      s.categories
        .slice(0, 5)
        .map((k) => `${k.value} (${formatCount(k.count)})`)
        .join(', ');
    rows.push(['top categories', top(r), top(c)]);
  }
  return table(['statistic', 'reference', 'current'], rows, 'data summary');
}

/** How a result's other figures and notes read beside its statistic and p-value. */
const NOTES: Record<string, (value: unknown) => string> = {
  dof: (value) => `dof ${value}`,
  normed: (value) => `normed ${fmt(value as number)}`,
  method: (value) => String(value),
  pValueCapped: (value) => (value ? 'p-value capped' : ''),
};

function testsTable(f: FeatureDrift): HTMLTableElement {
  const rows: CellValue[][] = [];
  for (const method of METHODS_FOR_READING) {
    const result = f.tests[method] as Record<string, number | string | boolean> | undefined;
    if (!result) continue;
    const { figures, notes = [] } = METHODS[method];
    const main = result.statistic ?? result.value;
    const pValue = result.pValue ?? null;
    const extra = [...figures, ...notes].filter((field) => !['statistic', 'value', 'pValue'].includes(field));
    const note = extra.map((field) => NOTES[field]!(result[field])).join(', ');
    rows.push([method === f.method ? `${method} (deciding)` : method, main as number, pValue as number | null, note]);
  }
  return table(['test', 'statistic / distance', 'p-value', 'note'], rows, 'data tests');
}
