/**
 * A config with more problems than anyone reads shows the first thousand, errors first, and one
 * line counting the rest; its quick fixes still cover every problem (the bundled server over JSON-RPC).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_DIAGNOSTICS } from '../../src/lsp/diagnosticLimit';
import { LspClient } from './lspClient';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
let client: LspClient;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-lsp-limit-'));
  client = await LspClient.start();
});
afterAll(() => client.stop());

/** A config excluding `unknown` columns that no file has, then the misspelt `incme`. */
function excluding(unknown: number): string {
  const names = [...Array.from({ length: unknown }, (_, i) => `column_${i}`), 'incme'];
  return `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ncolumns:\n  exclude: [${names.join(', ')}]\n`;
}

describe('a config with many problems', () => {
  it(`shows ${MAX_CONFIG_DIAGNOSTICS.toLocaleString('en-US')} of them and a line counting all`, async () => {
    const uri = pathToFileURL(join(folder, 'many.drift.yaml')).toString();
    const text = excluding(1_499);
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    const diagnostics = await published;
    expect(diagnostics).toHaveLength(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(diagnostics[0]).toMatchObject({
      code: 'more-problems',
      message: 'Showing 1,000 of 1,500 problems in this config: fix these to see the rest.',
      range: { start: { line: 0, character: 0 } },
    });
    expect(diagnostics.slice(1).every((d) => d.code === 'unknown-column')).toBe(true);

    // The last name's problem is not shown, but its quick fix is offered where it stands.
    const at = { line: 3, character: text.split('\n')[3].indexOf('incme') + 1 };
    const actions = await client.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    });
    expect(actions.map((action) => action.title)).toContain('Change to `income`');
  });

  it('shows every problem, with no counting line, up to the limit', async () => {
    const uri = pathToFileURL(join(folder, 'few.drift.yaml')).toString();
    const published = client.diagnostics(uri);
    await client.open(uri, excluding(2));
    const diagnostics = await published;
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-column', 'unknown-column', 'unknown-column']);
  });
});
