/** The selected column: reference vs current on the shared bins, its summaries and every test. */
import type { Chart } from 'chart.js';
import type { CategoricalSummary, DriftTests, FeatureDrift, NumericalSummary } from '../../../server/src/protocol/report';
import { replaceChart, withAlpha } from '../charts';
import type { PageContext } from '../context';
import { formatCount, formatValue } from '../../../server/src/protocol/text';
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
    title.textContent = `${f.name} (${f.kind} ${f.role}${f.model ? `, model ${f.model}` : ''}): ${f.drifted ? 'drifted' : 'no drift'}, ${f.method} ${fmt(f.statistic)} against ${fmt(f.threshold)}`;
    reason.textContent = `Method: ${f.methodReason}`;
    const h = f.histogram;
    const labels = h.kind === 'numerical' ? h.edges.slice(0, -1).map((lo, i) => `${fmt(lo)} – ${fmt(h.edges[i + 1]!)}`) : h.categories;
    chart = replaceChart<'bar'>(chart, chartBox, `Distribution of ${f.name}: reference and current share per ${h.kind === 'numerical' ? 'bin' : 'category'}`, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'reference', data: h.reference, backgroundColor: withAlpha(ctx.theme.blue, 0.6), borderColor: ctx.theme.blue, borderWidth: 1 },
          { label: 'current', data: h.current, backgroundColor: withAlpha(ctx.theme.orange, 0.6), borderColor: ctx.theme.orange, borderWidth: 1 },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, title: { display: true, text: 'share of values' } } },
        plugins: { legend: { display: true } },
      },
    });
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
    rows.push(['count', formatCount(r.count), formatCount(c.count)], ['missing', formatCount(r.missing), formatCount(c.missing)], ['mean', r.mean, c.mean], ['std', r.std, c.std], ['min', value(r.min), value(c.min)]);
    for (const q of ['p05', 'p25', 'p50', 'p75', 'p95'] as const) rows.push([q, r.quantiles[q], c.quantiles[q]]);
    rows.push(['max', value(r.max), value(c.max)]);
  } else {
    const r = f.reference as CategoricalSummary;
    const c = f.current as CategoricalSummary;
    rows.push(['count', formatCount(r.count), formatCount(c.count)], ['missing', formatCount(r.missing), formatCount(c.missing)], ['unique', formatCount(r.unique), formatCount(c.unique)]);
    const top = (s: CategoricalSummary): string => s.categories.slice(0, 5).map((k) => `${k.value} (${formatCount(k.count)})`).join(', ');
    rows.push(['top categories', top(r), top(c)]);
  }
  return table(['statistic', 'reference', 'current'], rows, 'data summary');
}

function testsTable(f: FeatureDrift): HTMLTableElement {
  const rows: CellValue[][] = [];
  const t: DriftTests = f.tests;
  const mark = (method: string): string => (method === f.method ? `${method} (deciding)` : method);
  if (t.ks) rows.push([mark('ks'), t.ks.statistic, t.ks.pValue, t.ks.method]);
  if (t.mannwhitney) rows.push([mark('mannwhitney'), t.mannwhitney.statistic, t.mannwhitney.pValue, '']);
  if (t.cramervonmises) rows.push([mark('cramervonmises'), t.cramervonmises.statistic, t.cramervonmises.pValue, '']);
  if (t.andersondarling) rows.push([mark('andersondarling'), t.andersondarling.statistic, t.andersondarling.pValue, t.andersondarling.pValueCapped ? 'p-value capped' : '']);
  if (t.chisquare) rows.push([mark('chisquare'), t.chisquare.statistic, t.chisquare.pValue, `dof ${t.chisquare.dof}`]);
  if (t.ztest) rows.push([mark('ztest'), t.ztest.statistic, t.ztest.pValue, '']);
  if (t.wasserstein) rows.push([mark('wasserstein'), t.wasserstein.value, null, `normed ${fmt(t.wasserstein.normed)}`]);
  if (t.energy) rows.push([mark('energy'), t.energy.value, null, `normed ${fmt(t.energy.normed)}`]);
  if (t.psi) rows.push([mark('psi'), t.psi.value, null, '']);
  if (t.jensenshannon) rows.push([mark('jensenshannon'), t.jensenshannon.value, null, '']);
  if (t.kl) rows.push([mark('kl'), t.kl.value, null, '']);
  if (t.hellinger) rows.push([mark('hellinger'), t.hellinger.value, null, '']);
  return table(['test', 'statistic / distance', 'p-value', 'note'], rows, 'data tests');
}
