/**
 * The client's settings over JSON-RPC: schema diagnostics left to Red Hat's YAML extension
 * (quick fixes still offered), and drift severities changed while results are shown.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type CodeAction } from 'vscode-languageserver/node';
import { LspClient } from './lspClient';
import { DID_CHANGE_SETTINGS, RUN_ANALYSIS } from '../../src/protocol/messages';

const fixtures = new URL('../../../test-fixtures/', import.meta.url).pathname;
const lspConfig = pathToFileURL(join(fixtures, 'lsp', 'settings.drift.yaml')).toString();
// A typo the schema catches (`drfit`) and a column only the CSV-aware checks catch (`agee`).
const TEXT = 'reference: reference.csv\ncurrent: reference.csv\ncolumns:\n  numerical: [agee]\ndrfit:\n  share: 0.3\n';
const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => d.code);
let client: LspClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('schema diagnostics and the YAML extension', () => {
  it('publishes only the checks the schema cannot make when told the YAML extension validates, and still offers the fix', async () => {
    client = await LspClient.start({ schemaDiagnostics: false });
    const published = client.diagnostics(lspConfig, (d) => d.length > 0);
    await client.open(lspConfig, TEXT);
    expect(codes(await published)).toEqual(['unknown-column']);

    // Where Red Hat's "Property drfit is not allowed." sits: the quick fix is this server's.
    const typo = { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: lspConfig },
      range: typo,
      context: { diagnostics: [] },
    });
    expect(actions.map((a) => a.title)).toContain('Change to `drift`');
  });

  it('publishes them again when the setting changes', async () => {
    client = await LspClient.start({ schemaDiagnostics: false });
    const first = client.diagnostics(lspConfig, (d) => d.length > 0);
    await client.open(lspConfig, TEXT);
    await first;
    const again = client.diagnostics(lspConfig, (d) => codes(d).includes('unknown-key'));
    await client.connection.sendNotification(DID_CHANGE_SETTINGS, { schemaDiagnostics: true });
    expect(codes(await again).sort()).toEqual(['unknown-column', 'unknown-key']);
  });

  it('publishes them by default', async () => {
    client = await LspClient.start();
    const published = client.diagnostics(lspConfig, (d) => d.length > 1);
    await client.open(lspConfig, TEXT);
    expect(codes(await published).sort()).toEqual(['unknown-column', 'unknown-key']);
  });
});

describe('drift severities', () => {
  it('shows the drifted features again with the new severities without a new run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'drift-lsp-settings-'));
    for (const file of ['reference.csv', 'current.csv', 'drift.yaml'])
      copyFileSync(join(fixtures, 'demo', file), join(folder, file));
    const configUri = pathToFileURL(join(folder, 'drift.yaml')).toString();
    const currentUri = pathToFileURL(join(folder, 'current.csv')).toString();
    client = await LspClient.start({ driftSeverities: { high: 'error', moderate: 'warning', low: 'information' } });
    await client.open(configUri, readFileSync(join(folder, 'drift.yaml'), 'utf8'));
    const shown = client.diagnostics(currentUri, (d) => d.length > 0);
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: configUri });
    const before = await shown;
    expect(before.some((d) => d.severity !== DiagnosticSeverity.Hint)).toBe(true);

    const reshown = client.diagnostics(currentUri, (d) => d.length > 0);
    await client.connection.sendNotification(DID_CHANGE_SETTINGS, {
      driftSeverities: { high: 'hint', moderate: 'hint', low: 'hint' },
    });
    const after = await reshown;
    expect(after.map((d) => d.message)).toEqual(before.map((d) => d.message));
    expect(after.every((d) => d.severity === DiagnosticSeverity.Hint)).toBe(true);
    expect(after.length).toBe(report.features.filter((f) => f.drifted).length);
  });
});
