/**
 * The language server: LSP wiring only. Started by the extension over IPC, or by any
 * LSP client with --stdio. Validation and assistance live in config/, analysis in
 * analysis/ and monitoring/, the editor-facing shapes of results in lsp/, and the requests
 * the extension makes for what needs a config or a data file in their own modules here.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Diagnostic,
  type WorkDoneProgressParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { METHODS } from '../protocol/methods';
import { thresholdAccepting } from '../engine/analysis/methods';
import { codeActions, raiseThresholdEdit } from './codeActions';
import { ColumnProfileCache } from '../engine/data/columnProfiles';
import { completions } from './completion';
import { CsvHeaderCache } from '../engine/data/csvHeaders';
import { hasOwnSchema } from '../engine/data/schemaHeaders';
import { fileProblems } from '../engine/config/fileProblems';
import { hover } from './hover';
import { isSchemaProblem } from '../engine/config/parse';
import { codeLenses, documentLinks, documentSymbols } from './symbols';
import { configOf, loadConfig } from '../engine/config/load';
import { historyRuns } from '../engine/history/historyRuns';
import { recordQuietly } from '../engine/history/recording';
import { AnalysisRuns, RunSuperseded, type FinishedRun } from './analysisRuns';
import { ParsedConfigs } from './configDocuments';
import { isDriftConfig } from '../protocol/driftConfigs';
import { handleAlertFingerprints } from './alertFingerprints';
import { handleConfigTemplate } from './createConfig';
import { handleCsvHeader } from './csvHeader';
import { DataChanges } from './dataChanges';
import { handleExportReport } from './exportReport';
import { handleRetraining } from './retraining';
import { handleSimulation } from './simulation';
import { handleSaveProfile } from './saveProfile';
import { answering, runError } from './requestErrors';
import { pathOf } from './uris';
import { driftDiagnostics, severityMap, type DriftDiagnostics } from './driftDiagnostics';
import { progressPercent } from './progress';
import { emailAccount, notifyFromEditor } from './notify';
import { OUTSIDE_WORKSPACE, WorkspaceTrust } from './workspaceTrust';
import { holdBack } from './heldBack';
import { problemAt } from '../engine/config/problem';
import { type Report, type HistoryRun } from '../protocol/report';
import { retrainingFolderProblems } from '../engine/retraining/configProblems';
import {
  ANALYSIS_FINISHED,
  DID_CHANGE_SETTINGS,
  GET_EMAIL_ACCOUNT,
  GET_HISTORY,
  GET_NOTIFICATION_PASSWORD,
  GET_REPORT,
  RUN_ANALYSIS,
  analysisSummary,
  type EmailAccount,
  type GetEmailAccountParams,
  type GetHistoryParams,
  type GetReportParams,
  type RunAnalysisParams,
  type ServerSettings,
  type DriftDiagnosticData,
} from '../protocol/messages';
import type { ConfigProblem } from '../engine/config/problem';
import { shownDiagnostics } from './diagnosticLimit';
import { regularFileStats } from '../engine/data/fileKind';
import { InputError } from '../engine/inputError';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const headers = new CsvHeaderCache();
const profiles = new ColumnProfileCache();
const runs = new AnalysisRuns();
const parsedConfigs = new ParsedConfigs();
/** Which configs read a changed data file, looked for in the workspace folders (for analyze-on-save). */
const dataChanges = new DataChanges(() => documents.all(), parsedConfigs);
/** Restricted Mode until the client says the workspace is trusted (see ServerSettings.workspaceTrusted). */
const trust = new WorkspaceTrust(() => dataChanges.workspaceFolders);

/** Validation waits for a pause in typing. */
const VALIDATION_DELAY_MS = 200;
const pending = new Map<string, NodeJS.Timeout>();
/** Per config: the last validation problems (for code actions) and the published analysis diagnostics. */
const problemsOf = new Map<string, { version: number; problems: ConfigProblem[]; diagnostics: Diagnostic[] }>();
/** `currentUri` undefined: the current file has no header cells (Parquet), and no diagnostics went to it. */
const analysisOf = new Map<string, DriftDiagnostics & { currentUri: string | undefined }>();

/** Problems-pane severity per drift severity, from the client's settings. */
let severities = severityMap(undefined);
/** Off while Red Hat's YAML extension reports the same YAML and schema problems (see ServerSettings). */
let schemaDiagnostics = true;
function applySettings(settings: ServerSettings | undefined): void {
  if (settings?.driftSeverities !== undefined)
    severities = severityMap(settings.driftSeverities as Parameters<typeof severityMap>[0]);
  if (typeof settings?.schemaDiagnostics === 'boolean') schemaDiagnostics = settings.schemaDiagnostics;
  trust.apply(settings?.workspaceTrusted);
}

/** Whether the client tells of folders added and removed (VS Code does). */
let foldersChange = false;

connection.onInitialize(({ initializationOptions, workspaceFolders: folders, rootUri, capabilities: client }) => {
  applySettings(initializationOptions as ServerSettings | undefined);
  foldersChange = client.workspace?.workspaceFolders === true;
  dataChanges.foldersChanged(folders ?? (rootUri ? [{ uri: rootUri }] : []));
  return {
    capabilities: {
      // Saves too: a data file saved in the editor is a data change (see DATA_CHANGED).
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: [':', ' ', '-', '/', '['] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      // Told when folders are added or removed: analyze-on-save looks for configs in them.
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'drift-monitor' },
  };
});

const isConfig = (document: TextDocument) => isDriftConfig(document.uri, document.getText(), document.languageId);
const configDocument = (uri: string) => {
  const document = documents.get(uri);
  return document && isConfig(document) ? document : undefined;
};
/** The text of the config at `uri`: the open document's, else the saved file's (an InputError when it cannot be read). */
const configText = async (uri: string) => {
  const open = documents.get(uri)?.getText();
  if (open !== undefined) return open;
  const file = pathOf(uri);
  try {
    // A named pipe or a device would never finish reading: only a regular file is read.
    await regularFileStats(file, file);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: ${code === 'ENOENT' ? 'config not found' : `cannot read the config (${code ?? String(error)})`}.`,
      { file },
    );
  }
};

connection.onInitialized(() => {
  if (!foldersChange) return;
  connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => dataChanges.foldersChanged(added, removed));
});

documents.onDidChangeContent(({ document }) => {
  clearTimeout(pending.get(document.uri));
  if (!isConfig(document)) return;
  // The config changed: results computed from the old text are stale.
  clearAnalysis(document.uri);
  pending.set(
    document.uri,
    setTimeout(() => void validate(document), VALIDATION_DELAY_MS),
  );
});

documents.onDidClose(({ document }) => {
  clearTimeout(pending.get(document.uri));
  pending.delete(document.uri);
  problemsOf.delete(document.uri);
  parsedConfigs.forget(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    const file = pathOf(change.uri);
    headers.invalidate(file);
    profiles.invalidate(file);
    for (const uri of runs.readersOf(file)) clearAnalysis(uri);
    dataChanges.fileChanged(connection, change);
  }
  for (const document of documents.all()) if (isConfig(document)) void validate(document);
});

documents.onDidSave(({ document }) => dataChanges.fileChanged(connection, { uri: document.uri, type: 'saved' }));

async function validate(document: TextDocument): Promise<void> {
  pending.delete(document.uri);
  const version = document.version;
  const configPath = pathOf(document.uri);
  const parsed = parsedConfigs.of(document.uri, document.getText());
  const problems = [
    ...parsed.problems,
    ...(await fileProblems(parsed, configPath, trust.headersFor(headers, configPath))),
    ...(await retrainingFolderProblems(parsed.document, configPath, (folder) => trust.readable(folder, configPath))),
    ...(await historyOutside(parsed)),
  ];
  if (documents.get(document.uri)?.version !== version) return; // an edit arrived meanwhile; its own validation follows
  // Hidden problems stay in problemsOf: their quick fixes are offered on the YAML extension's diagnostics.
  const diagnostics = shownDiagnostics(
    problems
      .filter((problem) => schemaDiagnostics || !isSchemaProblem(problem))
      .map((problem): Diagnostic => ({
        range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
        message: problem.message,
        severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'drift-monitor',
        code: problem.code,
      })),
  );
  problemsOf.set(document.uri, { version, problems, diagnostics });
  publishConfig(document.uri);
}

/** In Restricted Mode, a run history outside the workspace folders is not recorded (the data files are checked with their headers). */
async function historyOutside(parsed: ReturnType<ParsedConfigs['of']>): Promise<ConfigProblem[]> {
  if (!parsed.config) return [];
  const outside = (await trust.outsidePaths(parsed.config)).find(({ key }) => key === 'history.path');
  if (!outside) return [];
  const message = `history.path ${OUTSIDE_WORKSPACE}: ${outside.written}. Runs are not recorded until then.`;
  return [problemAt(parsed.document, ['history', 'path'], 'value', 'warning', 'outside-workspace', message)];
}

function publishConfig(uri: string): void {
  const validation = problemsOf.get(uri)?.diagnostics ?? [];
  void connection.sendDiagnostics({ uri, diagnostics: [...validation, ...(analysisOf.get(uri)?.config ?? [])] });
}

function clearAnalysis(uri: string): void {
  // The last Report stays available (getReport, Open Report); only the diagnostics claiming to be current go.
  const shown = analysisOf.get(uri);
  if (!shown) return;
  analysisOf.delete(uri);
  if (shown.currentUri) void connection.sendDiagnostics({ uri: shown.currentUri, diagnostics: [] });
  publishConfig(uri);
}

connection.onRequest(
  RUN_ANALYSIS,
  async (params: RunAnalysisParams & WorkDoneProgressParams, token): Promise<Report> => {
    const { maxRows } = params;
    if (maxRows !== undefined && !(Number.isSafeInteger(maxRows) && maxRows >= 0)) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `maxRows must be a whole number of rows, or 0 for no limit, not ${JSON.stringify(maxRows)}.`,
      );
    }
    const workDone = connection.window.attachWorkDoneProgress(params.workDoneToken);
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
    workDone.begin('Drift analysis', 0, 'Starting', true);
    // Files report their sizes as they open, so the combined fraction can dip: never show it going back.
    let shownPercent = 0;
    try {
      const text = await configText(params.uri);
      const parsed = parsedConfigs.of(params.uri, text);
      const checked = configOf(parsed, path.basename(pathOf(params.uri)));
      await trust.checkDataFiles(checked);
      const { report, config } = await runs.run(params.uri, checked, {
        signal: controller.signal,
        maxRows,
        onProgress: (progress) =>
          workDone.report((shownPercent = Math.max(shownPercent, progressPercent(progress))), progress.message),
        // The diagnostics need the current file's header. Parsing it is the longest step on this
        // thread once the report is back (tens of ms the first time); done now, while workers read
        // the data, it is cached by then (its errors show when showAnalysis reads it).
        onStart: (config) => void headers.get(config.current.path, config.current.format).catch(() => undefined),
      });
      // Restricted Mode: nothing is sent, and the history is recorded only inside the workspace folders.
      const outside = trust.isTrusted ? undefined : await trust.outsidePaths(config);
      if (outside) holdBack(config, report, outside);
      await showAnalysis(params.uri, text, { report, config });
      const summary = analysisSummary(params.uri, report);
      void connection.sendNotification(ANALYSIS_FINISHED, summary);
      // Recorded once the report is on its way: hashing the data files must not hold it up.
      if (!outside?.some(({ key }) => key === 'history.path'))
        setImmediate(() => void recordQuietly({ report, config, configText: text, trigger: 'editor' }, warnHistory));
      // The alert channels once the report is on its way: their retries never hold up the editor.
      if (!outside) setImmediate(() => void notifyFromEditor(connection, config, report, storedPassword));
      return report;
    } catch (error) {
      if (controller.signal.aborted)
        throw new ResponseError(
          LSPErrorCodes.RequestCancelled,
          'Drift analysis cancelled; the previous results are kept.',
        );
      if (error instanceof RunSuperseded)
        throw new ResponseError(
          LSPErrorCodes.RequestCancelled,
          'Drift analysis stopped: a newer analysis of the same config started, and its results follow.',
        );
      if (!(error instanceof InputError))
        connection.console.error(`Drift analysis of ${params.uri}: ${(error as Error)?.stack ?? String(error)}`);
      throw runError(error);
    } finally {
      workDone.done();
    }
  },
);

/**
 * Publishes a finished run as diagnostics on the config text it ran from and on the current
 * CSV's header; never on a Parquet file, which has no header cells (and a binary file's
 * diagnostics would be squiggles on nothing).
 */
async function showAnalysis(uri: string, configText: string, { report, config }: FinishedRun): Promise<void> {
  const { path: currentPath, format } = config.current;
  const currentUri = hasOwnSchema(currentPath, format) ? undefined : pathToFileURL(currentPath).toString();
  const header = await headers.get(currentPath, format);
  const configDocument = parsedConfigs.of(uri, configText).document;
  const shown = driftDiagnostics({
    report,
    configUri: uri,
    configText,
    configDocument,
    currentUri,
    currentHeader: header.ok ? header.header : null,
    severities,
  });
  const previous = analysisOf.get(uri);
  if (previous?.currentUri && previous.currentUri !== currentUri)
    void connection.sendDiagnostics({ uri: previous.currentUri, diagnostics: [] });
  analysisOf.set(uri, { ...shown, currentUri });
  if (currentUri) void connection.sendDiagnostics({ uri: currentUri, diagnostics: shown.current });
  publishConfig(uri);
}

connection.onNotification(DID_CHANGE_SETTINGS, async (settings: ServerSettings) => {
  applySettings(settings);
  for (const document of documents.all()) if (isConfig(document)) void validate(document);
  // Results still current (their config and data unchanged since) are shown again with the new severities.
  for (const uri of [...analysisOf.keys()]) {
    const run = runs.last(uri);
    if (!run) continue;
    const text = await configText(uri).catch(() => undefined);
    if (text !== undefined && analysisOf.has(uri)) await showAnalysis(uri, text, run);
  }
});

/** The password the editor stores for `account` (see GET_NOTIFICATION_PASSWORD). */
const storedPassword = (account: EmailAccount) => connection.sendRequest(GET_NOTIFICATION_PASSWORD, account);

connection.onRequest(GET_EMAIL_ACCOUNT, (params: GetEmailAccountParams): Promise<EmailAccount | null> =>
  answering(async () =>
    emailAccount(
      configOf(parsedConfigs.of(params.uri, await configText(params.uri)), path.basename(pathOf(params.uri))),
    ),
  ),
);

connection.onRequest(GET_REPORT, (params: GetReportParams): Report | null => runs.last(params.uri)?.report ?? null);

/** A run that could not be recorded in the history: logged each time, shown once per problem. */
const shownHistoryWarnings = new Set<string>();
function warnHistory(message: string): void {
  connection.console.warn(`Drift Monitor: ${message}`);
  if (shownHistoryWarnings.has(message)) return;
  shownHistoryWarnings.add(message);
  // Typed void, but sent as a request: a client that does not answer it must not take the server down.
  void Promise.resolve(connection.window.showWarningMessage(`Drift Monitor: ${message}`)).catch(() => undefined);
}

connection.onRequest(GET_HISTORY, (params: GetHistoryParams): Promise<HistoryRun[]> =>
  // The history the last analysis recorded into; before any, the saved config's.
  answering(async () => {
    const config = runs.last(params.uri)?.config ?? (await loadConfig(pathOf(params.uri)));
    // Restricted Mode reads no history outside the workspace folders: there are no runs to show.
    if ((await trust.outsidePaths(config)).some(({ key }) => key === 'history.path')) return [];
    return historyRuns(config);
  }),
);

handleRetraining(connection, runs, trust);
handleCsvHeader(connection, headers);
handleConfigTemplate(connection);
handleExportReport(connection, runs);
handleAlertFingerprints(connection);
handleSimulation(connection);
handleSaveProfile(connection, trust);

connection.onCompletion(async ({ textDocument, position }) => {
  const document = configDocument(textDocument.uri);
  if (!document) return [];
  const configPath = pathOf(textDocument.uri);
  return completions(
    document.getText(),
    document.offsetAt(position),
    configPath,
    trust.headersFor(headers, configPath),
    (folder) => trust.readable(folder, configPath),
  );
});

connection.onHover(async ({ textDocument, position }) => {
  const document = configDocument(textDocument.uri);
  if (!document) return null;
  const configPath = pathOf(textDocument.uri);
  return hover(
    document.getText(),
    document.offsetAt(position),
    configPath,
    trust.headersFor(headers, configPath),
    trust.profilesFor(profiles, configPath),
  );
});

connection.onCodeAction(async ({ textDocument, range, context }) => {
  const actions: CodeAction[] = [];
  const document = configDocument(textDocument.uri);
  const validation = problemsOf.get(textDocument.uri);
  if (document && validation?.version === document.version) {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const here = validation.problems.filter((p) => p.start <= end && p.end >= start);
    const text = document.getText();
    actions.push(
      ...codeActions(
        text,
        parsedConfigs.of(textDocument.uri, text).document,
        textDocument.uri,
        pathOf(textDocument.uri),
        here,
      ),
    );
  }
  for (const diagnostic of context.diagnostics) {
    const data = diagnostic.data as DriftDiagnosticData | undefined;
    if (!data?.feature) continue;
    actions.push({
      title: `Open the report at '${data.feature}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: 'Open Report', command: 'driftMonitor.openReport', arguments: [data.configUri, data.feature] },
    });
    if (Number.isFinite(data.statistic)) {
      const threshold = thresholdAccepting(data.method, data.statistic);
      const text = await configText(data.configUri);
      actions.push({
        title: `Raise the ${METHODS[data.method].label} threshold of '${data.feature}' to ${threshold}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: raiseThresholdEdit(
          text,
          parsedConfigs.of(data.configUri, text).document,
          data.configUri,
          data.feature,
          data.method,
          threshold,
        ),
      });
    }
  }
  return actions;
});

connection.onCodeLens(({ textDocument }) => {
  const document = configDocument(textDocument.uri);
  return document ? codeLenses(document.getText(), textDocument.uri, runs.last(textDocument.uri) !== undefined) : [];
});

connection.onDocumentLinks(({ textDocument }) => {
  const document = configDocument(textDocument.uri);
  return document ? documentLinks(document.getText(), pathOf(textDocument.uri)) : [];
});

connection.onDocumentSymbol(({ textDocument }) => {
  const document = configDocument(textDocument.uri);
  return document ? documentSymbols(document.getText()) : [];
});

documents.listen(connection);
connection.listen();
