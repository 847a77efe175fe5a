/** The bundled language server, spawned with --stdio and spoken to over JSON-RPC as an editor would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const serverPath = new URL('../../../dist/server.js', import.meta.url).pathname;
const uri = 'file:///workspace/monitoring/drift.yaml';

interface PublishedDiagnostics {
  uri: string;
  diagnostics: { message: string; range: { start: { line: number; character: number } }; severity: number; source: string }[];
}

let server: ChildProcess;
let connection: MessageConnection;
const published: PublishedDiagnostics[] = [];

function nextDiagnostics(): Promise<PublishedDiagnostics> {
  const seen = published.length;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (published.length > seen) {
        clearInterval(poll);
        resolve(published[published.length - 1]);
      }
    }, 10);
  });
}

beforeAll(async () => {
  server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (!server.stdout || !server.stdin) throw new Error('the server has no stdio pipes');
  connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
    published.push(params);
  });
  connection.listen();
  const result = await connection.sendRequest<{ serverInfo: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  expect(result.serverInfo.name).toBe('drift-monitor');
  await connection.sendNotification('initialized', {});
});

afterAll(async () => {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
});

describe('config validation over LSP', () => {
  it('publishes an unknown-key diagnostic with did-you-mean on the key', async () => {
    const diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'reference: a.csv\ncurrent: b.csv\ndrfit:\n  share: 0.3\n' },
    });
    const { uri: published, diagnostics: list } = await diagnostics;
    expect(published).toBe(uri);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ message: 'Unknown key `drfit`: did you mean `drift`?', range: { start: { line: 2, character: 0 } }, source: 'drift-monitor', severity: 1 });
  });

  it('clears the diagnostic once the edit fixes it', async () => {
    const diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'reference: a.csv\ncurrent: b.csv\ndrift:\n  share: 0.3\n' }],
    });
    expect((await diagnostics).diagnostics).toEqual([]);
  });
});
