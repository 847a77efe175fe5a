/**
 * The extension host side: starts the language server over IPC for the
 * monitoring configs (drift.yaml, *.drift.yaml, *.drift.yml).
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/drift.yaml' },
      { scheme: 'file', pattern: '**/*.drift.yaml' },
      { scheme: 'file', pattern: '**/*.drift.yml' },
    ],
  };
  client = new LanguageClient('driftMonitor', 'Drift Monitor', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
