/** "Reveal in CSV": opens the current file of a report and selects a column's header cell, which the language server finds. */
import * as path from 'node:path';
import { Range, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GET_CSV_HEADER, type GetCsvHeaderParams } from '../../server/src/protocol/messages';
import type { Report } from '../../server/src/protocol/report';

/** The report's current file: its path as written, relative to the config's folder. */
function currentFile(configUri: string, report: Report): Uri {
  const config = Uri.parse(configUri);
  return path.isAbsolute(report.current.path)
    ? Uri.file(report.current.path)
    : Uri.joinPath(config, '..', report.current.path);
}

export async function revealColumn(
  server: Promise<LanguageClient>,
  configUri: string,
  report: Report,
  column: string,
): Promise<void> {
  const file = currentFile(configUri, report);
  const params: GetCsvHeaderParams = { file: file.toString() };
  let header;
  try {
    header = await (await server).sendRequest(GET_CSV_HEADER, params);
  } catch (error) {
    void window.showWarningMessage(
      `Cannot reveal '${column}' in ${workspace.asRelativePath(file)}: ${(error as Error).message}`,
    );
    return;
  }
  if ('problem' in header) {
    void window.showWarningMessage(`${workspace.asRelativePath(file)} ${header.problem}.`);
    return;
  }
  const cell = header.columns.find((c) => c.name === column);
  if (!cell) {
    void window.showWarningMessage(`${workspace.asRelativePath(file)} no longer has a column '${column}'.`);
    return;
  }
  if (cell.start === undefined || cell.end === undefined) {
    // A Parquet file has no text to select a cell in (and opening it shows bytes).
    void window.showInformationMessage(
      `'${column}' is a column of ${workspace.asRelativePath(file)}, which has no header line to reveal it in.`,
    );
    return;
  }
  const document = await workspace.openTextDocument(file);
  // Offsets count from after a byte order mark, which the editor's text leaves out too.
  const range = new Range(document.positionAt(cell.start), document.positionAt(cell.end));
  await window.showTextDocument(document, { selection: range, preview: true });
}
