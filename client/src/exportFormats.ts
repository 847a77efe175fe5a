/** Export Drift Report: the file name offered and the format a chosen name asks for (the server writes the text). Pure. */
import * as path from 'node:path';
import type { ExportFormat } from '../../server/src/protocol/messages';

/** The format a chosen file name asks for; HTML (the whole report) when the extension says nothing. */
export function exportFormat(file: string): ExportFormat {
  const extension = path.posix.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  return 'html';
}

/** `drift-report.html` for drift.yaml, `churn.drift-report.html` for churn.drift.yaml. */
export function defaultExportName(configPath: string): string {
  const base = path.posix
    .basename(configPath)
    .replace(/\.ya?ml$/i, '')
    .replace(/\.drift$/i, '');
  return `${base === 'drift' ? 'drift' : `${base}.drift`}-report.html`;
}
