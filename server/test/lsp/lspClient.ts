/** A real LSP client for the tests: spawns dist/server.js --stdio and speaks JSON-RPC to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';

const serverPath = new URL('../../../dist/server.js', import.meta.url).pathname;

/** A published diagnostic; this server always sends plain-text messages. */
export type Diagnostic = Omit<LspDiagnostic, 'message'> & { message: string };

export interface PublishedDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly published: PublishedDiagnostics[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly server: ChildProcess;
  private versions = new Map<string, number>();

  private constructor() {
    this.server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (!this.server.stdout || !this.server.stdin) throw new Error('the server has no stdio pipes');
    this.connection = createMessageConnection(
      new StreamMessageReader(this.server.stdout),
      new StreamMessageWriter(this.server.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /**
   * Starts the server; `initializationOptions` are what the extension sends (ServerSettings), in a
   * trusted workspace unless they say `workspaceTrusted: false` (or `undefined`: a client that does
   * not say, as other LSP clients); `workspaceFolder` the folder opened, if any.
   */
  static async start(initializationOptions?: object, workspaceFolder?: string): Promise<LspClient> {
    const client = new LspClient();
    const workspaceFolders = workspaceFolder
      ? [{ uri: pathToFileURL(workspaceFolder).toString(), name: 'workspace' }]
      : null;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders,
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true } },
      initializationOptions: { workspaceTrusted: true, ...initializationOptions },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** The server's process: its pid (to read its memory) and its exit. */
  get process(): ChildProcess {
    return this.server;
  }

  get alive(): boolean {
    return this.server.exitCode === null && !this.server.killed;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** The next diagnostics published for `uri` after now that satisfy `accept`. */
  diagnostics(
    uri: string,
    accept: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Diagnostic[]> {
    const seen = this.published.length;
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const match = this.published.slice(seen).find((p) => p.uri === uri && accept(p.diagnostics));
        if (match) {
          clearInterval(poll);
          resolve(match.diagnostics);
        } else if (Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
        }
      }, 5);
    });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.server.kill();
  }
}
