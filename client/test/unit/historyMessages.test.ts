/**
 * The report panel's history plumbing (client/src/reportPanel.ts): with each report shown the
 * panel reads the config's run history and posts it to the page as data. The history comes from
 * the real language server (dist/server.js over stdio, driftMonitor/history) on runs it analyzed
 * and recorded in a scratch copy of the demo. The webview panel exists only inside VS Code: here
 * `vscode` is an in-memory stand-in that records what the panel posts and lets the test speak
 * as the page (the end-to-end test drives the real one).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scratchFolder, writeSqlite } from '../../../server/test/engine/history/scratch';
import { LspClient } from '../../../server/test/lsp/lspClient';
import { GET_HISTORY, RUN_ANALYSIS } from '../../../server/src/protocol/messages';
import type { HistoryRun } from '../../../server/src/protocol/report';

const vscode = vi.hoisted(() => {
  type Listener = (value: unknown) => void;
  /** An event of the stand-in: `on` registers, `fire` calls every listener. */
  const emitter = () => {
    const listeners: Listener[] = [];
    return {
      on: (listener: Listener) => (listeners.push(listener), { dispose: () => undefined }),
      fire: (value?: unknown) => listeners.forEach((l) => l(value)),
    };
  };
  class Uri {
    constructor(private readonly url: URL) {}
    static parse(text: string): Uri {
      return new Uri(new URL(text));
    }
    static joinPath(base: Uri, ...segments: string[]): Uri {
      return new Uri(
        new URL(
          `${base.url.protocol}//${base.url.host}${[base.url.pathname, ...segments].join('/').replace(/\/+/g, '/')}`,
        ),
      );
    }
    get path(): string {
      return this.url.pathname;
    }
    toString(): string {
      return this.url.href;
    }
  }
  /** A webview panel: what the panel posts, and `receive` to post as its page. */
  class WebviewPanel {
    readonly posted: { type: string; [key: string]: unknown }[] = [];
    title = '';
    visible = true;
    private readonly messages = emitter();
    private readonly disposed = emitter();
    readonly webview = {
      options: {},
      html: '',
      cspSource: 'vscode-webview:',
      asWebviewUri: (uri: Uri) => uri,
      postMessage: async (message: { type: string }) => (
        this.posted.push(JSON.parse(JSON.stringify(message)) as { type: string }),
        true
      ),
      onDidReceiveMessage: (listener: Listener) => this.messages.on(listener),
    };
    onDidChangeViewState = () => ({ dispose: () => undefined });
    onDidDispose = (listener: Listener) => this.disposed.on(listener);
    reveal(): void {}
    dispose(): void {
      this.disposed.fire();
    }
    receive(message: unknown): void {
      this.messages.fire(message);
    }
  }
  const created: WebviewPanel[] = [];
  return {
    Uri,
    WebviewPanel,
    created,
    module: {
      Uri,
      ViewColumn: { Beside: -2 },
      Disposable: { from: (...items: { dispose(): void }[]) => ({ dispose: () => items.forEach((d) => d.dispose()) }) },
      window: { createWebviewPanel: () => (created.push(new WebviewPanel()), created.at(-1)!) },
    },
  };
});
vi.mock('vscode', () => vscode.module);

const { ReportPanels } = await import('../../src/reportPanel');

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;
const root = scratchFolder('panel');
let server: LspClient;

beforeAll(async () => {
  server = await LspClient.start();
  // As an editor does: the server shows a history it cannot record in as a message box.
  server.connection.onRequest('window/showMessageRequest', () => null);
});
afterAll(() => server.stop());

/** A copy of the demo with `extra` appended to its config, opened in the server; the config's URI. */
async function demoCopy(name: string, extra = ''): Promise<string> {
  const folder = path.join(root, name);
  mkdirSync(folder);
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(path.join(demo, file), path.join(folder, file));
  const text = readFileSync(path.join(demo, 'drift.yaml'), 'utf8') + extra;
  writeFileSync(path.join(folder, 'drift.yaml'), text);
  const uri = pathToFileURL(path.join(folder, 'drift.yaml')).toString();
  await server.open(uri, text);
  return uri;
}

const analyze = (uri: string) => server.connection.sendRequest(RUN_ANALYSIS, { uri });
const serverHistory = (uri: string) => server.connection.sendRequest(GET_HISTORY, { uri });

/** Panels whose reports and histories come from the server, as the extension makes them. */
function serverPanels(): InstanceType<typeof ReportPanels> {
  return new ReportPanels(
    vscode.Uri.parse('file:///extension') as never,
    async () => null,
    async () => undefined,
    serverHistory,
  );
}

const historyMessages = (panel: InstanceType<typeof vscode.WebviewPanel>) =>
  panel.posted.filter((m) => m.type === 'history');

describe('the report panel posts the config’s run history', () => {
  it('after the report once the page is ready, and again, one run longer, after each new run', async () => {
    const uri = await demoCopy('runs');
    const panels = serverPanels();
    const first = await analyze(uri);
    expect(await panels.open(uri, first)).toBe(true);
    const panel = vscode.created.at(-1)!;
    // Nothing reaches a page that has not said it listens.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(panel.posted).toEqual([]);
    panel.receive({ type: 'ready' });
    await expect.poll(() => historyMessages(panel).length, { timeout: 20_000 }).toBe(1);
    expect(panel.posted.map((m) => m.type)).toEqual(['report', 'history']);
    expect(historyMessages(panel)[0]).toEqual({ type: 'history', configUri: uri, history: await serverHistory(uri) });
    expect((historyMessages(panel)[0]!.history as HistoryRun[]).map((r) => r.startedAt)).toEqual([first.generatedAt]);

    const second = await analyze(uri);
    panels.update(uri, second);
    await expect.poll(() => historyMessages(panel).length, { timeout: 20_000 }).toBe(2);
    expect(panel.posted.map((m) => m.type)).toEqual(['report', 'history', 'report', 'history']);
    expect((historyMessages(panel)[1]!.history as HistoryRun[]).map((r) => r.startedAt)).toEqual([
      first.generatedAt,
      second.generatedAt,
    ]);

    // A reloaded page (hidden, shown again) gets the report and the history it had.
    panel.receive({ type: 'ready' });
    expect(panel.posted.slice(4)).toEqual([panel.posted[2], panel.posted[3]]);
    panels.dispose();
  });

  it('says why when the history cannot be read', async () => {
    const uri = await demoCopy('foreign', 'history:\n  path: notes.sqlite\n');
    const historyFile = path.join(root, 'foreign', 'notes.sqlite');
    await writeSqlite(historyFile, 'CREATE TABLE notes (text TEXT)');
    const panels = serverPanels();
    await panels.open(uri, await analyze(uri));
    const panel = vscode.created.at(-1)!;
    panel.receive({ type: 'ready' });
    await expect.poll(() => historyMessages(panel).length, { timeout: 20_000 }).toBe(1);
    expect(historyMessages(panel)[0]).toEqual({
      type: 'history',
      configUri: uri,
      problem: `${historyFile} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`,
    });
    panels.dispose();
  });

  it('comes back with a panel restored after a window reload', async () => {
    const uri = await demoCopy('restored');
    const report = await analyze(uri);
    const panels = serverPanels();
    const panel = new vscode.WebviewPanel();
    await panels.serializer().deserializeWebviewPanel(panel as never, { configUri: uri, report });
    panel.receive({ type: 'ready' });
    await expect.poll(() => historyMessages(panel).length, { timeout: 20_000 }).toBe(1);
    expect((historyMessages(panel)[0]!.history as HistoryRun[]).map((r) => r.startedAt)).toEqual([report.generatedAt]);
    panels.dispose();
  });

  it('keeps the answer to the last read when an earlier one answers late', async () => {
    const uri = await demoCopy('late');
    const report = await analyze(uri);
    const later: HistoryRun[] = await serverHistory(uri);
    const answers: ((runs: HistoryRun[]) => void)[] = [];
    const panels = new ReportPanels(
      vscode.Uri.parse('file:///extension') as never,
      async () => null,
      async () => undefined,
      () => new Promise((resolve) => answers.push(resolve)),
    );
    await panels.open(uri, report);
    const panel = vscode.created.at(-1)!;
    panel.receive({ type: 'ready' });
    panels.update(uri, report);
    expect(answers).toHaveLength(2);
    answers[1]!(later);
    await expect.poll(() => historyMessages(panel).length, { timeout: 20_000 }).toBe(1);
    answers[0]!([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(historyMessages(panel)).toEqual([{ type: 'history', configUri: uri, history: later }]);
    panels.dispose();
  });
});
