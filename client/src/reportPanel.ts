/**
 * The report panels: one webview per monitoring config (viewType `driftMonitor.report`).
 *
 * The page is the bundled report script (dist/webview.js) under a strict CSP; the Report reaches it
 * only through `postMessage({ type: 'report', report, configUri })`, never as markup. The page answers
 * `{ type: 'ready' }` once its listener is in place (also after a hidden panel was reloaded), and the
 * panel then posts the last report. The page keeps `{ configUri, report }` as its state, from which
 * the serializer restores the panel after a window reload, report included (the restarted language
 * server has none until the next run). The page asks `{ type: 'revealColumn', column }` to show a
 * column in the current CSV. With each report shown the panel reads the config's run history again
 * (a new run, here or from the CLI, adds to it) and posts it as `{ type: 'history', history }`, or
 * `{ type: 'history', problem }` when it cannot be read; the page keeps it in its state too.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import {
  Disposable,
  Uri,
  ViewColumn,
  window,
  type Webview,
  type WebviewPanel,
  type WebviewPanelSerializer,
} from 'vscode';
import type { HistoryRun, Report } from '../../server/src/protocol/report';
import type { FromReportPage, ToReportPage } from '../../server/src/protocol/webviewMessages';
import { REPORT_STYLESHEET_FILE, reportPageShell } from '../../server/src/protocol/reportPage';

export const REPORT_VIEW_TYPE = 'driftMonitor.report';

/** The last report of a config; null when it was never analyzed. */
export type ReportSource = (configUri: string) => Promise<Report | null>;

/** Shows `column` of the current CSV of the report of `configUri`. */
export type RevealColumn = (configUri: string, report: Report, column: string) => Promise<void>;

/** The recorded runs of a config, oldest first (the server's driftMonitor/history). */
export type HistorySource = (configUri: string) => Promise<HistoryRun[]>;

type HistoryMessage = Extract<ToReportPage, { type: 'history' }>;

class ReportPanel {
  report: Report | null = null;
  private selection: string | undefined;
  private history: HistoryMessage | undefined;
  private historyAsked = 0;
  private ready = false;
  private readonly disposables: Disposable[] = [];

  constructor(
    readonly configUri: string,
    readonly panel: WebviewPanel,
    distUri: Uri,
    revealColumn: RevealColumn,
    private readonly historySource: HistorySource,
    onDispose: () => void,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [distUri] };
    panel.title = `Drift: ${titleOf(configUri)}`;
    panel.webview.html = pageHtml(panel.webview, distUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromReportPage) => {
        if (message?.type === 'ready') {
          this.ready = true;
          this.post();
          // A reloaded page lost the history too: the last one read, until the next read answers.
          if (this.report && this.history) this.postMessage(this.history);
        } else if (message?.type === 'revealColumn' && typeof message.column === 'string' && this.report) {
          void revealColumn(configUri, this.report, message.column);
        }
      }),
      panel.onDidChangeViewState(() => {
        // A hidden panel loses its page; the reloaded page says ready again.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        onDispose();
        Disposable.from(...this.disposables).dispose();
      }),
    );
  }

  show(report: Report | null, feature?: string): void {
    if (report) this.report = report;
    this.selection = feature;
    this.post();
    if (this.report) void this.readHistory();
  }

  private async readHistory(): Promise<void> {
    const asked = ++this.historyAsked;
    let message: HistoryMessage;
    try {
      message = { type: 'history', configUri: this.configUri, history: await this.historySource(this.configUri) };
    } catch (error) {
      message = { type: 'history', configUri: this.configUri, problem: (error as Error)?.message ?? String(error) };
    }
    // An earlier read answering late must not replace a later one.
    if (asked !== this.historyAsked) return;
    this.history = message;
    if (this.ready) this.postMessage(message);
  }

  private postMessage(message: ToReportPage): void {
    void this.panel.webview.postMessage(message);
  }

  private post(): void {
    if (!this.ready) return;
    if (this.report) this.postMessage({ type: 'report', report: this.report, configUri: this.configUri });
    else this.postMessage({ type: 'empty', configUri: this.configUri });
    if (this.selection !== undefined) this.postMessage({ type: 'select', feature: this.selection });
  }
}

export class ReportPanels implements Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly distUri: Uri;

  constructor(
    extensionUri: Uri,
    private readonly source: ReportSource,
    private readonly revealColumn: RevealColumn,
    private readonly history: HistorySource,
  ) {
    this.distUri = Uri.joinPath(extensionUri, 'dist');
  }

  /** Opens (or reveals) the panel of `configUri` and shows `report`, or the last one the server or the panel has. */
  async open(configUri: string, report?: Report | null, feature?: string): Promise<boolean> {
    let panel = this.panels.get(configUri);
    const shown = report ?? (await this.source(configUri)) ?? panel?.report;
    if (!shown) return false;
    if (panel) panel.panel.reveal(undefined, true);
    else {
      const webviewPanel = window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        `Drift: ${titleOf(configUri)}`,
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [this.distUri] },
      );
      panel = this.add(configUri, webviewPanel);
    }
    panel.show(shown, feature);
    return true;
  }

  /** Updates an open panel after a new analysis, without revealing it. */
  update(configUri: string, report: Report): void {
    this.panels.get(configUri)?.show(report);
  }

  serializer(): WebviewPanelSerializer<{ configUri?: unknown; report?: Report }> {
    return {
      deserializeWebviewPanel: async (webviewPanel, state) => {
        const configUri = typeof state?.configUri === 'string' ? state.configUri : undefined;
        if (!configUri || this.panels.has(configUri)) {
          webviewPanel.dispose();
          return;
        }
        const panel = this.add(configUri, webviewPanel);
        // The server's report when it has one (it ran since the reload), else the one the page kept.
        panel.show((await this.source(configUri).catch(() => null)) ?? state?.report ?? null);
      },
    };
  }

  private add(configUri: string, webviewPanel: WebviewPanel): ReportPanel {
    const panel = new ReportPanel(configUri, webviewPanel, this.distUri, this.revealColumn, this.history, () =>
      this.panels.delete(configUri),
    );
    this.panels.set(configUri, panel);
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}

function titleOf(configUri: string): string {
  const file = Uri.parse(configUri);
  const base = path.posix.basename(file.path);
  return base === 'drift.yaml' ? `${path.posix.basename(path.posix.dirname(file.path))}/${base}` : base;
}

/** The page: no data in it; the script (with this page's nonce) and the stylesheet from dist/. */
function pageHtml(webview: Webview, distUri: Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(Uri.joinPath(distUri, 'webview.js'));
  const stylesheet = webview.asWebviewUri(Uri.joinPath(distUri, REPORT_STYLESHEET_FILE));
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}' ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
  return reportPageShell(
    csp,
    `<link rel="stylesheet" nonce="${nonce}" href="${stylesheet.toString()}">`,
    `<script nonce="${nonce}" src="${script.toString()}"></script>`,
  );
}
