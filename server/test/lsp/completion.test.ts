import { describe, expect, it } from 'vitest';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import { completions } from '../../src/lsp/completion';
import { CsvHeaderCache } from '../../src/engine/data/csvHeaders';
import { applyEdits, CONFIG_PATH, cursor } from './applyEdits';

const headers = new CsvHeaderCache();
const FILES = 'reference: reference.csv\ncurrent: current.csv\n';
const REFERENCE_COLUMNS = ['id', 'age', 'income', 'region', 'target', 'prediction', 'score'];

/** The completions at the `|` in `marked`. */
async function complete(marked: string): Promise<CompletionItem[]> {
  const { text, offset } = cursor(marked);
  return completions(text, offset, CONFIG_PATH, headers);
}

async function labels(marked: string): Promise<string[]> {
  return (await complete(marked)).map((item) => item.label);
}

/** The text after accepting the completion labelled `label`. */
async function accept(marked: string, label: string): Promise<string> {
  const item = (await complete(marked)).find((candidate) => candidate.label === label);
  if (!item?.textEdit || !('range' in item.textEdit)) throw new Error(`no completion ${label}`);
  return applyEdits(cursor(marked).text, [item.textEdit]);
}

describe('completion of keys', () => {
  it('offers every top-level key in an empty config', async () => {
    expect(await labels('|')).toEqual([
      'reference',
      'current',
      'format',
      'decimal',
      'columns',
      'drift',
      'task',
      'performance',
      'windows',
      'models',
      'datasets',
      'retraining',
      'history',
      'notifications',
    ]);
  });

  it('leaves out the keys already written', async () => {
    expect(await labels(`${FILES}|`)).toEqual([
      'format',
      'decimal',
      'columns',
      'drift',
      'task',
      'performance',
      'windows',
      'models',
      'datasets',
      'retraining',
      'history',
      'notifications',
    ]);
    expect(await labels(`reference: r.csv\n|\ndrift:\n  share: 0.3\n`)).toEqual([
      'current',
      'format',
      'decimal',
      'columns',
      'task',
      'performance',
      'windows',
      'models',
      'datasets',
      'retraining',
      'history',
      'notifications',
    ]);
  });

  it('offers the keys of the map the indentation of a blank line puts the cursor in', async () => {
    expect(await labels('drift:\n  method: ks\n  |')).toEqual([
      'threshold',
      'thresholds',
      'share',
      'correction',
      'bins',
      'features',
    ]);
    expect(await labels('drift:\n  thresholds:\n    ks: 0.01\n    |')).toEqual([
      'chisquare',
      'ztest',
      'mannwhitney',
      'cramervonmises',
      'andersondarling',
      'psi',
      'wasserstein',
      'jensenshannon',
      'hellinger',
      'kl',
      'energy',
    ]);
    expect(await labels('drift:\n  thresholds:\n    ks: 0.01\n  |')).toEqual([
      'method',
      'threshold',
      'share',
      'correction',
      'bins',
      'features',
    ]);
  });

  it('completes a partly typed key, replacing what was typed with `key: ` and documenting it from the schema', async () => {
    const items = await complete('drift:\n  sh|');
    expect(items.map((item) => item.label)).toEqual([
      'method',
      'threshold',
      'thresholds',
      'share',
      'correction',
      'bins',
      'features',
    ]);
    const share = items.find((item) => item.label === 'share')!;
    expect(share).toMatchObject({
      kind: CompletionItemKind.Property,
      insertText: 'share: ',
      documentation: {
        kind: 'markdown',
        value:
          'Dataset drift is declared when the share of drifted input features is at least this. In (0, 1]; default 0.5.',
      },
    });
    expect(await accept('drift:\n  sh|', 'share')).toBe('drift:\n  share: ');
  });

  it('replaces only the name of a key that already has its value', async () => {
    expect(await accept('drift:\n  sha|: 0.3\n', 'share')).toBe('drift:\n  share: 0.3\n');
  });

  it('offers the keys of a list item that is a map, on the dash line and below it', async () => {
    expect(await labels('models:\n  - name: a\n    |')).toEqual(['prediction', 'probability']);
    expect(await labels('models:\n  - name: a\n  - |')).toEqual(['name', 'prediction', 'probability']);
    expect(await labels('models:\n  - pre|')).toEqual(['name', 'prediction', 'probability']);
  });

  it('offers the keys of a flow map', async () => {
    expect(await labels('drift:\n  features:\n    age: { method: ks, | }\n')).toEqual(['threshold', 'bins']);
  });

  it('details metric names under performance with their task and direction', async () => {
    const items = await complete('performance:\n  max_drop:\n    f1: 0.05\n    |');
    expect(items.map((item) => item.label)).toEqual([
      'accuracy',
      'precision',
      'recall',
      'rocAuc',
      'logLoss',
      'mae',
      'rmse',
      'r2',
      'mape',
    ]);
    expect(items.find((item) => item.label === 'accuracy')?.detail).toBe('classification · higher is better');
    expect(items.find((item) => item.label === 'mae')?.detail).toBe('regression · lower is better');
  });

  it('offers the reference columns not yet overridden as keys under drift.features', async () => {
    const items = await complete(`${FILES}drift:\n  features:\n    age: { method: ks }\n    |`);
    expect(items.map((item) => item.label)).toEqual(['id', 'income', 'region', 'target', 'prediction', 'score']);
    expect(items.find((item) => item.label === 'income')).toMatchObject({
      insertText: 'income: ',
      detail: 'numerical',
    });
  });

  it('offers nothing in a comment or under a key whose value is a list', async () => {
    expect(await labels('reference: r.csv # the |baseline\n')).toEqual([]);
    expect(await labels('models:\n  |')).toEqual([]);
  });
});

describe('completion of values', () => {
  it('offers the drift methods with their names', async () => {
    const items = await complete('drift:\n  method: |');
    expect(items.map((item) => item.label)).toEqual([
      'auto',
      'ks',
      'psi',
      'wasserstein',
      'chisquare',
      'jensenshannon',
      'kl',
      'hellinger',
      'ztest',
      'mannwhitney',
      'cramervonmises',
      'andersondarling',
      'energy',
    ]);
    expect(items.find((item) => item.label === 'ks')).toMatchObject({
      kind: CompletionItemKind.EnumMember,
      detail: 'Kolmogorov–Smirnov p-value',
    });
    expect(items.find((item) => item.label === 'auto')?.detail).toBe('by column type and sample size');
    expect(await labels('drift:\n  features:\n    age: { method: | }\n')).toContain('psi');
  });

  it('replaces a value being retyped, and puts a space after a bare colon', async () => {
    expect(await accept('drift:\n  method: k|s\n', 'psi')).toBe('drift:\n  method: psi\n');
    expect(await accept('task:|', 'regression')).toBe('task: regression');
  });

  it('offers the task, the p-value correction and the retraining conditions not yet listed', async () => {
    expect(await labels('task: |')).toEqual(['classification', 'regression']);
    expect(await labels('drift:\n  correction: |')).toEqual(['fdr', 'bonferroni', 'none']);
    expect(await labels('retraining:\n  when: [dataset_drift, |]\n')).toEqual(['performance_drop', 'concept_drift']);
    expect(await labels('retraining:\n  when:\n    - concept_drift\n    - |')).toEqual([
      'dataset_drift',
      'performance_drop',
    ]);
  });

  it('offers window lengths and booleans', async () => {
    expect(await labels('windows:\n  every: |')).toEqual(['1h', '1d', '1w', '1mo', '5000 rows']);
    expect(await labels('windows:\n  every: 1d\n  reference: |')).toEqual(['true', 'false']);
  });

  it('offers nothing where any number goes', async () => {
    expect(await labels('drift:\n  share: |')).toEqual([]);
  });
});

describe('completion of column names', () => {
  it('offers the reference header with sampled kinds wherever a column is expected', async () => {
    const items = await complete(`${FILES}columns:\n  target: |`);
    expect(items.map((item) => [item.label, item.detail])).toEqual([
      ['id', 'numerical'],
      ['age', 'numerical'],
      ['income', 'numerical'],
      ['region', 'categorical'],
      ['target', 'numerical'],
      ['prediction', 'numerical'],
      ['score', 'numerical'],
    ]);
    expect(await labels(`${FILES}models:\n  - name: v1\n    probability: |`)).toEqual(REFERENCE_COLUMNS);
  });

  it('leaves out the columns already in the same list, block or flow', async () => {
    expect(await labels(`${FILES}columns:\n  exclude:\n    - id\n    - |`)).toEqual([
      'age',
      'income',
      'region',
      'target',
      'prediction',
      'score',
    ]);
    expect(await labels(`${FILES}columns:\n  numerical: [age, |]\n`)).toEqual([
      'id',
      'income',
      'region',
      'target',
      'prediction',
      'score',
    ]);
    expect(await accept(`${FILES}columns:\n  numerical: [age,|]\n`, 'income')).toBe(
      `${FILES}columns:\n  numerical: [age, income]\n`,
    );
  });

  it('offers no columns while the reference is not named or cannot be read', async () => {
    expect(await labels('columns:\n  target: |')).toEqual([]);
    expect(await labels('reference: nowhere.csv\ncolumns:\n  target: |')).toEqual([]);
  });
});

describe('completion of file paths', () => {
  it('lists folders and CSV files next to the config', async () => {
    const items = await complete('reference: |');
    expect(items.map((item) => [item.label, item.kind])).toEqual([
      ['data/', CompletionItemKind.Folder],
      ['current.csv', CompletionItemKind.File],
      ['reference.csv', CompletionItemKind.File],
    ]);
    expect(items[0].command?.command).toBe('editor.action.triggerSuggest');
    expect(await labels('datasets:\n  test: |')).toEqual(['data/', 'current.csv', 'reference.csv']);
  });

  it('lists the folder typed so far and replaces only the last segment', async () => {
    expect(await labels('current: data/|')).toEqual(['extra.csv']);
    expect(await accept('current: data/ex|', 'extra.csv')).toBe('current: data/extra.csv');
    expect(await accept('current: "data/ex|"', 'extra.csv')).toBe('current: "data/extra.csv"');
    expect(await labels('current: nowhere/|')).toEqual([]);
  });
});
