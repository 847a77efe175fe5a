/**
 * The extension host side: starts the language server over IPC for the monitoring
 * configs and runs analyses through it.
 */
import * as path from 'node:path';
import { ProgressLocation, commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RUN_ANALYSIS, type Report, type RunAnalysisParams } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
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
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{csv,tsv}') },
    initializationOptions: { driftSeverities: workspace.getConfiguration('driftMonitor').get('diagnostics.severity') },
  };
  client = new LanguageClient('driftMonitor', 'Drift Monitor', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client, commands.registerCommand('driftMonitor.runAnalysis', runAnalysis));
}

/** Runs the analysis of the config at `uri` (the active editor's by default) with a cancellable progress notification. */
async function runAnalysis(uri?: string): Promise<Report | undefined> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!client || !target) return undefined;
  const running = client;
  return window.withProgress({ location: ProgressLocation.Notification, title: 'Drift analysis', cancellable: true }, async (_progress, token) => {
    try {
      const params: RunAnalysisParams = { uri: target };
      const report = await running.sendRequest<Report>(RUN_ANALYSIS, params, token);
      const d = report.dataset;
      void window.showInformationMessage(`Drift analysis: ${d.driftedFeatures} of ${d.features} features drifted${d.drifted ? ' — dataset drift' : ''}; risk ${report.risk.score}/100.`);
      return report;
    } catch (error) {
      if (!token.isCancellationRequested) void window.showErrorMessage(`Drift analysis failed: ${(error as Error).message}`);
      return undefined;
    }
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
