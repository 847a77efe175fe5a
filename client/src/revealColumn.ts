/** "Reveal in CSV": opens the current file of a report and selects a column's header cell. */
import * as path from 'node:path';
import { Range, Uri, window, workspace } from 'vscode';
import { CsvHeaderCache } from '../../server/src/engine/data/csvHeaders';
import type { Report } from '../../server/src/protocol/report';

/** The report's current file: its path as written, relative to the config's folder. */
function currentFile(configUri: string, report: Report): Uri {
  const config = Uri.parse(configUri);
  return path.isAbsolute(report.current.path) ? Uri.file(report.current.path) : Uri.joinPath(config, '..', report.current.path);
}

export async function revealColumn(configUri: string, report: Report, column: string): Promise<void> {
  const file = currentFile(configUri, report);
  const header = await new CsvHeaderCache().get(file.fsPath);
  if (!header.ok) {
    void window.showWarningMessage(`${workspace.asRelativePath(file)} ${header.error}.`);
    return;
  }
  const index = header.header.columns.indexOf(column);
  if (index < 0) {
    void window.showWarningMessage(`${workspace.asRelativePath(file)} no longer has a column '${column}'.`);
    return;
  }
  const document = await workspace.openTextDocument(file);
  // Offsets count from after a byte order mark, which the editor's text leaves out too.
  const [start, end] = header.header.ranges[index]!;
  const range = new Range(document.positionAt(start), document.positionAt(end));
  await window.showTextDocument(document, { selection: range, preview: true });
}
