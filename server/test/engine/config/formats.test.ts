/**
 * The config's `format:` key: one format for every file or one per file, winning over the
 * name, in the schema as DATA_FORMATS lists them; and its checks, each on the node at fault.
 */
import { describe, expect, it } from 'vitest';
import schema from '../../../../schemas/drift-monitor.schema.json';
import { parseConfig } from '../../../src/engine/config/parse';
import { DATA_FORMATS } from '../../../src/engine/data/dataFormat';

const CONFIG = '/home/user/project/drift.yaml';

/** The problems as [code, severity, the text they point at, message]. */
function problems(text: string) {
  return parseConfig(text, CONFIG).problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end), p.message]);
}

function formats(text: string) {
  const { config, problems: found } = parseConfig(text, CONFIG);
  expect(found.filter((p) => p.severity === 'error')).toEqual([]);
  return {
    reference: config!.reference.format,
    current: config!.current.format,
    ...Object.fromEntries(config!.datasets.map((d) => [d.name, d.format])),
  };
}

describe('format in the schema', () => {
  it('lists the formats the reader knows, once', () => {
    expect(schema.definitions.dataFormat.enum).toEqual(DATA_FORMATS);
  });
});

describe('the format of each file', () => {
  it('comes from the name without format:', () => {
    expect(
      formats(
        'reference: a.profile.json\ncurrent: b.csv.gz\ndatasets:\n  test: c.parquet\n  train: d.TSV.GZ\n  x: e.dat\n',
      ),
    ).toEqual({ reference: 'profile', current: 'csv.gz', test: 'parquet', train: 'csv.gz', x: 'csv' });
  });

  it('is the one format given for every file', () => {
    expect(formats('reference: a.dat\ncurrent: b.dat\ndatasets: { test: c.dat }\nformat: csv.gz\n')).toEqual({
      reference: 'csv.gz',
      current: 'csv.gz',
      test: 'csv.gz',
    });
  });

  it('is the one given per file, the others by their names', () => {
    expect(
      formats(
        'reference: a.out\ncurrent: b.csv.gz\ndatasets: { test: c.bin }\nformat: { reference: profile, test: parquet }\n',
      ),
    ).toEqual({ reference: 'profile', current: 'csv.gz', test: 'parquet' });
  });
});

describe('format checks', () => {
  it('names a wrong format with did-you-mean, alone or in the map', () => {
    expect(problems('reference: a.csv\ncurrent: b.csv\nformat: parqet\n')).toEqual([
      [
        'invalid-value',
        'error',
        'parqet',
        '`parqet` is not a valid `format`: did you mean `parquet`? Allowed: csv, csv.gz, parquet, profile.',
      ],
    ]);
    expect(problems('reference: a.csv\ncurrent: b.dat\nformat: { current: csv.zg }\n')).toEqual([
      [
        'invalid-value',
        'error',
        'csv.zg',
        '`csv.zg` is not a valid `format.current`: did you mean `csv.gz`? Allowed: csv, csv.gz, parquet, profile.',
      ],
    ]);
    expect(problems('reference: a.csv\ncurrent: b.csv\nformat: 3\n').map(([code, , text]) => [code, text])).toEqual([
      ['invalid-value', '3'],
    ]);
    expect(problems('reference: a.csv\ncurrent: b.csv\nformat: {}\n')).toEqual([
      [
        'invalid-value',
        'error',
        '{}',
        "`format` must be one format for every data file (`csv`, `csv.gz`, `parquet` or `profile`) or a map of a format per file (`reference`, `current`, a dataset's name).",
      ],
    ]);
  });

  it('names a key that names no file of the config, with did-you-mean', () => {
    expect(
      problems(
        'reference: a.csv\ncurrent: b.dat\ndatasets: { test: c.dat }\nformat: { curent: csv, tset: csv, zzz: csv }\n',
      ),
    ).toEqual([
      [
        'format-unknown-file',
        'error',
        'curent',
        '`format.curent` names no data file of this config: did you mean `current`?',
      ],
      ['format-unknown-file', 'error', 'tset', '`format.tset` names no data file of this config: did you mean `test`?'],
      [
        'format-unknown-file',
        'error',
        'zzz',
        '`format.zzz` names no data file of this config. Its keys are `reference`, `current` and the names under `datasets`.',
      ],
    ]);
    expect(
      parseConfig('reference: a.csv\ncurrent: b.dat\nformat: { curent: csv }\n', CONFIG).problems[0].suggestion,
    ).toBe('current');
  });

  it('lets only the reference be a profile: given for one file, for every file, or by the name', () => {
    expect(problems('reference: a.json\ncurrent: b.json\nformat: { reference: profile, current: profile }\n')).toEqual([
      [
        'profile-not-reference',
        'error',
        'profile',
        '`current` cannot be a reference profile: only the reference can. It needs rows: `csv`, `csv.gz` or `parquet`.',
      ],
    ]);
    const every = 'reference: a.json\ncurrent: b.json\ndatasets: { test: c.json }\nformat: profile\n';
    expect(problems(every)).toEqual([
      [
        'profile-not-reference',
        'error',
        'profile',
        "`format: profile` would read `current` as a reference profile too, and only the reference can be one: give the reference's format alone, `format: {reference: profile}`.",
      ],
    ]);
    expect(problems('reference: a.csv\ncurrent: b.csv\ndatasets: { test: train.profile.json }\n')).toEqual([
      [
        'profile-not-reference',
        'error',
        'train.profile.json',
        '`datasets.test` names a reference profile (train.profile.json), and only the reference can be one: `datasets.test` needs rows (a CSV, gzip CSV or Parquet file).',
      ],
    ]);
    // Given another format, the name is overruled (with the warning below).
    expect(
      problems('reference: a.csv\ncurrent: b.profile.json\nformat: { current: csv }\n').map(([code]) => code),
    ).toEqual(['format-differs-from-name']);
    expect(problems('reference: a.profile.json\ncurrent: b.csv\n')).toEqual([]);
  });

  it('warns where the name says another format than the one given, which wins', () => {
    const text = 'reference: a.csv\ncurrent: b.csv.gz\nformat: parquet\n';
    expect(problems(text)).toEqual([
      [
        'format-differs-from-name',
        'warning',
        'parquet',
        '`reference` is read as `parquet` (`format`), though its name a.csv says `csv`.',
      ],
      [
        'format-differs-from-name',
        'warning',
        'parquet',
        '`current` is read as `parquet` (`format`), though its name b.csv.gz says `csv.gz`.',
      ],
    ]);
    expect(parseConfig(text, CONFIG).config?.current.format).toBe('parquet');
    // A name that says nothing (no known ending) is no contradiction.
    expect(problems('reference: a.dat\ncurrent: b\nformat: csv.gz\n')).toEqual([]);
  });
});
