/**
 * Model columns the metrics cannot read, and a class new in the current file, reach the
 * editor as diagnostics on the config key that names the column, as other data problems do
 * (fixtures of test-fixtures/model-columns/generate.py).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { LspClient } from './lspClient';

const fixtures = new URL('../../../test-fixtures/model-columns/', import.meta.url).pathname;
let client: LspClient;
const folders: string[] = [];

beforeAll(async () => {
  client = await LspClient.start();
}, 30_000);
afterAll(async () => {
  await client.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/**
 * The config diagnostics after an analysis of the fixture's config (or of `text`), written in a
 * folder of its own with the fixture's CSVs by their full path, once one has `code`; and its lines.
 */
async function analyzed(
  folder: string,
  code: string,
  text = readFileSync(`${fixtures}${folder}/drift.yaml`, 'utf8'),
): Promise<{ found: Diagnostic[]; lines: string[] }> {
  const written = mkdtempSync(join(tmpdir(), 'drift-model-columns-'));
  folders.push(written);
  const path = join(written, 'drift.yaml');
  writeFileSync(path, text.replaceAll(/\b(reference|current)\.csv/g, `${fixtures}${folder}/$1.csv`));
  const uri = pathToFileURL(path).toString();
  await client.open(uri, readFileSync(path, 'utf8'));
  const published = client.diagnostics(uri, (d) => d.some((one) => one.code === code));
  await client.connection.sendRequest(RUN_ANALYSIS, { uri });
  return { found: (await published).filter((d) => d.code === code), lines: readFileSync(path, 'utf8').split('\n') };
}

/** The text a diagnostic's one-line range covers. */
function covered(lines: string[], d: Diagnostic): string {
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('model column problems in the editor', () => {
  it('probabilities on a 0–100 scale: an error per file on `columns.probability`', async () => {
    const { found, lines } = await analyzed('percent-probabilities', 'probabilities-out-of-range');
    expect(found.map((d) => String(d.message).split(',')[0])).toEqual(
      ['reference.csv', 'current.csv'].map((file) => `${fixtures}percent-probabilities/${file}`),
    );
    for (const d of found) {
      expect(d.severity).toBe(DiagnosticSeverity.Error);
      expect(lines[d.range.start.line]).toMatch(/^ {2}probability: probability$/);
      expect(covered(lines, d)).toBe('probability');
    }
  });

  it('the probability named as the prediction: an error on `columns.prediction`', async () => {
    const { found, lines } = await analyzed('probability-as-prediction', 'prediction-not-labels');
    expect(found).toHaveLength(2);
    for (const d of found) {
      expect(d.severity).toBe(DiagnosticSeverity.Error);
      expect(lines[d.range.start.line]).toMatch(/^ {2}prediction: score$/);
      expect(covered(lines, d)).toBe('score');
      expect(d.message).toContain("column 'score': the prediction holds fractions");
    }
  });

  it('with `models:`, on the entry of the model', async () => {
    const config = [
      'reference: reference.csv',
      'current: current.csv',
      'columns:',
      '  target: churned',
      'models:',
      '  - { name: words, prediction: prediction, probability: probability }',
      '',
    ].join('\n');
    const { found, lines } = await analyzed('word-predictions', 'prediction-labels-disjoint', config);
    expect(found).toHaveLength(2);
    for (const d of found) {
      expect(lines[d.range.start.line]).toContain('name: words');
      expect(lines[d.range.start.line].slice(0, d.range.start.character)).toMatch(/prediction: $/);
      expect(covered(lines, d)).toBe('prediction');
    }
  });

  it('a class new in the current file: a warning (moderate) on `columns.target`', async () => {
    const { found, lines } = await analyzed('new-class', 'new-class');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe(DiagnosticSeverity.Warning);
    expect(covered(lines, found[0])).toBe('churned');
    expect(found[0].message).toContain("'churned' has a class the reference does not: '2'");
  });
});
