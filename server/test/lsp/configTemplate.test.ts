/**
 * Create Monitoring Config's text, checked by the language server's own validation (YAML,
 * schema, semantics, and the files and columns it names) on the demo data.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvHeaderCache } from '../../src/engine/data/csvHeaders';
import { fileProblems } from '../../src/engine/config/fileProblems';
import { parseConfig } from '../../src/engine/config/parse';
import { configText, guessColumns, type DetectedColumn } from '../../src/lsp/configTemplate';

const fixtures = new URL('../../../test-fixtures/', import.meta.url).pathname;

/** The columns of a fixture CSV as Create Monitoring Config sees them. */
async function detected(file: string): Promise<DetectedColumn[]> {
  const result = await new CsvHeaderCache().get(file);
  if (!result.ok) throw new Error(result.error);
  return result.header.columns.map((name) => ({ name, kind: result.header.kinds.get(name) ?? 'unknown' }));
}

/** Writes the config for `folder`'s reference and current CSVs next to copies of them; returns its problems and config. */
async function createdFor(folder: string) {
  const dir = mkdtempSync(join(tmpdir(), 'drift-create-'));
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(join(fixtures, folder, file), join(dir, file));
  const columns = await detected(join(dir, 'reference.csv'));
  const text = configText('reference.csv', 'current.csv', columns, guessColumns(columns.map((c) => c.name)));
  const configPath = join(dir, 'drift.yaml');
  writeFileSync(configPath, text);
  const parsed = parseConfig(text, configPath);
  return {
    text,
    parsed,
    problems: [...parsed.problems, ...(await fileProblems(parsed, configPath, new CsvHeaderCache()))],
  };
}

describe('guessColumns', () => {
  it('finds target, prediction, probability and timestamp in the demo headers', () => {
    expect(
      guessColumns(['age', 'income', 'credit_score', 'default', 'predicted_default', 'default_probability']),
    ).toEqual({
      target: 'default',
      prediction: 'predicted_default',
      probability: 'default_probability',
      timestamp: undefined,
    });
    expect(guessColumns(['customer_id', 'event_time', 'tenure_months', 'churned', 'pred_v1', 'proba_v1'])).toEqual({
      target: 'churned',
      prediction: 'pred_v1',
      probability: 'proba_v1',
      timestamp: 'event_time',
    });
  });

  it('leaves features whose names merely contain the words alone', () => {
    expect(guessColumns(['credit_score', 'update_count', 'predictor_age', 'timeline', 'labelled_by'])).toEqual({
      target: undefined,
      prediction: undefined,
      probability: undefined,
      timestamp: undefined,
    });
  });

  it('falls back to whole words for the target', () => {
    expect(guessColumns(['age', 'is_churn']).target).toBe('is_churn');
    expect(guessColumns(['age', 'true_label']).target).toBe('true_label');
  });

  it('uses each column once: a probability is not also the prediction', () => {
    const guess = guessColumns(['pred_proba', 'pred', 'y', 'created_at']);
    expect(guess).toEqual({ probability: 'pred_proba', prediction: 'pred', target: 'y', timestamp: 'created_at' });
  });
});

describe('configText', () => {
  it('writes a config for the demo that the language server accepts, files and columns included', async () => {
    const { text, parsed, problems } = await createdFor('demo');
    expect(problems).toEqual([]);
    expect(parsed.config?.columns.target).toBe('default');
    expect(parsed.config?.models).toEqual([
      { name: expect.any(String), prediction: 'predicted_default', probability: 'default_probability' },
    ]);
    expect(text).toMatch(/^# drift-monitor\n/);
    expect(text).toContain('#   income: numerical');
    expect(text).toContain('#   employment_type: categorical');
  });

  it('excludes identifier columns and sets the timestamp for the churn demo', async () => {
    const { parsed, problems } = await createdFor('demo-model');
    expect(problems).toEqual([]);
    expect(parsed.config?.columns.exclude).toEqual(['customer_id']);
    expect(parsed.config?.columns.timestamp).toBe('event_time');
    expect(parsed.config?.columns.target).toBe('churned');
  });

  it('quotes names YAML would misread and keeps them exact', () => {
    const names = ['true', '007', 'a: b', '#tag', ' padded', 'x, y', 'line\nbreak', 'id'];
    const columns = names.map((name) => ({ name, kind: 'categorical' as const }));
    const guess = { target: 'a: b', prediction: '#tag', probability: '007', timestamp: 'true' };
    const parsed = parseConfig(configText('ref data.csv', 'cur: data.csv', columns, guess), '/data/drift.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.config?.columns.target).toBe('a: b');
    expect(parsed.config?.models[0]).toMatchObject({ prediction: '#tag', probability: '007' });
    expect(parsed.config?.columns.timestamp).toBe('true');
    expect(parsed.config?.columns.exclude).toEqual(['id']);
    expect(parsed.config?.reference.written).toBe('ref data.csv');
    expect(parsed.config?.current.written).toBe('cur: data.csv');
  });

  it('comments out what it could not guess, and says when the header had no columns', () => {
    const text = configText('a.csv', 'b.csv', [], {});
    expect(parseConfig(text, '/x/drift.yaml').problems).toEqual([]);
    expect(text).toContain('# target: <column>');
    expect(text).toContain('(none found in the header)');
  });
});
