/** Export Drift Report: the file name offered and the text written for each format. Pure. */
import * as path from 'node:path';
import { csvExport } from '../../server/src/engine/export/csvExport';
import { reportHtml } from '../../server/src/engine/export/html';
import type { Report } from '../../server/src/protocol/report';

export type ExportFormat = 'html' | 'json' | 'csv';

/** The format a chosen file name asks for; HTML (the whole report) when the extension says nothing. */
export function exportFormat(file: string): ExportFormat {
  const extension = path.posix.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  return 'html';
}

/** `drift-report.html` for drift.yaml, `churn.drift-report.html` for churn.drift.yaml. */
export function defaultExportName(configPath: string): string {
  const base = path.posix.basename(configPath).replace(/\.ya?ml$/i, '').replace(/\.drift$/i, '');
  return `${base === 'drift' ? 'drift' : `${base}.drift`}-report.html`;
}

/** The file's text: the report page with its script inlined, the Report as JSON, or one CSV row per feature. */
export function exportText(report: Report, format: ExportFormat, webviewScript: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') return csvExport(report);
  return reportHtml(report, webviewScript);
}
