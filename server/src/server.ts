/**
 * The language server: LSP wiring only. Started by the extension over IPC, or by
 * any LSP client with --stdio. Validation logic lives in config/.
 */
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfig } from './config/parse';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

/** Validation waits for a pause in typing. */
const VALIDATION_DELAY_MS = 200;
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'drift-monitor' },
}));

documents.onDidChangeContent(({ document }) => {
  clearTimeout(pending.get(document.uri));
  pending.set(document.uri, setTimeout(() => validate(document), VALIDATION_DELAY_MS));
});

documents.onDidClose(({ document }) => {
  clearTimeout(pending.get(document.uri));
  pending.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

function validate(document: TextDocument): void {
  pending.delete(document.uri);
  const configPath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : document.uri;
  const { problems } = parseConfig(document.getText(), configPath);
  const diagnostics: Diagnostic[] = problems.map((problem) => ({
    range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
    message: problem.message,
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'drift-monitor',
    code: problem.code,
  }));
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

documents.listen(connection);
connection.listen();
