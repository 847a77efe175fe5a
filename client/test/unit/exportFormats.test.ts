/** Export Drift Report's file names and formats (the server writes the text: server/test/lsp/requests.test.ts). */
import { describe, expect, it } from 'vitest';
import { defaultExportName, exportFormat } from '../../src/exportFormats';

describe('export formats', () => {
  it('picks the format from the chosen file name, HTML by default', () => {
    expect(['r.json', 'R.JSON', 'r.csv', 'r.html', 'r.htm', 'report', 'r.txt'].map(exportFormat)).toEqual([
      'json',
      'json',
      'csv',
      'html',
      'html',
      'html',
      'html',
    ]);
  });

  it('offers a file name after the config', () => {
    expect(defaultExportName('/w/drift.yaml')).toBe('drift-report.html');
    expect(defaultExportName('/w/churn.drift.yaml')).toBe('churn.drift-report.html');
    expect(defaultExportName('/w/churn.drift.yml')).toBe('churn.drift-report.html');
  });
});
