/** Every tested column with its deciding test and the common distances; sortable, filterable, clickable. */
import { decidingStatistic, type DriftMethod } from '../../../server/src/protocol/methods';
import type { FeatureDrift } from '../../../server/src/protocol/report';
import type { PageContext } from '../context';
import { percentagePoints } from '../../../server/src/protocol/text';
import { badge, columnName, el, fmt, section } from '../dom';
import { SEVERITY_RANK } from '../theme';

type Value = string | number | null;

interface Column {
  key: string;
  title: string;
  value(f: FeatureDrift): Value;
  cell?(f: FeatureDrift): Node;
}

/**
 * A common test's column, by the figure it decides on (the method table's). In the row of a
 * column that test decided, the figure is already under "statistic": the cell says so instead.
 */
function testColumn(key: string, title: string, method: DriftMethod): Column {
  return {
    key,
    title,
    value: (f) => decidingStatistic(method, f.tests) ?? null,
    cell: (f) =>
      f.method === method
        ? el('span', 'muted', 'deciding')
        : document.createTextNode(fmt(decidingStatistic(method, f.tests) ?? null)),
  };
}

export function featureTable(ctx: PageContext): HTMLElement {
  const { report } = ctx;
  const quality = new Map(report.quality.columns.map((c) => [c.name, c]));
  const missingRate = (s: FeatureDrift['reference']): number | null =>
    s.count + s.missing > 0 ? s.missing / (s.count + s.missing) : null;
  const missingChange = (f: FeatureDrift): number | null => {
    const q = quality.get(f.name);
    if (q) return q.missingRateChange;
    const r = missingRate(f.reference);
    const c = missingRate(f.current);
    return r === null || c === null ? null : c - r;
  };
  const columns: Column[] = [
    { key: 'name', title: 'feature', value: (f) => f.name, cell: (f) => columnName(f.name) },
    { key: 'role', title: 'role', value: (f) => (f.model ? `${f.role} (${f.model})` : f.role) },
    { key: 'kind', title: 'kind', value: (f) => f.kind },
    { key: 'method', title: 'method', value: (f) => f.method },
    { key: 'statistic', title: 'statistic', value: (f) => f.statistic },
    ...(report.features.some((f) => f.adjustedPValue !== undefined)
      ? [{ key: 'adjusted', title: 'adjusted p', value: (f: FeatureDrift) => f.adjustedPValue ?? null }]
      : []),
    { key: 'threshold', title: 'threshold', value: (f) => f.threshold },
    testColumn('psi', 'PSI', 'psi'),
    testColumn('ks', 'KS p-value', 'ks'),
    testColumn('js', 'JS', 'jensenshannon'),
    testColumn('wasserstein', 'Wasserstein (normed)', 'wasserstein'),
    { key: 'missing', title: 'missing change', value: (f) => missingChange(f) },
    {
      key: 'drifted',
      title: 'drifted',
      value: (f) => (f.drifted ? 1 : 0),
      // Undecided: streamed, and the sketches' bound on the statistic straddles the threshold.
      cell: (f) => badge(f.drifted ? 'yes' : f.undecided ? 'undecided' : 'no', f.drifted ? 'yes' : 'no'),
    },
    {
      key: 'severity',
      title: 'severity',
      value: (f) => SEVERITY_RANK[f.severity],
      cell: (f) => badge(f.severity, f.severity),
    },
  ];

  const node = section('features', 'Columns');
  const filter = el('input', 'filter');
  filter.type = 'search';
  filter.placeholder = 'Filter columns…';
  filter.setAttribute('aria-label', 'Filter columns by name, role, kind, method or severity');
  const count = el('span', 'muted filter-count');
  const table = el('table', 'data sortable features');
  const headRow = table.createTHead().insertRow();
  const body = table.createTBody();
  const rows = new Map<string, HTMLTableRowElement>();
  for (const f of report.features) {
    const row = el('tr');
    row.dataset.feature = f.name;
    row.tabIndex = 0;
    for (const c of columns) {
      const cell = row.insertCell();
      if (c.cell) cell.append(c.cell(f));
      else cell.textContent = c.key === 'missing' ? signed(c.value(f)) : fmt(c.value(f));
    }
    row.addEventListener('click', () => ctx.select(f.name));
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        ctx.select(f.name);
      }
    });
    rows.set(f.name, row);
  }

  let order = [...report.features];
  let sortKey: string | null = null;
  let ascending = true;
  const draw = (): void => {
    const needle = filter.value.trim().toLowerCase();
    let shown = 0;
    body.replaceChildren(
      ...order.map((f) => {
        const row = rows.get(f.name)!;
        const text = [f.name, f.role, f.model ?? '', f.kind, f.method, f.severity].join(' ').toLowerCase();
        row.hidden = needle !== '' && !text.includes(needle);
        if (!row.hidden) shown++;
        return row;
      }),
    );
    count.textContent = needle ? ` ${shown} of ${order.length} shown` : '';
  };
  for (const c of columns) {
    const th = el('th', undefined, c.title);
    th.dataset.key = c.key;
    th.tabIndex = 0;
    th.setAttribute('aria-sort', 'none');
    const sort = (): void => {
      ascending = sortKey === c.key ? !ascending : true;
      sortKey = c.key;
      order = [...report.features].sort((a, b) => compare(c.value(a), c.value(b), ascending));
      for (const other of Array.from(headRow.cells)) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      draw();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') sort();
    });
    headRow.append(th);
  }
  filter.addEventListener('input', draw);
  draw();

  ctx.onSelect((f) => {
    for (const [name, row] of rows) {
      row.classList.toggle('selected', name === f.name);
      row.setAttribute('aria-selected', String(name === f.name));
    }
  });
  const scroll = el('div', 'table-scroll');
  scroll.append(table);
  node.append(filter, count, scroll);
  return node;
}

function signed(value: Value): string {
  return typeof value === 'number' ? percentagePoints(value) : fmt(value);
}

/** Nulls last whatever the direction; numbers numerically, text alphabetically. */
function compare(a: Value, b: Value, ascending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return ascending ? order : -order;
}
