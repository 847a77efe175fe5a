import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { codeLenses, documentLinks, documentSymbols } from '../../src/lsp/symbols';
import { CONFIG_PATH, CONFIG_URI, FIXTURES } from './applyEdits';

const CONFIG = `reference: reference.csv
current: "current.csv"
columns:
  target: target
  exclude: [id, score]
drift:
  method: psi
  features:
    age: { method: ks }
models:
  - name: v1
    prediction: prediction
  - prediction: p2
datasets:
  test: data/extra.csv
  train: nowhere.csv
windows:
`;

/** A symbol as `name` or [name, children], for comparing the outline's shape. */
type Outline = string | [string, Outline[]];
function outline(symbols: DocumentSymbol[]): Outline[] {
  return symbols.map((symbol) => (symbol.children?.length ? [symbol.name, outline(symbol.children)] : symbol.name));
}

describe('documentSymbols', () => {
  it('outlines the sections with their maps and lists, naming list items by `name`', () => {
    expect(outline(documentSymbols(CONFIG))).toEqual([
      'reference',
      'current',
      ['columns', ['target', ['exclude', ['id', 'score']]]],
      ['drift', ['method', ['features', [['age', ['method']]]]]],
      [
        'models',
        [
          ['v1', ['name', 'prediction']],
          ['[1]', ['prediction']],
        ],
      ],
      ['datasets', ['test', 'train']],
      'windows',
    ]);
  });

  it('gives kinds, scalar values as detail, and ranges from the key to the end of the value', () => {
    const [reference, , columns, drift, models, , windows] = documentSymbols(CONFIG);
    expect(reference).toMatchObject({
      kind: SymbolKind.String,
      detail: 'reference.csv',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } },
      selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
    });
    expect(columns).toMatchObject({
      kind: SymbolKind.Object,
      range: { start: { line: 2, character: 0 }, end: { line: 4, character: 22 } },
    });
    expect(columns.children?.[1]).toMatchObject({ name: 'exclude', kind: SymbolKind.Array });
    expect(drift.children?.[1].children?.[0]).toMatchObject({
      name: 'age',
      kind: SymbolKind.Object,
      range: { start: { line: 8, character: 4 }, end: { line: 8, character: 23 } },
    });
    expect(models).toMatchObject({
      kind: SymbolKind.Array,
      range: { start: { line: 9, character: 0 }, end: { line: 12, character: 18 } },
    });
    expect(models.children?.[0]).toMatchObject({
      name: 'v1',
      range: { start: { line: 10, character: 4 }, end: { line: 11, character: 26 } },
    });
    expect(windows).toMatchObject({
      kind: SymbolKind.Null,
      range: { start: { line: 16, character: 0 }, end: { line: 16, character: 7 } },
    });
  });

  it('outlines nothing in an empty config', () => {
    expect(documentSymbols('')).toEqual([]);
    expect(documentSymbols('# just a comment\n')).toEqual([]);
  });
});

describe('documentLinks', () => {
  it('links the data files that exist, inside any quotes', () => {
    const links = documentLinks(CONFIG, CONFIG_PATH);
    expect(links.map((link) => link.target)).toEqual(
      ['reference.csv', 'current.csv', 'data/extra.csv'].map((file) =>
        pathToFileURL(path.join(FIXTURES, file)).toString(),
      ),
    );
    expect(links.map((link) => link.range)).toEqual([
      { start: { line: 0, character: 11 }, end: { line: 0, character: 24 } },
      { start: { line: 1, character: 10 }, end: { line: 1, character: 21 } },
      { start: { line: 14, character: 8 }, end: { line: 14, character: 22 } },
    ]);
  });

  it('links nothing else: folders, columns, missing files', () => {
    expect(
      documentLinks('reference: data\ncurrent: nowhere.csv\ncolumns:\n  target: reference.csv\n', CONFIG_PATH),
    ).toEqual([]);
  });
});

describe('codeLenses', () => {
  it('offers to run the analysis on the first line, and to open the report once there is one', () => {
    const run = { title: '▶ Run Drift Analysis', command: 'driftMonitor.runAnalysis', arguments: [CONFIG_URI] };
    const open = { title: 'Open Report', command: 'driftMonitor.openReport', arguments: [CONFIG_URI] };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } };
    expect(codeLenses(CONFIG, CONFIG_URI, false)).toEqual([{ range, command: run }]);
    expect(codeLenses(CONFIG, CONFIG_URI, true)).toEqual([
      { range, command: run },
      { range, command: open },
    ]);
  });
});
