/**
 * The one owner of everything the extension holds (as in rust-analyzer's client): the language
 * client and its output channel, the commands, the status bar item and the report panels.
 * Disposing it releases all of them. Whatever needs a config or a data file is asked of the
 * language server (the requests in server/src/protocol/messages.ts).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import {
  CancellationError,
  Disposable,
  ProgressLocation,
  Uri,
  commands,
  env,
  extensions,
  window,
  workspace,
  type ExtensionContext,
  type LogOutputChannel,
  type QuickPickItem,
  type TextDocument,
  type TextEditor,
} from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { type Report, type HistoryRun } from '../../server/src/protocol/report';
import { driftedFeaturesBrief, formatRisk } from '../../server/src/protocol/text';
import { AlertNotifications, setNotificationPassword, storedNotificationPassword } from './alertNotifications';
import { RestrictedModeNotice } from './restrictedMode';
import { AnalyzeOnSave } from './analyzeOnSave';
import { createConfig } from './createConfig';
import { DATA_FILES_GLOB, isCurrentDataName } from './dataFiles';
import { defaultExportName, exportFormat } from './exportFormats';
import { REPORT_VIEW_TYPE, ReportPanels } from './reportPanel';
import { RetrainingTasks } from './retrainingTasks';
import { revealColumn } from './revealColumn';
import { RED_HAT_YAML, schemaDiagnosticsWanted, type SchemaDiagnosticsChoice } from './schemaDiagnostics';
import { simulateDriftCommand } from './simulateDrift';
import { DriftStatus } from './statusBar';
import {
  ANALYSIS_FINISHED,
  DATA_CHANGED,
  DID_CHANGE_SETTINGS,
  EXPORT_REPORT,
  GET_ALERT_FINGERPRINTS,
  GET_EMAIL_ACCOUNT,
  GET_HISTORY,
  GET_NOTIFICATION_PASSWORD,
  GET_REPORT,
  RUN_ANALYSIS,
  analysisSummary,
  type AnalysisFinishedParams,
  type DataChangedParams,
  type EmailAccount,
  type ExportReportParams,
  type GetHistoryParams,
  type GetReportParams,
  type RunAnalysisParams,
  type ServerSettings,
} from '../../server/src/protocol/messages';
import { CONFIG_GLOB, isDriftConfig } from '../../server/src/protocol/driftConfigs';

/** `driftMonitor.maxRowsInteractive` when unset (package.json says the same). */
const DEFAULT_MAX_ROWS = 1_000_000;

/** What the language server needs of the settings (see ServerSettings). */
function serverSettings(): ServerSettings {
  const settings = workspace.getConfiguration('driftMonitor');
  const yaml = {
    present: extensions.getExtension(RED_HAT_YAML) !== undefined,
    validates: workspace.getConfiguration('yaml').get<boolean>('validate', true),
  };
  return {
    driftSeverities: settings.get('diagnostics.severity'),
    schemaDiagnostics: schemaDiagnosticsWanted(
      settings.get<SchemaDiagnosticsChoice>('validation.schemaDiagnostics'),
      yaml,
    ),
    // Restricted Mode until trusted: the server then sends nothing, runs nothing, reads only the workspace folders.
    workspaceTrusted: workspace.isTrusted,
  };
}

/** Whether an editor's document is a drift config, by the rule the server applies too (the contract's). */
export function isConfigDocument(document: TextDocument): boolean {
  return isDriftConfig(document.uri.toString(), document.lineAt(0).text, document.languageId);
}

/** Command arguments arrive as URI strings (code lenses, code actions) or as Uris (menus). */
function uriString(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Uri) return arg.toString();
  return undefined;
}

export class DriftMonitor implements Disposable {
  private readonly disposables: Disposable[] = [];
  private readonly output: LogOutputChannel;
  private readonly status: DriftStatus;
  private readonly panels: ReportPanels;
  private readonly alerts: AlertNotifications;
  private readonly restricted: RestrictedModeNotice;
  private readonly retraining: RetrainingTasks;
  private readonly analyzeOnSave: AnalyzeOnSave;
  private client: LanguageClient | undefined;
  private readonly ready: Promise<LanguageClient>;
  private resolveReady!: (client: LanguageClient) => void;
  private rejectReady!: (error: unknown) => void;
  private readonly running = new Map<string, Promise<Report | undefined>>();

  constructor(private readonly context: ExtensionContext) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    this.output = window.createOutputChannel('Drift Monitor', { log: true });
    this.status = new DriftStatus();
    this.panels = new ReportPanels(
      context.extensionUri,
      (uri) => this.getReport(uri),
      (uri, report, column) => revealColumn(this.ready, uri, report, column),
      (uri) => this.getHistory(uri),
    );
    this.alerts = new AlertNotifications(context.workspaceState, {
      warn: (message, ...actions) => window.showWarningMessage(message, ...actions),
      openReport: (uri) => this.openReport(uri, undefined),
      fingerprints: async (params) => (await this.ready).sendRequest(GET_ALERT_FINGERPRINTS, params),
    });
    this.restricted = new RestrictedModeNotice({
      warn: (message, ...actions) => window.showWarningMessage(message, ...actions),
      run: (command) => commands.executeCommand(command),
    });
    this.analyzeOnSave = new AnalyzeOnSave((uri) => this.runAfterCurrent(uri), isConfigDocument);
    this.retraining = new RetrainingTasks(this.ready, this.output);
    this.disposables.push(
      this.output,
      this.status,
      this.panels,
      this.retraining,
      // Registered before the server starts, so panels from the last session come back at once.
      window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, this.panels.serializer()),
      commands.registerCommand('driftMonitor.runAnalysis', (uri?: unknown) => this.runAnalysisCommand(uriString(uri))),
      commands.registerCommand('driftMonitor.openReport', (uri?: unknown, feature?: unknown) =>
        this.openReport(uriString(uri), typeof feature === 'string' ? feature : undefined),
      ),
      commands.registerCommand('driftMonitor.exportReport', (uri?: unknown) => this.exportReport(uriString(uri))),
      commands.registerCommand('driftMonitor.createConfig', (current?: unknown) =>
        createConfig(
          this.ready,
          current instanceof Uri ? current : typeof current === 'string' ? Uri.parse(current) : undefined,
        ),
      ),
      // The Explorer's "Compare with reference…" on a data file: Create Config with that file as the current data.
      commands.registerCommand('driftMonitor.compareWithReference', (current?: unknown) => {
        const file = current instanceof Uri ? current : window.activeTextEditor?.document.uri;
        return createConfig(this.ready, file && isCurrentDataName(file.path) ? file : undefined);
      }),
      // Simulate Drift: the dialogs here, the reading and writing in the server.
      commands.registerCommand('driftMonitor.simulateDrift', (file?: unknown) =>
        simulateDriftCommand(this.ready, file instanceof Uri && /\.(csv|tsv)$/i.test(file.path) ? file : undefined),
      ),
      commands.registerCommand('driftMonitor.setNotificationPassword', (uri?: unknown) =>
        this.setNotificationPassword(uriString(uri)),
      ),
      // The server learns of trust at once: from now on it sends alerts and hands out the retraining
      // command, so the commands held back are offered once it has been told.
      workspace.onDidGrantWorkspaceTrust(async () => {
        await this.sendSettings();
        this.retraining.trustGranted();
      }),
      window.onDidChangeActiveTextEditor((editor) => this.activeEditorChanged(editor)),
      this.analyzeOnSave,
      workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('driftMonitor') || event.affectsConfiguration('yaml.validate'))
          void this.sendSettings();
      }),
      extensions.onDidChange(() => void this.sendSettings()),
    );
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Every YAML file: the server keeps to drift.yaml, *.drift.yaml, *.drift.yml and files starting `# drift-monitor`.
      // CSVs too, for the code actions on drift diagnostics at their header cells.
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', pattern: '**/*.drift.yml' },
        { scheme: 'file', pattern: '**/*.{csv,tsv}' },
      ],
      // The one watcher of the data files (and of the configs, which the server finds for analyze-on-save).
      synchronize: {
        fileEvents: [
          workspace.createFileSystemWatcher(DATA_FILES_GLOB),
          workspace.createFileSystemWatcher(CONFIG_GLOB),
        ],
      },
      initializationOptions: serverSettings(),
      outputChannel: this.output,
      // Failed analyses get their own notification with a "Show log" action.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('driftMonitor', 'Drift Monitor', serverOptions, clientOptions);
    this.client = client;
    this.disposables.push(
      client.onNotification(ANALYSIS_FINISHED, (params: AnalysisFinishedParams) => this.status.finished(params)),
      client.onNotification(DATA_CHANGED, (params: DataChangedParams) => this.analyzeOnSave.dataChanged(params)),
      // The stored SMTP password of the one account the server is about to e-mail from; none in Restricted Mode.
      client.onRequest(GET_NOTIFICATION_PASSWORD, (account: EmailAccount) =>
        workspace.isTrusted ? storedNotificationPassword(this.context.secrets, account) : null,
      ),
    );
    try {
      await client.start();
    } catch (error) {
      this.rejectReady(error);
      void this.showError(`Drift Monitor: the language server did not start: ${(error as Error).message}`);
      throw error;
    }
    this.resolveReady(client);
    this.activeEditorChanged(window.activeTextEditor);
  }

  private async sendSettings(): Promise<void> {
    if (this.client?.isRunning()) await this.client.sendNotification(DID_CHANGE_SETTINGS, serverSettings());
  }

  private activeConfig(): TextDocument | undefined {
    const document = window.activeTextEditor?.document;
    return document && isConfigDocument(document) ? document : undefined;
  }

  private activeEditorChanged(editor: TextEditor | undefined): void {
    const config = editor && isConfigDocument(editor.document) ? editor.document.uri.toString() : undefined;
    void commands.executeCommand('setContext', 'driftMonitor.activeIsConfig', config !== undefined);
    this.status.show(config);
    // A config analyzed before this window (or before the editor opened): fill in from the server's last report.
    if (config && !this.status.has(config) && this.client?.isRunning()) {
      void this.getReport(config).then(
        (report) => {
          if (report && !this.status.has(config)) this.status.finished(analysisSummary(config, report));
        },
        () => undefined,
      );
    }
  }

  /** The config to act on: the argument, the active config editor, or one picked from the workspace. */
  private async resolveConfig(uri: string | undefined, purpose: string): Promise<string | undefined> {
    if (uri) return uri;
    const active = this.activeConfig();
    if (active) return active.uri.toString();
    const found = await workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 200);
    if (found.length === 0) {
      const create = 'Create Monitoring Config…';
      const answer = await window.showInformationMessage(
        'No drift config (drift.yaml, *.drift.yaml) in this workspace.',
        create,
      );
      if (answer === create) await commands.executeCommand('driftMonitor.createConfig');
      return undefined;
    }
    if (found.length === 1) return found[0]!.toString();
    found.sort((a, b) => a.path.localeCompare(b.path));
    const items = found.map(
      (file) => ({ label: workspace.asRelativePath(file, true), uri: file }) satisfies QuickPickItem & { uri: Uri },
    );
    const picked = await window.showQuickPick(items, { title: purpose, placeHolder: 'A drift config' });
    return picked?.uri.toString();
  }

  private async runAnalysisCommand(uri: string | undefined): Promise<Report | undefined> {
    const target = await this.resolveConfig(uri, 'Run Drift Analysis');
    if (!target) return undefined;
    // Unsaved edits are analyzed as they are (the server reads the open document), but say which file.
    return this.runAnalysis(target, { reveal: true });
  }

  /** Runs the analysis with a cancellable notification fed by the server's work-done progress. */
  private runAnalysis(uri: string, options: { reveal: boolean; onSave?: boolean }): Promise<Report | undefined> {
    const pending = this.running.get(uri);
    if (pending) return pending;
    const run = this.analyze(uri, options).finally(() => {
      this.running.delete(uri);
      this.status.setRunning(uri, false);
    });
    this.running.set(uri, run);
    this.status.setRunning(uri, true);
    return run;
  }

  /** A new run once the one in progress (which read the files before they changed) is over. */
  private async runAfterCurrent(uri: string): Promise<Report | undefined> {
    await this.running.get(uri)?.catch(() => undefined);
    return this.runAnalysis(uri, { reveal: false, onSave: true });
  }

  private async analyze(uri: string, options: { reveal: boolean; onSave?: boolean }): Promise<Report | undefined> {
    const client = await this.ready;
    const name = path.posix.basename(Uri.parse(uri).path);
    const report = await window.withProgress(
      { location: ProgressLocation.Notification, title: `Drift analysis of ${name}`, cancellable: true },
      async (progress, token) => {
        const workDoneToken = randomUUID();
        let shown = 0;
        const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'end') return;
          const percentage =
            typeof value.percentage === 'number' ? Math.min(100, Math.max(shown, value.percentage)) : shown;
          progress.report({ message: value.message, increment: percentage - shown });
          shown = percentage;
        });
        try {
          // 0 means no limit; the server then reads every row.
          const maxRows = workspace
            .getConfiguration('driftMonitor', Uri.parse(uri))
            .get<number>('maxRowsInteractive', DEFAULT_MAX_ROWS);
          const params: RunAnalysisParams & { workDoneToken: string } = {
            uri,
            workDoneToken,
            ...(maxRows > 0 && { maxRows }),
          };
          const result = await client.sendRequest(RUN_ANALYSIS, params, token);
          // The client answers a cancelled request with undefined.
          return token.isCancellationRequested ? undefined : result;
        } catch (error) {
          if (token.isCancellationRequested || error instanceof CancellationError) return undefined;
          this.output.error(`Drift analysis of ${uri} failed: ${(error as Error).message}`);
          void this.showError(`Drift analysis of ${name} failed: ${(error as Error).message}`);
          return undefined;
        } finally {
          listening.dispose();
        }
      },
    );
    if (!report) return undefined;
    this.status.finished(analysisSummary(uri, report));
    void this.restricted.analysisFinished(name, report);
    void this.alerts
      .analysisFinished(uri, report)
      .catch((error: Error) => this.output.warn(`Alert notification: ${error.message}`));
    void this.retraining.afterAnalysis(uri, report, { onSave: options.onSave === true });
    const openAfter = workspace
      .getConfiguration('driftMonitor', Uri.parse(uri))
      .get<boolean>('openReportAfterAnalysis', true);
    if (options.reveal && openAfter) await this.panels.open(uri, report);
    else {
      this.panels.update(uri, report);
      const open = 'Open Report';
      void window
        .showInformationMessage(
          `Drift analysis of ${name}: ${driftedFeaturesBrief(report.dataset)}; risk ${formatRisk(report.risk)}.`,
          open,
        )
        .then((answer) => (answer === open ? this.panels.open(uri, report) : undefined));
    }
    return report;
  }

  /** For the config's own SMTP host and user (asked of the server); without a config naming them, asked of the user. */
  private async setNotificationPassword(uri: string | undefined): Promise<void> {
    const config = uri ?? this.activeConfig()?.uri.toString();
    const account = config
      ? await (await this.ready).sendRequest(GET_EMAIL_ACCOUNT, { uri: config }).catch(() => null)
      : null;
    const done = await setNotificationPassword(
      this.context.secrets,
      (options) => window.showInputBox(options),
      account,
    );
    if (done) void window.showInformationMessage(done);
  }

  private async getReport(uri: string): Promise<Report | null> {
    const client = await this.ready;
    const params: GetReportParams = { uri };
    return client.sendRequest(GET_REPORT, params);
  }

  private async getHistory(uri: string): Promise<HistoryRun[]> {
    const client = await this.ready;
    const params: GetHistoryParams = { uri };
    return client.sendRequest(GET_HISTORY, params);
  }

  private async openReport(uri: string | undefined, feature: string | undefined): Promise<void> {
    const target = await this.resolveConfig(uri, 'Open Drift Report');
    if (!target) return;
    try {
      if (await this.panels.open(target, undefined, feature)) return;
    } catch (error) {
      void this.showError(`Cannot open the drift report: ${(error as Error).message}`);
      return;
    }
    const run = 'Run Analysis';
    if ((await window.showInformationMessage('This config has not been analyzed yet.', run)) === run) {
      const report = await this.runAnalysis(target, { reveal: false });
      if (report) await this.panels.open(target, report, feature);
    }
  }

  private async exportReport(uri: string | undefined): Promise<void> {
    const target = await this.resolveConfig(uri, 'Export Drift Report');
    if (!target) return;
    let report: Report | null | undefined = await this.getReport(target).catch(() => null);
    if (!report) {
      const run = 'Run Analysis';
      if ((await window.showInformationMessage('This config has not been analyzed yet.', run)) !== run) return;
      report = await this.runAnalysis(target, { reveal: false });
      if (!report) return;
    }
    const configFile = Uri.parse(target);
    const destination = await window.showSaveDialog({
      title: 'Export Drift Report',
      defaultUri: Uri.joinPath(configFile, '..', defaultExportName(configFile.path)),
      filters: { HTML: ['html', 'htm'], JSON: ['json'], CSV: ['csv'] },
    });
    if (!destination) return;
    const format = exportFormat(destination.path);
    try {
      const params: ExportReportParams = { uri: target, format };
      const text = await (await this.ready).sendRequest(EXPORT_REPORT, params);
      await workspace.fs.writeFile(destination, Buffer.from(text, 'utf8'));
    } catch (error) {
      void this.showError(`Cannot export the drift report: ${(error as Error).message}`);
      return;
    }
    const reveal = 'Reveal';
    const openIt = format === 'html' ? 'Open in Browser' : 'Open';
    const answer = await window.showInformationMessage(
      `Drift report written to ${workspace.asRelativePath(destination)}.`,
      openIt,
      reveal,
    );
    if (answer === reveal) await commands.executeCommand('revealFileInOS', destination);
    else if (answer === 'Open in Browser') await env.openExternal(destination);
    else if (answer === 'Open') await window.showTextDocument(destination);
  }

  private async showError(message: string): Promise<void> {
    const showLog = 'Show log';
    if ((await window.showErrorMessage(message, showLog)) === showLog) this.output.show(true);
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // The client first: it logs to the output channel while it stops the server.
    if (client) await client.dispose().catch(() => undefined);
    Disposable.from(...this.disposables.splice(0)).dispose();
  }
}
