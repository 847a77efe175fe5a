import { describe, expect, it } from 'vitest';
import { codeActions, raiseThresholdEdit } from '../../src/lsp/codeActions';
import { CsvHeaderCache } from '../../src/engine/data/csvHeaders';
import { fileProblems } from '../../src/engine/config/fileProblems';
import { parseConfig } from '../../src/engine/config/parse';
import { applyWorkspaceEdit, CONFIG_PATH, CONFIG_URI } from './applyEdits';
import type { ConfigProblem } from '../../src/engine/config/problem';

const headers = new CsvHeaderCache();
const FILES = 'reference: reference.csv\ncurrent: current.csv\n';

/** The config's problems, the file checks against the fixture CSVs included. */
async function problemsOf(text: string): Promise<ConfigProblem[]> {
  const parsed = parseConfig(text, CONFIG_PATH);
  return [...parsed.problems, ...(await fileProblems(parsed, CONFIG_PATH, headers))];
}

/** Each quick fix for the problems with `code`, as [title, the text after its edit]. */
async function fixes(text: string, code: string): Promise<[string, string][]> {
  const problems = (await problemsOf(text)).filter((problem) => problem.code === code);
  expect(problems.length, `a ${code} problem`).toBeGreaterThan(0);
  return codeActions(text, parseConfig(text, CONFIG_PATH).document, CONFIG_URI, CONFIG_PATH, problems).map((action) => {
    expect(action.kind).toBe('quickfix');
    return [action.title, applyWorkspaceEdit(text, action.edit)];
  });
}

async function codes(text: string): Promise<string[]> {
  return (await problemsOf(text)).map((problem) => problem.code);
}

describe('did-you-mean fixes', () => {
  it('renames an unknown key', async () => {
    const text = `${FILES}drfit:\n  share: 0.3\n`;
    const fixed = `${FILES}drift:\n  share: 0.3\n`;
    expect(await fixes(text, 'unknown-key')).toEqual([['Change to `drift`', fixed]]);
    expect(parseConfig(fixed, CONFIG_PATH).problems).toEqual([]);
  });

  it('replaces an invalid enum value', async () => {
    const text = 'reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    age: { method: kss }\n';
    const fixed = 'reference: r.csv\ncurrent: c.csv\ndrift:\n  features:\n    age: { method: ks }\n';
    expect(await fixes(text, 'invalid-value')).toEqual([['Change to `ks`', fixed]]);
    expect(parseConfig(fixed, CONFIG_PATH).problems).toEqual([]);
  });

  it('replaces an unknown column with the close one from the reference (quotes and all)', async () => {
    const text = `${FILES}columns:\n  target: "targte"\n  exclude: [channel, score]\n`;
    const fixed = `${FILES}columns:\n  target: target\n  exclude: [channel, score]\n`;
    expect((await fixes(text, 'unknown-column'))[0]).toEqual(['Change to `target`', fixed]);
    expect(await codes(fixed)).toEqual([]);
  });

  it('replaces a missing file with a CSV of a close name in the same folder', async () => {
    const text = 'reference: referense.csv\ncurrent: data/extar.csv\n';
    expect(await fixes(text, 'file-not-found')).toEqual([
      ['Change to `reference.csv`', 'reference: reference.csv\ncurrent: data/extar.csv\n'],
      ['Change to `data/extra.csv`', 'reference: referense.csv\ncurrent: data/extra.csv\n'],
    ]);
    expect(await codes('reference: nothing-like-it.csv\ncurrent: current.csv\n')).toContain('file-not-found');
    expect(
      codeActions(
        'reference: nothing-like-it.csv\n',
        parseConfig('reference: nothing-like-it.csv\n', CONFIG_PATH).document,
        CONFIG_URI,
        CONFIG_PATH,
        [{ message: '', severity: 'error', start: 11, end: 29, code: 'file-not-found' }],
      ),
    ).toEqual([]);
  });
});

describe('a missing data file of another format', () => {
  it('is replaced by a Parquet file or profile of a close name', async () => {
    const configPath = new URL('../../../test-fixtures/lsp-formats/drift.yaml', import.meta.url).pathname;
    const text = 'reference: referense.parquet\ncurrent: current.parquet\n';
    const parsed = parseConfig(text, configPath);
    const problems = (await fileProblems(parsed, configPath, headers)).filter((p) => p.code === 'file-not-found');
    const actions = codeActions(text, parsed.document, CONFIG_URI, configPath, problems);
    expect(actions.map((action) => [action.title, applyWorkspaceEdit(text, action.edit)])).toEqual([
      ['Change to `reference.parquet`', 'reference: reference.parquet\ncurrent: current.parquet\n'],
    ]);
  });
});

describe('adding a missing required key', () => {
  it('appends a top-level key after the last one', async () => {
    const text = 'current: current.csv # the production snapshot\n';
    const fixed = 'current: current.csv # the production snapshot\nreference: \n';
    expect(await fixes(text, 'missing-key')).toEqual([['Add `reference`', fixed]]);
    expect(await codes(fixed)).toEqual(['invalid-value']); // `reference` now waits for its value
  });

  it('adds the key to a nested block map at its indentation', async () => {
    const text = `${FILES}windows:\n  reference: true\ncolumns:\n  timestamp: id\n`;
    const fixed = `${FILES}windows:\n  reference: true\n  every: \ncolumns:\n  timestamp: id\n`;
    expect(await fixes(text, 'missing-key')).toEqual([['Add `every`', fixed]]);
    expect((await codes(fixed)).filter((code) => code === 'missing-key')).toEqual([]);
  });

  it('adds the key to a flow map', async () => {
    const text = `${FILES}windows: { reference: true }\ncolumns: { timestamp: id }\n`;
    const fixed = `${FILES}windows: { reference: true, every: }\ncolumns: { timestamp: id }\n`;
    expect(await fixes(text, 'missing-key')).toEqual([['Add `every`', fixed]]);
    expect((await codes(fixed)).filter((code) => code === 'missing-key')).toEqual([]);
  });

  it('adds the key to the list item that lacks it', async () => {
    const text = `${FILES}columns:\n  target: target\nmodels:\n  - name: v1\n    prediction: prediction\n  - prediction: prediction\n`;
    const fixed = `${FILES}columns:\n  target: target\nmodels:\n  - name: v1\n    prediction: prediction\n  - prediction: prediction\n    name: \n`;
    expect(await fixes(text, 'missing-key')).toEqual([['Add `name`', fixed]]);
    expect((await codes(fixed)).filter((code) => code === 'missing-key')).toEqual([]);
  });
});

describe('excluding a column', () => {
  const FEATURE = 'drift:\n  features:\n    score: { method: ks }\n';

  it('creates columns.exclude when there is no `columns`', async () => {
    const text = `${FILES}${FEATURE}`;
    const fixed = `${FILES}${FEATURE}columns:\n  exclude: [score]\n`;
    expect(await fixes(text, 'column-missing-in-file')).toEqual([['Exclude column `score`', fixed]]);
    expect(parseConfig(fixed, CONFIG_PATH).config?.columns.exclude).toEqual(['score']);
  });

  it('adds `exclude` to a block or flow `columns`', async () => {
    expect(await fixes(`${FILES}columns:\n  target: target\n${FEATURE}`, 'column-missing-in-file')).toEqual([
      ['Exclude column `score`', `${FILES}columns:\n  target: target\n  exclude: [score]\n${FEATURE}`],
    ]);
    expect(await fixes(`${FILES}columns: { target: target }\n${FEATURE}`, 'column-missing-in-file')).toEqual([
      ['Exclude column `score`', `${FILES}columns: { target: target, exclude: [score] }\n${FEATURE}`],
    ]);
  });

  it('appends to an existing list, block or flow, and fills an empty one', async () => {
    expect(await fixes(`${FILES}columns:\n  exclude:\n    - id\n${FEATURE}`, 'column-missing-in-file')).toEqual([
      ['Exclude column `score`', `${FILES}columns:\n  exclude:\n    - id\n    - score\n${FEATURE}`],
    ]);
    expect(await fixes(`${FILES}columns:\n  exclude: [id]\n${FEATURE}`, 'column-missing-in-file')).toEqual([
      ['Exclude column `score`', `${FILES}columns:\n  exclude: [id, score]\n${FEATURE}`],
    ]);
    expect(await fixes(`${FILES}columns:\n  exclude:\n${FEATURE}`, 'column-missing-in-file')).toEqual([
      ['Exclude column `score`', `${FILES}columns:\n  exclude: [score]\n${FEATURE}`],
    ]);
  });

  it('settles the difference between the files once the column in only one of them is excluded', async () => {
    const text = `${FILES}columns:\n  exclude: [score]\n  categorical: [channel]\n`;
    expect(await codes(text)).toEqual(['unknown-column', 'different-columns']);
    const [[title, fixed]] = await fixes(text, 'unknown-column');
    expect(title).toBe('Exclude column `channel`');
    expect(fixed).toBe(`${FILES}columns:\n  exclude: [score, channel]\n  categorical: [channel]\n`);
    expect(await codes(fixed)).toEqual(['unknown-column']);
  });

  it('offers no exclusion for a name that is already an exclude item', async () => {
    const text = `${FILES}columns:\n  exclude: [channel, scroe]\n`;
    expect((await fixes(text, 'unknown-column')).map(([title]) => title)).toEqual(['Change to `score`']);
  });
});

describe('raiseThresholdEdit', () => {
  const raised = (text: string) =>
    applyWorkspaceEdit(
      text,
      raiseThresholdEdit(text, parseConfig(text, CONFIG_PATH).document, CONFIG_URI, 'age', 'ks', 0.0012),
    );

  it('creates drift.features.<feature> as needed', () => {
    expect(raised(FILES)).toBe(`${FILES}drift:\n  features:\n    age:\n      method: ks\n      threshold: 0.0012\n`);
    expect(raised(`${FILES}drift:\n  method: psi\ntask: regression\n`)).toBe(
      `${FILES}drift:\n  method: psi\n  features:\n    age:\n      method: ks\n      threshold: 0.0012\ntask: regression\n`,
    );
    expect(raised(`${FILES}drift:\n  features:\n    age:\n`)).toBe(
      `${FILES}drift:\n  features:\n    age:\n      method: ks\n      threshold: 0.0012\n`,
    );
    expect(raised('')).toBe('drift:\n  features:\n    age:\n      method: ks\n      threshold: 0.0012\n');
  });

  it('replaces the method and threshold already there', () => {
    expect(raised(`${FILES}drift:\n  features:\n    age: { method: psi, threshold: 0.2 }\n`)).toBe(
      `${FILES}drift:\n  features:\n    age: { method: ks, threshold: 0.0012 }\n`,
    );
    expect(raised(`${FILES}drift:\n  features:\n    age:\n      threshold: 0.1\n    income: { bins: 5 }\n`)).toBe(
      `${FILES}drift:\n  features:\n    age:\n      threshold: 0.0012\n      method: ks\n    income: { bins: 5 }\n`,
    );
  });

  it('writes into flow maps in flow style', () => {
    expect(raised(`${FILES}drift: { share: 0.3 }\n`)).toBe(
      `${FILES}drift: { share: 0.3, features: { age: { method: ks, threshold: 0.0012 } } }\n`,
    );
    expect(raised(`${FILES}drift:\n  features: {}\n`)).toBe(
      `${FILES}drift:\n  features: { age: { method: ks, threshold: 0.0012 } }\n`,
    );
  });

  it('gives a config the validator accepts with the new threshold', () => {
    const text = raised(`${FILES}drift:\n  method: psi\n`);
    const { problems, config } = parseConfig(text, CONFIG_PATH);
    expect(problems).toEqual([]);
    expect(config?.drift.features).toEqual({ age: { method: 'ks', threshold: 0.0012 } });
  });
});
