/**
 * EXPORT_REPORT: the last Report of a config as the file "Export Drift Report…" writes: the report
 * page with the bundled script (dist/webview.js, next to this bundle) inlined, the Report as JSON,
 * or one CSV row per feature.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { csvExport } from '../engine/export/csvExport';
import { reportHtml } from '../engine/export/html';
import { EXPORT_REPORT, type ExportFormat, type ExportReportParams } from '../protocol/messages';
import type { Report } from '../protocol/report';
import type { AnalysisRuns } from './analysisRuns';

async function exportText(report: Report, format: ExportFormat): Promise<string> {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') return csvExport(report);
  return reportHtml(report, await readFile(join(__dirname, 'webview.js'), 'utf8'));
}

export function handleExportReport(connection: Connection, runs: AnalysisRuns): void {
  connection.onRequest(EXPORT_REPORT, async ({ uri, format }: ExportReportParams): Promise<string> => {
    const report = runs.last(uri)?.report;
    if (!report) throw new ResponseError(LSPErrorCodes.RequestFailed, 'This config has not been analyzed yet.');
    return exportText(report, format);
  });
}
