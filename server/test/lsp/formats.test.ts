/**
 * `format:` and gzip CSV in the editor, over JSON-RPC to dist/server.js: the key completes
 * and hovers from the schema (one format, or one per file), a gzip file's header is checked
 * as a plain one's, and a bad gzip file is a diagnostic on the config entry that names it.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver/node';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { LspClient, type Diagnostic } from './lspClient';
import { cursorPosition } from './applyEdits';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
let client: LspClient;
let w: string;
const uri = (file: string) => pathToFileURL(join(w, file)).toString();

beforeAll(async () => {
  w = realpathSync(mkdtempSync(join(tmpdir(), 'drift-lsp-formats-')));
  for (const file of ['reference.csv', 'current.csv'])
    writeFileSync(join(w, `${file}.gz`), gzipSync(readFileSync(join(demo, file))));
  writeFileSync(join(w, 'plain.csv.gz'), readFileSync(join(demo, 'current.csv')));
  const small = gzipSync('age,income\n1,2\n');
  writeFileSync(join(w, 'cut.csv.gz'), small.subarray(0, small.length - 6));
  client = await LspClient.start(undefined, w);
}, 60_000);
afterAll(async () => {
  await client.stop();
  rmSync(w, { recursive: true, force: true });
});

async function openConfig(name: string, text: string): Promise<string> {
  writeFileSync(join(w, name), text);
  await client.open(uri(name), text);
  return uri(name);
}

async function completionLabels(name: string, text: string): Promise<string[]> {
  const at = cursorPosition(text);
  const configUri = await openConfig(name, at.text);
  const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: configUri },
    position: at.position,
  });
  return items.map((item) => item.label);
}

/** The config's diagnostics once its data files have been looked at (their checks published). */
async function settledDiagnostics(
  name: string,
  text: string,
  accept: (d: Diagnostic[]) => boolean,
): Promise<Diagnostic[]> {
  const waiting = client.diagnostics(uri(name), accept);
  await openConfig(name, text);
  return waiting;
}

describe('format: in completion and hover', () => {
  it('completes the formats as the one value', async () => {
    expect(
      await completionLabels('one.drift.yaml', 'reference: reference.csv.gz\ncurrent: current.csv.gz\nformat: |\n'),
    ).toEqual(['csv', 'csv.gz', 'parquet', 'profile']);
  });

  it('completes the files as the keys of a map, and the formats as their values', async () => {
    const keys = await completionLabels('keys.drift.yaml', 'reference: a.csv\ncurrent: b.csv\nformat:\n  |\n');
    expect(keys).toEqual(expect.arrayContaining(['reference', 'current']));
    expect(
      await completionLabels('values.drift.yaml', 'reference: a.csv\ncurrent: b.csv\nformat:\n  current: |\n'),
    ).toEqual(['csv', 'csv.gz', 'parquet', 'profile']);
  });

  it('offers format among the top-level keys, and hovers it with its description and values', async () => {
    expect(await completionLabels('top.drift.yaml', 'reference: a.csv\ncurrent: b.csv\n|\n')).toContain('format');
    const at = cursorPosition('reference: a.csv\ncurrent: b.csv\nfor|mat: parquet\n');
    const configUri = await openConfig('hover.drift.yaml', at.text);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: configUri },
      position: at.position,
    });
    const markdown = (hover?.contents as MarkupContent).value;
    expect(markdown).toMatch(/^How the data files are read, when their names do not say it/);
    expect(markdown).toContain('Allowed: `csv`, `csv.gz`, `parquet`, `profile`');
  });
});

describe('gzip files in the config checks', () => {
  it("checks columns against a gzip file's header, with did-you-mean", async () => {
    const text = 'reference: reference.csv.gz\ncurrent: current.csv.gz\ncolumns:\n  numerical: [incme]\n';
    const diagnostics = await settledDiagnostics('columns.drift.yaml', text, (d) => d.length > 0);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['unknown-column', 'Column `incme` is not in reference.csv.gz: did you mean `income`?'],
    ]);
  });

  it("hovers a column with its profile from the gzip file's rows", async () => {
    const at = cursorPosition(
      'reference: reference.csv.gz\ncurrent: current.csv.gz\ncolumns:\n  numerical: [inc|ome]\n',
    );
    const configUri = await openConfig('profile.drift.yaml', at.text);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: configUri },
      position: at.position,
    });
    expect((hover?.contents as MarkupContent).value).toMatch(/income.*numerical.*5,000 rows/s);
  });

  it('puts a file that is not gzip, or a truncated one, on the entry naming it', async () => {
    const text = 'reference: reference.csv.gz\ncurrent: plain.csv.gz\ndatasets:\n  cut: cut.csv.gz\n';
    const diagnostics = await settledDiagnostics('bad.drift.yaml', text, (d) => d.length >= 2);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'file-unreadable',
        1,
        `current is not gzip-compressed (it does not start with the bytes 1f 8b): plain.csv.gz (looked in ${w})`,
      ],
      ['file-unreadable', 3, `datasets.cut is truncated (its gzip data ends unfinished): cut.csv.gz (looked in ${w})`],
    ]);
  });

  it('reads the misnamed plain file once format: says it is plain', async () => {
    const text = 'reference: reference.csv.gz\ncurrent: plain.csv.gz\nformat: { current: csv }\n';
    const diagnostics = await settledDiagnostics('fixed.drift.yaml', text, () => true);
    // The name's format is overruled, with a warning on the format given.
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
      ['format-differs-from-name', 2, 2],
    ]);
  });
});

describe('an analysis of gzip files from the editor', () => {
  it('runs on a gzip pair', async () => {
    const configUri = await openConfig('run.drift.yaml', 'reference: reference.csv.gz\ncurrent: current.csv.gz\n');
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri });
    expect(report.reference.path).toBe('reference.csv.gz');
    expect(report.features.length).toBeGreaterThan(0);
  }, 60_000);

  it('fails on a bad one with the message naming the file, and the server lives on', async () => {
    const configUri = await openConfig('cut.drift.yaml', 'reference: reference.csv.gz\ncurrent: cut.csv.gz\n');
    const failure = await client.connection
      .sendRequest(RUN_ANALYSIS, { uri: configUri })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toBe(
      'cut.csv.gz is truncated (its gzip data ends unfinished) after line 2. Copy or download it again.',
    );
    expect(client.alive).toBe(true);
  }, 60_000);
});
