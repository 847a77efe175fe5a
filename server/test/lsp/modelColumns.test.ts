/**
 * Model columns the metrics cannot read, and a class new in the current file, reach the
 * editor as diagnostics on the config key that names the column, as other data problems do
 * (fixtures of test-fixtures/model-columns/generate.py).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { RUN_ANALYSIS } from '../../src/protocol/messages';
import { LspClient } from './lspClient';

const fixtures = new URL('../../../test-fixtures/model-columns/', import.meta.url).pathname;
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start();
}, 30_000);
afterAll(() => client.stop());

/** The config diagnostics after an analysis of the fixture, once one has `code`, and the config's lines. */
async function analyzed(folder: string, code: string): Promise<{ found: Diagnostic[]; lines: string[] }> {
  const path = `${fixtures}${folder}/drift.yaml`;
  const uri = pathToFileURL(path).toString();
  const text = readFileSync(path, 'utf8');
  await client.open(uri, text);
  const published = client.diagnostics(uri, (d) => d.some((one) => one.code === code));
  await client.connection.sendRequest(RUN_ANALYSIS, { uri });
  return { found: (await published).filter((d) => d.code === code), lines: text.split('\n') };
}

/** The text a diagnostic's one-line range covers. */
function covered(lines: string[], d: Diagnostic): string {
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('model column problems in the editor', () => {
  it('probabilities on a 0–100 scale: an error per file on `columns.probability`', async () => {
    const { found, lines } = await analyzed('percent-probabilities', 'probabilities-out-of-range');
    expect(found.map((d) => String(d.message).split(',')[0])).toEqual(['reference.csv', 'current.csv']);
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

  it('a class new in the current file: a warning (moderate) on `columns.target`', async () => {
    const { found, lines } = await analyzed('new-class', 'new-class');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe(DiagnosticSeverity.Warning);
    expect(covered(lines, found[0])).toBe('churned');
    expect(found[0].message).toContain("'churned' has a class the reference does not: '2'");
  });
});
