/** DOM helpers. Every string goes in with textContent; nothing here parses HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A report section: `<section id=… data-section=…><h2>title</h2></section>`. */
export function section(id: string, title: string): HTMLElement {
  const node = el('section', 'section');
  node.id = `section-${id}`;
  node.dataset.section = id;
  node.append(el('h2', undefined, title));
  return node;
}

export type CellValue = string | number | boolean | null | undefined;

/** A table of text cells; `cells` may be values or (for richer cells) ready-made nodes. */
export function table(headers: string[], rows: (CellValue | Node)[][], className = 'data'): HTMLTableElement {
  const t = el('table', className);
  const head = t.createTHead().insertRow();
  for (const h of headers) head.append(el('th', undefined, h));
  const body = t.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    for (const c of cells) {
      const cell = row.insertCell();
      if (c instanceof Node) cell.append(c);
      else cell.textContent = fmt(c);
    }
  }
  return t;
}

/** A number for people: 4 significant digits, thousands grouped; '—' for missing. */
export function fmt(value: CellValue): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs !== 0 && abs < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A small coloured label such as a severity. */
export function badge(text: string, kind: string): HTMLElement {
  const node = el('span', `badge badge-${kind}`, text);
  return node;
}
