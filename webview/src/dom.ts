/** DOM helpers. Every string goes in with textContent; nothing here parses HTML. */
import { formatNumber } from '../../server/src/protocol/text';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
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

/**
 * A cell or an inline figure: a measurement as the report's messages write it (formatNumber),
 * '—' for missing. Counts are not measurements: pass them as formatCount(n).
 */
export function fmt(value: CellValue): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return formatNumber(value);
}

/**
 * A column name that wraps only after its separators (`monthly_ / charges`, never
 * `monthly_charg / es`): the text with a <wbr> after each `_`, `.`, `-` and `/`.
 */
export function columnName(name: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of name.split(/(?<=[_./-])/)) {
    if (fragment.childNodes.length > 0) fragment.append(el('wbr'));
    fragment.append(part);
  }
  return fragment;
}

/** A small coloured label such as a severity. */
export function badge(text: string, kind: string): HTMLElement {
  const node = el('span', `badge badge-${kind}`, text);
  return node;
}
