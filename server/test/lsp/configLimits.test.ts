/**
 * The language server on configs beyond the limits, over JSON-RPC to dist/server.js: one
 * diagnostic at the place, nothing from the assists (hover, completion, symbols, links, code
 * actions), and the server still answering afterwards. Before the limits, the alias bomb made
 * the process exit and 50,000 nested brackets made hover allocate 4 GB and abort.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/engine/config/limits';
import { aliasBomb, anchorReuse, nestedBrackets, nestedDashes, oneLongString } from '../engine/config/hostileConfigs';
import { LspClient } from './lspClient';

let client: LspClient;
let folder: string;
const uriOf = (name: string) => pathToFileURL(join(folder, name)).toString();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-lsp-limits-'));
  client = await LspClient.start();
});
afterAll(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Every assist the editor asks for at `position` of the document at `uri`. */
async function assists(uri: string, position: { line: number; character: number }) {
  const textDocument = { uri };
  const range = { start: position, end: position };
  const { connection } = client;
  return {
    hover: await connection.sendRequest('textDocument/hover', { textDocument, position }),
    completion: await connection.sendRequest('textDocument/completion', { textDocument, position }),
    symbols: await connection.sendRequest('textDocument/documentSymbol', { textDocument }),
    links: await connection.sendRequest('textDocument/documentLink', { textDocument }),
    actions: await connection.sendRequest('textDocument/codeAction', {
      textDocument,
      range,
      context: { diagnostics: [] },
    }),
  };
}

describe('the language server on configs beyond the limits', () => {
  it.each([
    // The outline of an alias bomb is what is written (the 11 keys), its aliases not expanded.
    ['an alias bomb', 'bomb.drift.yaml', aliasBomb(), 'alias-expansion', { line: 5, character: 44 }, 11],
    [
      '50,000 nested brackets',
      'brackets.drift.yaml',
      nestedBrackets(50_000),
      'config-too-deep',
      { line: 2, character: 108 },
      0,
    ],
    [
      '50,000 nested dashes',
      'dashes.drift.yaml',
      nestedDashes(50_000),
      'config-too-deep',
      { line: 3, character: 198 },
      0,
    ],
    [
      'a config over 2 MiB',
      'large.drift.yaml',
      oneLongString(MAX_CONFIG_BYTES),
      'config-too-large',
      { line: 0, character: 0 },
      0,
    ],
  ])(
    '%s: one diagnostic at the place, no assists, and the server answers on',
    async (_, name, text, code, start, symbols) => {
      const uri = uriOf(name);
      const published = client.diagnostics(uri);
      await client.open(uri, text);
      const diagnostics = await published;
      expect(diagnostics.map((d) => [d.code, d.range.start])).toEqual([[code, start]]);
      expect(diagnostics[0].message.length).toBeLessThan(200);
      // In the middle of the hostile part, where hover and completion would walk it.
      const inside = { line: start.line, character: start.character + 1_000 };
      const answers = await assists(uri, inside);
      expect({ ...answers, symbols: (answers.symbols as unknown[]).length }).toEqual({
        hover: null,
        completion: [],
        symbols,
        links: [],
        actions: [],
      });
      expect(client.alive).toBe(true);
    },
  );

  it('reads 150 features that reuse one anchor, and keeps answering', async () => {
    const uri = uriOf('anchors.drift.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, anchorReuse(150));
    const diagnostics = await published;
    // Only the data files are missing (this folder holds none).
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['file-not-found']));
    const { hover, symbols } = await assists(uri, { line: 2, character: 1 });
    expect((hover as { contents: { value: string } }).contents.value).toContain(
      'How per-feature drift and dataset drift are decided.',
    );
    const [drift] = (symbols as { name: string; children: { children: unknown[] }[] }[]).slice(2);
    expect(drift).toMatchObject({ name: 'drift' });
    expect(drift.children[0].children).toHaveLength(150);
    expect(client.alive).toBe(true);
  });
});
