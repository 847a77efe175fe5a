import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { fileProblems } from '../../../src/engine/config/fileProblems';
import { parseConfig } from '../../../src/engine/config/parse';

const folder = dirname(new URL('../../../../test-fixtures/lsp/reference.csv', import.meta.url).pathname);
const CONFIG = join(folder, 'drift.yaml');

/** The problems as [code, severity, the text they point at, message, suggestion?]. */
async function problems(text: string) {
  const found = await fileProblems(parseConfig(text, CONFIG), CONFIG, new CsvHeaderCache());
  return found.map((p) => [
    p.code,
    p.severity,
    text.slice(p.start, p.end),
    p.message,
    ...(p.suggestion === undefined ? [] : [p.suggestion]),
  ]);
}

describe('fileProblems', () => {
  it('finds nothing when every file and column is there and every method fits', async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  target: default
  prediction: predicted
  probability: probability
  timestamp: ts
  numerical: [age]
  categorical: [flag]
  exclude: [id]
drift:
  method: psi
  features:
    income: { method: wasserstein }
    city: { method: chisquare }
    flag: { method: ztest }
datasets:
  test: reference.csv
`;
    expect(await problems(text)).toEqual([]);
  });

  it('reports each file that cannot be read on its path, and checks no columns without the reference', async () => {
    const text = `reference: data/ref.csv
current: .
columns:
  target: nothing
datasets:
  empty: empty.csv
  test: reference.csv
`;
    expect(await problems(text)).toEqual([
      ['file-not-found', 'error', 'data/ref.csv', `reference file not found: data/ref.csv (looked in ${folder})`],
      ['file-unreadable', 'error', '.', `current is a directory: . (looked in ${folder})`],
      ['file-unreadable', 'error', 'empty.csv', `datasets.empty is an empty file: empty.csv (looked in ${folder})`],
    ]);
  });

  it('names the folder it looked in only for a relative path', async () => {
    const missing = join(folder, 'missing.csv');
    expect(await problems(`reference: reference.csv\ncurrent: ${missing}\n`)).toEqual([
      ['file-not-found', 'error', missing, `current file not found: ${missing}`],
    ]);
  });

  it('reports every column the reference lacks on the value or key naming it, with did-you-mean or its columns', async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  target: defualt
  prediction: predicted_label
  probability: probabilty
  timestamp: tz
  numerical: [agee]
  categorical: [Cty]
  exclude: [ids]
drift:
  features:
    incme: { method: ks }
`;
    expect(await problems(text)).toEqual([
      [
        'unknown-column',
        'error',
        'defualt',
        'Column `defualt` is not in reference.csv: did you mean `default`?',
        'default',
      ],
      [
        'unknown-column',
        'error',
        'predicted_label',
        'Column `predicted_label` is not in reference.csv. Its columns: `id`, `age`, `income`, `city`, `flag`, `plan`, `rating`, `ts`, `default`, `predicted` and 1 more.',
      ],
      [
        'unknown-column',
        'error',
        'probabilty',
        'Column `probabilty` is not in reference.csv: did you mean `probability`?',
        'probability',
      ],
      ['unknown-column', 'error', 'tz', 'Column `tz` is not in reference.csv: did you mean `ts`?', 'ts'],
      ['unknown-column', 'error', 'agee', 'Column `agee` is not in reference.csv: did you mean `age`?', 'age'],
      ['unknown-column', 'error', 'Cty', 'Column `Cty` is not in reference.csv: did you mean `city`?', 'city'],
      ['unknown-column', 'error', 'ids', 'Column `ids` is not in reference.csv: did you mean `id`?', 'id'],
      ['unknown-column', 'error', 'incme', 'Column `incme` is not in reference.csv: did you mean `income`?', 'income'],
    ]);
  });

  it("checks each model's prediction and probability columns", async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  target: default
models:
  - name: v1
    prediction: predicted
  - name: v2
    prediction: predictd
    probability: probability
`;
    expect(await problems(text)).toEqual([
      [
        'unknown-column',
        'error',
        'predictd',
        'Column `predictd` is not in reference.csv: did you mean `predicted`?',
        'predicted',
      ],
    ]);
  });

  it('suggests, for an excluded name neither file has, a column of either file', async () => {
    const text = `reference: current.csv
current: reference.csv
columns:
  exclude: [probability, probabilty]
`;
    expect(await problems(text)).toEqual([
      [
        'unknown-column',
        'error',
        'probabilty',
        'Column `probabilty` is in neither current.csv nor reference.csv: did you mean `probability`?',
        'probability',
      ],
    ]);
  });

  it('accepts an excluded column that only the current file has, and leaves it out of the column comparison', async () => {
    const text = `reference: current.csv
current: reference.csv
columns:
  exclude: [probability, ghost]
`;
    expect(await problems(text)).toEqual([
      [
        'unknown-column',
        'error',
        'ghost',
        'Column `ghost` is in neither current.csv nor reference.csv. Its columns: `id`, `age`, `income`, `city`, `flag`, `plan`, `rating`, `ts`, `default`, `predicted` and 1 more.',
      ],
    ]);
  });

  it('reports a named column the current file lacks, a performance column a dataset lacks, and the different column sets on `current`', async () => {
    const text = `reference: reference.csv
current: current.csv
columns:
  target: default
  prediction: predicted
  probability: probability
drift:
  features:
    probability: { method: psi }
datasets:
  test: ./current.csv
  train: reference.csv
`;
    expect(await problems(text)).toEqual([
      [
        'column-missing-in-file',
        'error',
        'probability',
        'Column `probability` is in reference.csv but not in current.csv.',
      ],
      [
        'column-missing-in-file',
        'error',
        'probability',
        'Column `probability` is in reference.csv but not in ./current.csv.',
      ],
      [
        'column-missing-in-file',
        'error',
        'probability',
        'Column `probability` is in reference.csv but not in current.csv.',
      ],
      [
        'different-columns',
        'error',
        'current.csv',
        "reference.csv and current.csv have different columns (only in reference.csv: 'probability'). List them under columns.exclude to leave them out.",
      ],
    ]);
    // The third problem is on the drift.features key.
    const found = await fileProblems(parseConfig(text, CONFIG), CONFIG, new CsvHeaderCache());
    expect(found[2].start).toBe(text.indexOf('probability: { method'));
  });

  it('asks the datasets for no columns when there is no target to compute metrics with', async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  prediction: predicted
  probability: probability
datasets:
  test: current.csv
`;
    expect(await problems(text)).toEqual([]);
  });

  it('reports a column declared numerical whose sampled values hold text, with the file line', async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  numerical: [age, rating, city]
`;
    expect(await problems(text)).toEqual([
      [
        'declared-numerical-has-text',
        'error',
        'rating',
        "Column `rating` is declared numerical, but reference.csv line 4 holds 'high' in it: the run would stop there.",
      ],
      [
        'declared-numerical-has-text',
        'error',
        'city',
        "Column `city` is declared numerical, but reference.csv line 2 holds 'Paris' in it: the run would stop there.",
      ],
    ]);
  });

  it("checks a feature's own method against the sampled kind: a warning on numbers, an error on text", async () => {
    const text = `reference: reference.csv
current: reference.csv
columns:
  categorical: [income]
drift:
  features:
    age: { method: chisquare }
    flag: { method: chisquare }
    city: { method: ks }
    plan: { method: psi }
    income: { method: chisquare }
    rating: { method: auto }
`;
    expect(await problems(text)).toEqual([
      [
        'method-kind-mismatch',
        'warning',
        'chisquare',
        'chisquare does not apply to `age`, whose sampled values in reference.csv are all numbers: the run falls back to auto. Declare `age` under `columns.categorical` to test it as categories.',
      ],
      [
        'method-kind-mismatch',
        'error',
        'ks',
        "ks does not apply to `city`, which holds text ('Paris' at reference.csv line 2): the run falls back to auto. Methods for categories: chisquare, ztest, psi, jensenshannon, kl, hellinger.",
      ],
    ]);
  });

  it('warns once on `drift.method` about the undeclared columns it does not fit', async () => {
    const numbers = `reference: reference.csv
current: reference.csv
columns:
  exclude: [id]
drift:
  method: chisquare
  features:
    income: { method: psi }
`;
    expect(await problems(numbers)).toEqual([
      [
        'method-kind-mismatch',
        'warning',
        'chisquare',
        'chisquare does not apply to `age` and `probability`, whose sampled values in reference.csv are all numbers: they fall back to auto. Declare them under `columns.categorical` to test them as categories.',
      ],
    ]);
    const text = `reference: reference.csv
current: reference.csv
columns:
  timestamp: ts
  categorical: [plan]
drift:
  method: ks
`;
    expect(await problems(text)).toEqual([
      [
        'method-kind-mismatch',
        'warning',
        'ks',
        'ks does not apply to `city` and `rating`, which hold text in reference.csv: they fall back to auto.',
      ],
    ]);
    const one = text.replace('categorical: [plan]', 'categorical: [plan, rating]');
    expect(await problems(one)).toEqual([
      [
        'method-kind-mismatch',
        'warning',
        'ks',
        'ks does not apply to `city`, which holds text in reference.csv: it falls back to auto.',
      ],
    ]);
  });

  it('checks nothing on broken YAML', async () => {
    expect(await problems('reference: nowhere.csv\ncurrent: [\n')).toEqual([]);
  });
});
