/** Export Drift Report's formats, on a real Report of the demo made by the bundled CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../server/src/protocol/report';
import { defaultExportName, exportFormat, exportText } from '../../src/exportFormats';

const root = new URL('../../../', import.meta.url).pathname;
let report: Report;

beforeAll(() => {
  const json = join(mkdtempSync(join(tmpdir(), 'drift-export-')), 'report.json');
  const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'analyze', join(root, 'test-fixtures/demo/drift.yaml'), '--json', json, '--quiet', '--fail-on', 'never'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  report = JSON.parse(readFileSync(json, 'utf8')) as Report;
});

describe('export formats', () => {
  it('picks the format from the chosen file name, HTML by default', () => {
    expect(['r.json', 'R.JSON', 'r.csv', 'r.html', 'r.htm', 'report', 'r.txt'].map(exportFormat)).toEqual(['json', 'json', 'csv', 'html', 'html', 'html', 'html']);
  });

  it('offers a file name after the config', () => {
    expect(defaultExportName('/w/drift.yaml')).toBe('drift-report.html');
    expect(defaultExportName('/w/churn.drift.yaml')).toBe('churn.drift-report.html');
    expect(defaultExportName('/w/churn.drift.yml')).toBe('churn.drift-report.html');
  });

  it('writes the Report itself as JSON', () => {
    expect(JSON.parse(exportText(report, 'json', ''))).toEqual(report);
  });

  it('writes one CSV row per tested column', () => {
    const rows = Papa.parse<Record<string, string>>(exportText(report, 'csv', ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.feature ?? r.name)).toEqual(report.features.map((f) => f.name));
  });

  it('writes the report page with the script inlined under a nonce and the data as JSON', () => {
    const html = exportText(report, 'html', 'window.__script_marker = 1;');
    expect(html).toContain('window.__script_marker = 1;');
    expect(html).toMatch(/Content-Security-Policy[^>]*script-src 'nonce-/);
    expect(html).toContain('"income"');
  });
});
