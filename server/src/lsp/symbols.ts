/**
 * The config's outline, its links to the CSVs it names, and the lenses that run the
 * analysis and open its report.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SymbolKind,
  type CodeLens,
  type DocumentLink,
  type DocumentSymbol,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { textLimitProblem } from '../engine/config/limits';
import { expectsFile, yamlTokens } from './schemaNavigation';

/** Every key, with its map or list as children; list items named by their `name` key when they have one. */
export function documentSymbols(text: string): DocumentSymbol[] {
  // The parser recurses: a config beyond the limits is refused with a diagnostic, and has no outline.
  if (textLimitProblem(text)) return [];
  const document = TextDocument.create('', 'yaml', 0, text);
  const toRange = (start: number, end: number): Range => ({
    start: document.positionAt(start),
    end: document.positionAt(end),
  });
  /** A node's range without the line breaks and comments a block collection ends with. */
  const end = (node: Node) => {
    let at = node.range![1];
    while (at > node.range![0] && /\s/.test(text[at - 1])) at--;
    return at;
  };

  const children = (node: unknown): DocumentSymbol[] => {
    if (isMap(node)) {
      return node.items.flatMap((pair) => {
        const key = pair.key as Node | null;
        if (!isScalar(key) || !key.range) return [];
        const value = pair.value as Node | null;
        const last = value?.range && value.range[1] > value.range[0] ? end(value) : key.range[1];
        return [
          {
            name: String(key.value),
            ...describe(value),
            range: toRange(key.range[0], last),
            selectionRange: toRange(key.range[0], key.range[1]),
            children: children(value),
          },
        ];
      });
    }
    if (isSeq(node)) {
      return node.items.flatMap((item, i) => {
        const value = item as Node | null;
        if (!value?.range) return [];
        const named = isMap(value)
          ? value.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name')
          : undefined;
        const name = isScalar(named?.value)
          ? String(named.value.value)
          : isScalar(value)
            ? String(value.value)
            : `[${i}]`;
        const range = toRange(value.range[0], end(value));
        return [
          { name: name || `[${i}]`, ...describe(value), range, selectionRange: range, children: children(value) },
        ];
      });
    }
    return [];
  };
  // The outline needs no errors; the library's check for repeated keys is quadratic in a map's size.
  return children(parseDocument(text, { uniqueKeys: false }).contents);
}

/** The symbol kind and, for a scalar, its value as detail. */
function describe(value: Node | null): { kind: SymbolKind; detail?: string } {
  if (isMap(value)) return { kind: SymbolKind.Object };
  if (isSeq(value)) return { kind: SymbolKind.Array };
  if (!isScalar(value) || value.value === null) return { kind: SymbolKind.Null };
  const detail = String(value.value);
  if (typeof value.value === 'number') return { kind: SymbolKind.Number, detail };
  if (typeof value.value === 'boolean') return { kind: SymbolKind.Boolean, detail };
  return { kind: SymbolKind.String, detail };
}

/** Links on `reference`, `current` and `datasets.*` to the files they name, where those exist. */
export function documentLinks(text: string, configPath: string): DocumentLink[] {
  if (textLimitProblem(text)) return [];
  const document = TextDocument.create('', 'yaml', 0, text);
  return yamlTokens(text).flatMap((token) => {
    if (token.kind !== 'value' || token.text === '' || !expectsFile(token.path)) return [];
    const file = path.resolve(path.dirname(configPath), token.text);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return [];
    // Inside the quotes, if any.
    const quoted = /^["']/.test(text[token.start]) ? 1 : 0;
    const range = { start: document.positionAt(token.start + quoted), end: document.positionAt(token.end - quoted) };
    return [{ range, target: pathToFileURL(file).toString(), tooltip: file }];
  });
}

/** Above the first line: run the analysis, and open its report once there is one. */
export function codeLenses(text: string, uri: string, hasReport: boolean): CodeLens[] {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: text.split('\n', 1)[0].length } };
  const lenses: CodeLens[] = [
    { range, command: { title: '▶ Run Drift Analysis', command: 'driftMonitor.runAnalysis', arguments: [uri] } },
  ];
  if (hasReport)
    lenses.push({ range, command: { title: 'Open Report', command: 'driftMonitor.openReport', arguments: [uri] } });
  return lenses;
}
