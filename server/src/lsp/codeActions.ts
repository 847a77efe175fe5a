/**
 * Quick fixes for config problems, as small text edits that keep the user's layout: the
 * did-you-mean replacement, a missing required key, a column added to `columns.exclude`,
 * and a feature's drift threshold raised to accept its current value.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isDataFileName } from '../engine/data/dataFormat';
import { didYouMean } from '../engine/config/didYouMean';
import type { DriftMethod } from '../protocol/report';
import { textLimitProblem } from '../engine/config/limits';
import { locate } from '../engine/config/nodes';
import { schemaAt, yamlScalar, yamlTokens, type YamlPath } from './schemaNavigation';
import type { ConfigProblem } from '../engine/config/problem';

/** Problems whose `suggestion` replaces the text they point at. */
const REPLACED = new Set(['unknown-key', 'invalid-value', 'unknown-column']);
/** Problems on a column name that excluding the column settles. */
const EXCLUDABLE = new Set(['unknown-column', 'column-missing-in-file']);

/** A change by offsets into the text, end exclusive. */
interface Change {
  start: number;
  end: number;
  newText: string;
}

/** A key and its value as YAML text, or a map of further entries. */
type Entry = [key: string, value: string | Entry[]];

const INDENT = '  ';

/** The quick fixes of `problems` in the config `text`, whose parsed YAML is `document`. */
export function codeActions(
  text: string,
  document: Document,
  uri: string,
  configPath: string,
  problems: readonly ConfigProblem[],
): CodeAction[] {
  // A config beyond the limits is refused with a diagnostic that no edit here fixes.
  if (textLimitProblem(text)) return [];
  const tokens = yamlTokens(text);
  const actions = new Map<string, CodeAction>();
  const offer = (title: string, changes: Change[], isPreferred = false) => {
    if (changes.length && !actions.has(title))
      actions.set(title, {
        title,
        kind: CodeActionKind.QuickFix,
        edit: workspaceEdit(text, uri, changes),
        ...(isPreferred && { isPreferred }),
      });
  };
  for (const problem of problems) {
    const token = tokens.find((t) => t.start === problem.start);
    if (problem.suggestion !== undefined && REPLACED.has(problem.code)) {
      offer(
        `Change to \`${problem.suggestion}\``,
        [{ start: problem.start, end: problem.end, newText: yamlScalar(problem.suggestion) }],
        true,
      );
    }
    if (problem.code === 'file-not-found' && token) {
      const file = similarFile(token.text, configPath);
      if (file)
        offer(`Change to \`${file}\``, [{ start: token.start, end: token.end, newText: yamlScalar(file) }], true);
    }
    if (problem.code === 'missing-key' && problem.suggestion !== undefined) {
      const map = mapNeeding(document, problem.suggestion, problem.start);
      if (map) offer(`Add \`${problem.suggestion}\``, [insertEntries(text, map, [[problem.suggestion, '']])]);
    }
    if (EXCLUDABLE.has(problem.code) && token && !(token.path[0] === 'columns' && token.path[1] === 'exclude')) {
      offer(`Exclude column \`${token.text}\``, excludeChanges(text, document, token.text));
    }
  }
  return [...actions.values()];
}

/**
 * The edit setting `drift.features.<feature>.method` and `.threshold`, creating the maps on
 * the way; for "raise this feature's threshold to its current value". `document` is the parsed YAML of `text`.
 */
export function raiseThresholdEdit(
  text: string,
  document: Document,
  uri: string,
  feature: string,
  method: DriftMethod,
  value: number,
): WorkspaceEdit {
  const changes = setEntries(
    text,
    document,
    ['drift', 'features', feature],
    [
      ['method', method],
      ['threshold', String(value)],
    ],
  );
  return workspaceEdit(text, uri, changes);
}

/** A data file next to the missing one with a close name: `data/referense.csv` → `data/reference.csv`. */
function similarFile(written: string, configPath: string): string | undefined {
  const folder = written.slice(0, Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\')) + 1);
  let names: string[];
  try {
    names = readdirSync(path.resolve(path.dirname(configPath), folder)).filter(isDataFileName);
  } catch {
    return undefined;
  }
  const name = didYouMean(written.slice(folder.length), names);
  return name === undefined ? undefined : folder + name;
}

/**
 * The map a missing-key problem at `start` is about: the root, or the map under the key (or
 * the list item) the problem points at, whose schema requires `key` and which lacks it.
 */
function mapNeeding(document: Document, key: string, start: number): YAMLMap | undefined {
  const maps: { map: YAMLMap; path: YamlPath; anchor: number }[] = [];
  const visit = (node: unknown, at: YamlPath, anchor: number) => {
    if (isMap(node)) {
      maps.push({ map: node, path: at, anchor });
      for (const pair of node.items)
        if (isScalar(pair.key)) visit(pair.value, [...at, String(pair.key.value)], pair.key.range?.[0] ?? -1);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...at, i], (item as Node | null)?.range?.[0] ?? -1));
    }
  };
  visit(document.contents, [], 0);
  return maps.find(
    ({ map, path: at, anchor }) =>
      (at.length === 0 || anchor === start) && schemaAt(at)?.required?.includes(key) && !pairOf(map, key),
  )?.map;
}

/** `column` added to `columns.exclude`, which is created as `[column]` when absent. */
function excludeChanges(text: string, document: Document, column: string): Change[] {
  const { node: exclude } = locate(document, ['columns', 'exclude']);
  if (isSeq(exclude)) return [appendItem(text, exclude, yamlScalar(column))];
  return setEntries(text, document, ['columns'], [['exclude', `[${yamlScalar(column)}]`]]);
}

/**
 * The changes that make the map at `at` hold `entries`, replacing values already there and
 * creating the maps on the way. None when something other than a map is in the way.
 */
function setEntries(text: string, document: Document, at: string[], entries: Entry[]): Change[] {
  let node: unknown = document.contents;
  if (node === null)
    return [
      {
        start: text.length,
        end: text.length,
        newText: `${text === '' || text.endsWith('\n') ? '' : '\n'}${blockLines(nested(at, entries), '').join('\n')}\n`,
      },
    ];
  for (const [i, segment] of at.entries()) {
    if (!isMap(node)) return [];
    const pair = pairOf(node, segment);
    if (!pair) return [insertEntries(text, node, nested(at.slice(i), entries))];
    if (isEmpty(pair.value)) return [fillEmpty(text, pair, node.flow ?? false, nested(at.slice(i + 1), entries))];
    node = pair.value;
  }
  if (!isMap(node)) return [];
  const map = node;
  const changes: Change[] = [];
  const missing = entries.filter(([key, value]) => {
    const pair = pairOf(map, key);
    if (!pair) return true;
    if (isEmpty(pair.value)) changes.push(fillEmpty(text, pair, map.flow ?? false, value));
    else if (typeof value === 'string' && (pair.value as Node).range)
      changes.push({ start: (pair.value as Node).range![0], end: (pair.value as Node).range![1], newText: value });
    return false;
  });
  if (missing.length) changes.push(insertEntries(text, map, missing));
  return changes;
}

/** `entries` under the keys of `at`, outermost first: (['a', 'b'], e) → a: { b: e }. */
function nested(at: string[], entries: Entry[]): Entry[] {
  return at.reduceRight<Entry[]>((inner, key) => [[yamlScalar(key), inner]], entries);
}

/** New entries at the end of a map: on lines of their own in a block map, after a comma in a flow map. */
function insertEntries(text: string, map: YAMLMap, entries: Entry[]): Change {
  const [start, end] = map.range ?? [0, text.length];
  if (map.flow) {
    const close = text.lastIndexOf('}', end - 1);
    if (map.items.length === 0) return { start: start + 1, end: close, newText: ` ${flowText(entries)} ` };
    const after = trimEnd(text, start, close);
    return { start: after, end: after, newText: `, ${flowText(entries)}` };
  }
  const indent = ' '.repeat(column(text, (map.items[0].key as Node).range![0]));
  const at = lineEnd(text, trimEnd(text, start, end));
  return { start: at, end: at, newText: `\n${blockLines(entries, indent).join('\n')}` };
}

/** A value for a key written with none (`key:` or `key: null`). */
function fillEmpty(text: string, pair: Pair, inFlow: boolean, value: string | Entry[]): Change {
  const key = pair.key as Node;
  const afterColon = text.indexOf(':', key.range![1]) + 1;
  const written = (pair.value as Node | null)?.range;
  const end = written && written[1] > written[0] ? written[1] : afterColon;
  if (typeof value === 'string') return { start: afterColon, end, newText: ` ${value}` };
  if (inFlow) return { start: afterColon, end, newText: ` { ${flowText(value)} }` };
  const indent = ' '.repeat(column(text, key.range![0])) + INDENT;
  return { start: afterColon, end, newText: `\n${blockLines(value, indent).join('\n')}` };
}

/** An item at the end of a list: `, item` in `[...]`, a `- item` line in a block list. */
function appendItem(text: string, seq: YAMLSeq, item: string): Change {
  const [start, end] = seq.range!;
  if (seq.flow) {
    const close = text.lastIndexOf(']', end - 1);
    if (seq.items.length === 0) return { start: start + 1, end: close, newText: item };
    const after = trimEnd(text, start, close);
    return { start: after, end: after, newText: `, ${item}` };
  }
  // A block list starts at its first dash.
  const at = lineEnd(text, trimEnd(text, start, end));
  return { start: at, end: at, newText: `\n${' '.repeat(column(text, start))}- ${item}` };
}

function blockLines(entries: Entry[], indent: string): string[] {
  return entries.flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${indent}${key}: ${value}`]
      : [`${indent}${key}:`, ...blockLines(value, indent + INDENT)],
  );
}

function flowText(entries: Entry[]): string {
  return entries
    .map(([key, value]) =>
      typeof value === 'string' ? (value === '' ? `${key}:` : `${key}: ${value}`) : `${key}: { ${flowText(value)} }`,
    )
    .join(', ');
}

function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function isEmpty(value: unknown): boolean {
  return value === null || (isScalar(value) && value.value === null);
}

/** The offset after the last non-space character of [from, to). */
function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function workspaceEdit(text: string, uri: string, changes: Change[]): WorkspaceEdit {
  const document = TextDocument.create(uri, 'yaml', 0, text);
  return {
    changes: {
      [uri]: changes.map(({ start, end, newText }) => ({
        range: { start: document.positionAt(start), end: document.positionAt(end) },
        newText,
      })),
    },
  };
}
