/**
 * Completion and hover read the reference as the config's `format:` says, as the config's
 * checks and the run do, through the language server (dist/server.js over JSON-RPC): a Parquet
 * file and a gzip CSV whose names do not say so (test-fixtures/lsp-formats/).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lspClient';
import { cursorPosition } from './applyEdits';

const fixtures = new URL('../../../test-fixtures/lsp-formats/', import.meta.url).pathname;

let client: LspClient | undefined;
let folder: string;

beforeAll(() => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'drift-config-formats-')));
  mkdirSync(join(folder, 'exports'));
  copyFileSync(join(fixtures, 'reference.parquet'), join(folder, 'exports', 'train.dat'));
  writeFileSync(join(folder, 'train.csvdata'), gzipSync(readFileSync(join(fixtures, 'reference.csv'))));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

let configs = 0;
async function open(text: string): Promise<string> {
  const uri = pathToFileURL(join(folder, `c${++configs}.drift.yaml`)).toString();
  await client!.open(uri, text);
  return uri;
}

async function completion(marked: string): Promise<[string, string | undefined][]> {
  const { text, position } = cursorPosition(marked);
  const uri = await open(text);
  const items = await client!.connection.sendRequest<{ label: string; detail?: string }[]>('textDocument/completion', {
    textDocument: { uri },
    position,
  });
  return items.map((item) => [item.label, item.detail]);
}

async function hover(marked: string): Promise<string | undefined> {
  const { text, position } = cursorPosition(marked);
  const uri = await open(text);
  const result = await client!.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri },
    position,
  });
  return result?.contents.value;
}

const PARQUET_DAT = 'reference: exports/train.dat\nformat: {reference: parquet}\n';

describe('a reference whose format: its name does not say', () => {
  it('completes the columns of a Parquet file named .dat from its footer', async () => {
    client = await LspClient.start({}, folder);
    expect(await completion(`${PARQUET_DAT}columns:\n  numerical: [|]\n`)).toEqual([
      ['age', 'numerical · DOUBLE'],
      ['income', 'numerical · INT_64'],
      ['region', 'categorical · UTF8'],
      ['active', 'categorical · BOOLEAN'],
      ['bonus', 'numerical · INT_32'],
      ['signed_up', 'timestamp · TIMESTAMP(MICROS)'],
    ]);
  });

  it('hovers a column of a Parquet file named .dat with its type, the footer counts and its values', async () => {
    client = await LspClient.start({}, folder);
    const markdown = await hover(`${PARQUET_DAT}columns:\n  numerical: [bon|us]\n`);
    expect(markdown!.split('\n')[0]).toBe(
      '**bonus** in `exports/train.dat`: numerical (INT_32), 300 rows, 30 missing (10.0%)',
    );
    expect(await hover(`${PARQUET_DAT}columns:\n  exclude: [addr|ess]\n`)).toBe(
      '`address` of `exports/train.dat` is skipped by the analysis: it is a struct column.',
    );
  });

  // The header cache and the reader decompress a gzip file whatever its name: this holds them to it under `format:`.
  it('completes and hovers a gzip CSV named without .gz under format: csv.gz', async () => {
    client = await LspClient.start({}, folder);
    const gzip = 'reference: train.csvdata\nformat: csv.gz\n';
    expect((await completion(`${gzip}columns:\n  numerical: [|]\n`)).map(([label]) => label)).toEqual([
      'age',
      'income',
      'region',
      'active',
      'bonus',
      'signed_up',
    ]);
    expect((await hover(`${gzip}columns:\n  numerical: [inc|ome]\n`))!.split('\n')[0]).toBe(
      '**income** in `train.csvdata`: numerical, 300 rows, 0 missing',
    );
  });
});
