/** Validation as the editor sees it: the bundled server over JSON-RPC, diagnostics and their exact ranges. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lspClient';
import { notAWindowSize } from '../../src/engine/windows/windowSpec';

let client: LspClient;
let folder: string;
const uriOf = (name: string) => pathToFileURL(join(folder, name)).toString();
const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'drift-lsp-'));
  client = await LspClient.start();
});
afterAll(() => client.stop());

/** [code, the text the range covers, message] of each diagnostic. */
function described(
  text: string,
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code?: unknown;
    message: string;
  }[],
) {
  const lines = text.split('\n');
  return diagnostics.map((d) => [
    d.code,
    lines[d.range.start.line].slice(
      d.range.start.character,
      d.range.start.line === d.range.end.line ? d.range.end.character : undefined,
    ),
    d.message,
  ]);
}

describe('validation over LSP', () => {
  it('publishes an unknown-key diagnostic with did-you-mean on the key, and clears it once fixed', async () => {
    const uri = uriOf('drift.yaml');
    const text = `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ndrfit:\n  share: 0.3\n`;
    const first = client.diagnostics(uri);
    await client.open(uri, text);
    expect(described(text, await first)).toEqual([
      ['unknown-key', 'drfit', 'Unknown key `drfit`: did you mean `drift`?'],
    ]);
    const fixed = client.diagnostics(uri);
    await client.change(uri, text.replace('drfit', 'drift'));
    expect(await fixed).toEqual([]);
  });

  it('says what a window length may be, with examples, as the CLI does', async () => {
    const uri = uriOf('windows.drift.yaml');
    const text = `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ncolumns: { timestamp: t }\nwindows: { every: 1y }\n`;
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    const found = described(text, await published).filter(([, at]) => at === '1y');
    expect(found).toEqual([['invalid-value', '1y', `\`windows.every\`: ${notAWindowSize('1y')}`]]);
  });

  it('checks files and columns against the CSVs: missing file, unknown column with did-you-mean', async () => {
    const uri = uriOf('checks.drift.yaml');
    const text = `reference: ${demo}reference.csv\ncurrent: ${demo}nowhere.csv\ncolumns:\n  target: defualt\n`;
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    const found = described(text, await published);
    expect(found.map(([code, at]) => [code, at])).toEqual([
      ['file-not-found', `${demo}nowhere.csv`],
      ['unknown-column', 'defualt'],
    ]);
    expect(found[1][2]).toContain('did you mean `default`?');
  });

  it('treats a YAML file starting with `# drift-monitor` as a config, and leaves other YAML alone', async () => {
    const marked = uriOf('monitoring.yaml');
    const published = client.diagnostics(marked);
    await client.open(marked, '# drift-monitor\nreference: a.csv\n');
    expect((await published).map((d) => d.code)).toContain('missing-key');
    const other = uriOf('docker-compose.yaml');
    await client.open(other, 'services: {}\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.published.some((p) => p.uri === other)).toBe(false);
  });

  it('survives thousands of random edits and still answers', async () => {
    const uri = uriOf('fuzz.drift.yaml');
    const valid = `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ncolumns:\n  target: default\n  exclude: [region]\ndrift:\n  method: psi\n  threshold: 0.2\n  features:\n    income: { method: ks, threshold: 0.01 }\n`;
    await client.open(uri, valid);
    let text = valid;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ':-[]{}"\'# \n\tabcxyz0123456789.&*!|>%@`';
    for (let i = 0; i < 3000; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const cut = Math.floor(random() * 4);
      const insert = Array.from(
        { length: Math.floor(random() * 4) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      text = text.length > 2000 ? valid : text.slice(0, at) + insert + text.slice(at + cut);
      await client.change(uri, text);
    }
    const settled = client.diagnostics(uri);
    await client.change(uri, valid);
    expect(await settled).toEqual([]);
    const symbols = await client.connection.sendRequest<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    expect(symbols.length).toBeGreaterThan(0);
    expect(client.alive).toBe(true);
  });
});

describe('editing help over LSP', () => {
  const uri = () => uriOf('assist.drift.yaml');
  const text = `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ncolumns:\n  target: \ndrift:\n  method: auto\n`;

  beforeAll(async () => {
    writeFileSync(join(folder, 'assist.drift.yaml'), text);
    const published = client.diagnostics(uri());
    await client.open(uri(), text);
    await published;
  });

  it('completes column names from the CSV header where a column is expected', async () => {
    const items = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: uri() },
      position: { line: 3, character: 10 },
    });
    const labels = items.map((i) => i.label);
    for (const column of ['age', 'income', 'default', 'predicted_default']) expect(labels).toContain(column);
  });

  it('documents a key on hover from the schema', async () => {
    const result = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: uri() },
      position: { line: 4, character: 2 },
    });
    expect(result.contents.value).toContain('How per-feature drift and dataset drift are decided.');
  });

  it('profiles a column of the reference on hover, read on the bundled read worker', async () => {
    const profiled = uriOf('profile.drift.yaml');
    await client.open(profiled, `reference: ${demo}reference.csv\ncolumns:\n  numerical: [income]\n`);
    const result = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: profiled },
      position: { line: 2, character: 16 },
    });
    expect(result.contents.value).toMatch(
      new RegExp(`^\\*\\*income\\*\\* in \`${demo}reference.csv\`: numerical, 5,000 rows, `),
    );
  });

  it('offers the did-you-mean replacement as a quick fix', async () => {
    const typo = uriOf('typo.drift.yaml');
    const typoText = `reference: ${demo}reference.csv\ncurrent: ${demo}current.csv\ndrift:\n  mehtod: ks\n`;
    const published = client.diagnostics(typo, (d) => d.length > 0);
    await client.open(typo, typoText);
    const diagnostics = await published;
    const actions = await client.connection.sendRequest<
      { title: string; edit?: { changes: Record<string, { newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri: typo },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    const fix = actions.find((a) => a.edit?.changes[typo]?.some((e) => e.newText === 'method'));
    expect(fix, JSON.stringify(actions)).toBeDefined();
  });

  it('puts the Run Drift Analysis lens above the config', async () => {
    const lenses = await client.connection.sendRequest<
      { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[]
    >('textDocument/codeLens', { textDocument: { uri: uri() } });
    expect(lenses[0]).toMatchObject({
      range: { start: { line: 0 } },
      command: { title: '▶ Run Drift Analysis', command: 'driftMonitor.runAnalysis', arguments: [uri()] },
    });
  });
});
