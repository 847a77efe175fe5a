/**
 * Where the cursor is in a config being typed, and what the schema says about that place.
 *
 * The cursor's place is read from the text line by line (indentation, `- ` and `key:`),
 * not from the YAML parser: while a key is half typed the document is often invalid, or
 * valid with another meaning (`drift:\n  thr` is `drift` with the text value "thr"), and
 * completion must still know that the cursor is on a key under `drift`.
 */
import { stringify } from 'yaml';
import schemaJson from '../../../schemas/drift-monitor.schema.json';
import { MAX_NESTING } from '../engine/config/limits';
import { keysNameColumns, valueNamesColumn } from '../engine/config/namedColumns';

/** Map keys and sequence indices from the document root, as in a JSON pointer. */
export type YamlPath = (string | number)[];

/** The parts of JSON Schema that drift-monitor.schema.json uses. */
export interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: (string | number | boolean)[];
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  oneOf?: SchemaNode[];
  $ref?: string;
}

const schema = schemaJson as SchemaNode & { definitions: Record<string, SchemaNode> };

/**
 * The schema of the value at `path`, `$ref`s resolved, and a `oneOf`'s branches' allowed
 * values and keys offered together (`format: csv` or `format: {reference: csv}`);
 * undefined where the schema allows nothing.
 */
export function schemaAt(path: readonly (string | number)[]): SchemaNode | undefined {
  const node = rawSchemaAt(path);
  return node && withBranches(resolve(node));
}

function withBranches(node: SchemaNode): SchemaNode {
  if (!node.oneOf) return node;
  const branches = node.oneOf.map(resolve);
  const values = branches.flatMap((branch) => branch.enum ?? []);
  const properties: Record<string, SchemaNode> = {};
  for (const branch of branches) Object.assign(properties, branch.properties);
  return {
    ...node,
    ...(values.length > 0 && { enum: values }),
    ...(Object.keys(properties).length > 0 && { properties }),
  };
}

/** Is the value at `path` a column name (of the CSV files)? */
export function expectsColumn(path: readonly (string | number)[]): boolean {
  return valueNamesColumn(path);
}

/** Are the keys of the map at `path` column names? (Per-feature overrides.) */
export function keysAreColumns(path: readonly (string | number)[]): boolean {
  return keysNameColumns(path);
}

/** Is the value at `path` a CSV path, relative to the config's folder? */
export function expectsFile(path: readonly (string | number)[]): boolean {
  return (
    samePath(path, ['reference']) ||
    samePath(path, ['current']) ||
    (path.length === 2 && path[0] === 'datasets' && typeof path[1] === 'string')
  );
}

export function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((segment, i) => String(segment) === String(b[i]));
}

/** The node at `path` before its own `$ref` is resolved, so that the reference itself can be asked about. */
function rawSchemaAt(path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const segment of path) {
    if (!node) return undefined;
    node = child(resolve(node), segment);
  }
  return node;
}

function child(node: SchemaNode, segment: string | number): SchemaNode | undefined {
  if (node.oneOf) return node.oneOf.map((branch) => child(resolve(branch), segment)).find(Boolean);
  if (typeof segment === 'number') return node.items;
  if (node.properties?.[segment]) return node.properties[segment];
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

/** A `$ref` replaced by its definition; the referring node's own keywords (its description) win. */
function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const { $ref, ...own } = node;
  const target = schema.definitions[$ref.replace('#/definitions/', '')];
  return target ? { ...resolve(target), ...own } : own;
}

/**
 * A key or scalar value as written: its path, its text (unquoted) and the range of the text,
 * which is what a completion replaces. An empty value (`key: ` or `- `) or key (a blank slot
 * in a flow map) spans the blank where it would go.
 */
export interface YamlToken {
  kind: 'key' | 'value';
  /** For a key, the path of its value: its parent map's path plus the key. */
  path: YamlPath;
  text: string;
  start: number;
  end: number;
  /** A block sequence item written without `key:` (`- text`): a value, or a key being typed in an item that is a map. */
  item?: boolean;
}

export type CursorContext = Omit<YamlToken, 'item'>;

/**
 * What the cursor at `offset` is on or in: a key (possibly half typed, or none yet on a blank
 * line, where the indentation says whose key it would be) or a value. Undefined in comments
 * and other places where nothing can be written.
 */
export function contextAt(text: string, offset: number): CursorContext | undefined {
  const token = yamlTokens(text).find((t) => t.start <= offset && offset <= t.end);
  if (token) {
    const { item, ...written } = token;
    // In a blank, what is typed goes at the cursor.
    const context =
      text.slice(token.start, token.end).trim() === '' ? { ...written, start: offset, end: offset } : written;
    // `- na|` in a list of maps starts a key of the item's map.
    if (item && schemaAt(token.path)?.type === 'object')
      return { ...context, kind: 'key', path: [...token.path, token.text] };
    return context;
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text.slice(lineStart, offset).trim() !== '') return undefined;
  const stack = new BlockStack();
  for (const line of lines(text.slice(0, lineStart))) scanLine(line, stack, []);
  return { kind: 'key', path: [...stack.parentOfKey(offset - lineStart), ''], text: '', start: offset, end: offset };
}

/** Every key and scalar value of the text, in order, from a forgiving line-by-line reading. */
export function yamlTokens(text: string): YamlToken[] {
  const tokens: YamlToken[] = [];
  const stack = new BlockStack();
  for (const line of lines(text)) scanLine(line, stack, tokens);
  return tokens;
}

/** The keys written in the map at `path`. */
export function keysAt(tokens: readonly YamlToken[], path: readonly (string | number)[]): YamlToken[] {
  return tokens.filter(
    (t) => t.kind === 'key' && t.path.length === path.length + 1 && samePath(t.path.slice(0, -1), path),
  );
}

/** The scalar items written in the sequence at `path`. */
export function itemsAt(tokens: readonly YamlToken[], path: readonly (string | number)[]): YamlToken[] {
  return tokens.filter(
    (t) =>
      t.kind === 'value' &&
      t.path.length === path.length + 1 &&
      typeof t.path[path.length] === 'number' &&
      samePath(t.path.slice(0, -1), path),
  );
}

/** The scalar written at `path`, if any. */
export function valueAt(tokens: readonly YamlToken[], path: readonly (string | number)[]): YamlToken | undefined {
  return tokens.find((t) => t.kind === 'value' && t.text !== '' && samePath(t.path, path));
}

interface Line {
  start: number;
  text: string;
}

function lines(text: string): Line[] {
  const result: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    result.push({ start, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw });
    start += raw.length + 1;
  }
  return result;
}

/**
 * The block collections open at a line: each `key:` and `- ` seen, with the column where it
 * starts. A later line closes those it is not indented under.
 */
class BlockStack {
  private open: { column: number; segment: string | number; dash: boolean }[] = [];

  get depth(): number {
    return this.open.length;
  }

  /** A `key:` at `column`: closes the keys and sequences at that column or deeper. Returns the key's path. */
  key(column: number, key: string): YamlPath {
    this.closeFrom(column);
    this.open.push({ column, segment: key, dash: false });
    return this.path();
  }

  /**
   * A `- ` at `column`: the next item of the sequence there, or its first. A key at the same
   * column stays open, since `key:\n- a` is a sequence under `key`.
   */
  dash(column: number): YamlPath {
    this.closeFrom(column + 1);
    const top = this.open.at(-1);
    const previous = top?.dash && top.column === column ? (this.open.pop()!.segment as number) : -1;
    this.open.push({ column, segment: previous + 1, dash: true });
    return this.path();
  }

  /** The path of the map a key at `column` would belong to. */
  parentOfKey(column: number): YamlPath {
    return this.open.filter((entry) => entry.column < column).map((entry) => entry.segment);
  }

  private closeFrom(column: number): void {
    while (this.open.length && this.open.at(-1)!.column >= column) this.open.pop();
  }

  private path(): YamlPath {
    return this.open.map((entry) => entry.segment);
  }
}

/** Reads one line's dashes, key and value into tokens, updating the open collections. */
function scanLine({ start, text }: Line, stack: BlockStack, tokens: YamlToken[]): void {
  const indent = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('%') || trimmed === '---' || trimmed === '...')
    return;
  const end = commentStart(text);
  let at = indent;
  let itemPath: YamlPath | undefined;
  let afterDash = at;
  // Each level copies the path: no deeper than a config may nest (a block scalar is text the parser does not limit).
  while (text[at] === '-' && (at + 1 >= end || text[at + 1] === ' ') && stack.depth < MAX_NESTING) {
    itemPath = stack.dash(at);
    afterDash = at + 1;
    at = skipSpaces(text, afterDash, end);
  }
  if (at >= end) {
    if (itemPath)
      tokens.push({ kind: 'value', path: itemPath, text: '', start: start + afterDash, end: start + end, item: true });
    return;
  }
  if (text[at] === '[' || text[at] === '{') {
    flowTokens(text, at, end, itemPath ?? stack.parentOfKey(at), start, tokens);
    return;
  }
  const colon = keySeparator(text, at, end);
  if (colon < 0) {
    // No `key:` yet: a sequence item's value, or a key being typed.
    const [s, e] = trimmedRange(text, at, end);
    const written = unquote(text.slice(s, e));
    if (itemPath)
      tokens.push({ kind: 'value', path: itemPath, text: written, start: start + s, end: start + e, item: true });
    else tokens.push({ kind: 'key', path: stack.key(at, written), text: written, start: start + s, end: start + e });
    return;
  }
  const keyEnd = trimmedRange(text, at, colon)[1];
  const key = unquote(text.slice(at, keyEnd));
  const path = stack.key(at, key);
  tokens.push({ kind: 'key', path, text: key, start: start + at, end: start + keyEnd });
  const valueStart = skipSpaces(text, colon + 1, end);
  if (valueStart >= end) {
    tokens.push({ kind: 'value', path, text: '', start: start + colon + 1, end: start + end });
  } else if (text[valueStart] === '[' || text[valueStart] === '{') {
    flowTokens(text, valueStart, end, path, start, tokens);
  } else {
    const [s, e] = trimmedRange(text, valueStart, end);
    tokens.push({ kind: 'value', path, text: unquote(text.slice(s, e)), start: start + s, end: start + e });
  }
}

/**
 * The keys and scalars of a flow collection (`[a, b]`, `{ method: ks }`) written on one line
 * from `from`, possibly unfinished. `base` is the line's offset in the text.
 */
function flowTokens(text: string, from: number, to: number, path: YamlPath, base: number, tokens: YamlToken[]): void {
  interface Frame {
    path: YamlPath;
    map: boolean;
    index: number;
    key?: string;
  }
  const frames: Frame[] = [];
  let itemStart = from;
  /** The item just ended was a nested collection, not a scalar. */
  let nested = false;
  const slotPath = (frame: Frame) => [...frame.path, frame.map ? (frame.key ?? '') : frame.index];
  const emit = (frame: Frame, end: number) => {
    if (nested) return;
    const [s, e] = trimmedRange(text, itemStart, end);
    const written = unquote(text.slice(s, e).trim());
    if (frame.map && frame.key === undefined)
      tokens.push({ kind: 'key', path: [...frame.path, written], text: written, start: base + s, end: base + e });
    else tokens.push({ kind: 'value', path: slotPath(frame), text: written, start: base + s, end: base + e });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i];
    const frame = frames.at(-1);
    if (ch === '"' || ch === "'") {
      i = closingQuote(text, i, to);
    } else if (ch === '[' || ch === '{') {
      // Each level copies the path: the rest of a line nested deeper than a config may is not read.
      if (frames.length >= MAX_NESTING) return;
      frames.push({ path: frame ? slotPath(frame) : path, map: ch === '{', index: 0 });
      itemStart = i + 1;
      nested = false;
    } else if (frame && (ch === ',' || ch === ']' || ch === '}')) {
      emit(frame, i);
      if (ch === ',') {
        frame.index++;
        frame.key = undefined;
        nested = false;
      } else {
        frames.pop();
        nested = true;
      }
      itemStart = i + 1;
    } else if (frame?.map && frame.key === undefined && ch === ':' && (i + 1 >= to || ' ,]}'.includes(text[i + 1]))) {
      const [s, e] = trimmedRange(text, itemStart, i);
      frame.key = unquote(text.slice(s, e).trim());
      tokens.push({ kind: 'key', path: slotPath(frame), text: frame.key, start: base + s, end: base + e });
      itemStart = i + 1;
    }
  }
  const open = frames.at(-1);
  if (open) emit(open, to);
}

/** Where a `#` comment starts on the line (the line's length if none): at the start or after a space, outside quotes. */
function commentStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"' || text[i] === "'") i = closingQuote(text, i, text.length);
    else if (text[i] === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return text.length;
}

/** The `:` that ends a block key: followed by a space or the end, outside quotes; -1 if none. */
function keySeparator(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text[i] === '"' || text[i] === "'") i = closingQuote(text, i, to);
    else if (text[i] === ':' && (i + 1 >= to || text[i + 1] === ' ' || text[i + 1] === '\t')) return i;
  }
  return -1;
}

/** The index of the quote closing the one at `open` (or `to` - 1 if unclosed). */
function closingQuote(text: string, open: number, to: number): number {
  const quote = text[open];
  for (let i = open + 1; i < to; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return to - 1;
}

function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** [from, to) without the spaces around; all of it when it is blank. */
function trimmedRange(text: string, from: number, to: number): [number, number] {
  const s = skipSpaces(text, from, to);
  let e = to;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return s === e ? [from, to] : [s, e];
}

function unquote(written: string): string {
  if (written.length >= 2 && written.startsWith("'") && written.endsWith("'"))
    return written.slice(1, -1).replace(/''/g, "'");
  if (written.length >= 2 && written.startsWith('"') && written.endsWith('"')) {
    try {
      return JSON.parse(written) as string;
    } catch {
      return written.slice(1, -1);
    }
  }
  return written;
}

/** A name as a YAML scalar that reads back as the same string, also inside `[...]` and `{...}`. */
export function yamlScalar(name: string): string {
  const written = stringify(name, { lineWidth: 0 }).trimEnd();
  return /[,[\]{}]/.test(written) && !/^["']/.test(written) ? JSON.stringify(name) : written;
}
