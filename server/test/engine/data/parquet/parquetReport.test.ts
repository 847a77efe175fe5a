/**
 * The report on a Parquet pair equals the report on the same data as CSV, for each codec,
 * read whole and streamed: the CSV reader (whose statistics are pinned to scipy) is the
 * reference, and test-fixtures/parquet/generate.mjs wrote the Parquet files from its CSVs.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../../src/engine/config/load';
import type { Report } from '../../../../src/protocol/report';

const FIXTURES = 'test-fixtures/parquet';
const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4', 'lz4_raw', 'brotli'];
const SKIPPED_NOTE = (file: string) =>
  `${file}: columns 'tags' (a list column), 'place' (a struct column) and 'counts' (a map column) are skipped; the analysis reads flat columns of numbers, texts, booleans, dates and timestamps.`;

/** 500 of 600 rows: the CSV reader keeps every row before choosing (its estimate is near 630), as the Parquet reader does. */
const STREAMED: AnalyzeOptions = { streaming: { mode: 'on', exactRows: 500 } };

const folder = mkdtempSync(join(tmpdir(), 'parquet-report-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The fixture's config, with the pair `reference` and `current` (names in `folder`). */
async function reportOn(reference: string, current: string, options: AnalyzeOptions = {}): Promise<Report> {
  const config = readFileSync(join(FIXTURES, 'drift.yaml'), 'utf8')
    .replace('reference: reference.csv', `reference: ${reference}`)
    .replace('current: current.csv', `current: ${current}`);
  const path = join(folder, `${reference.replaceAll('/', '-')}.yaml`);
  writeFileSync(path, config);
  return analyze(await loadConfig(path), options);
}

/** The report without what must differ: when it was made, the config's path, and the files' names. */
function comparable(report: Report, names: [string, string]): unknown {
  const { generatedAt: _generatedAt, config: _config, ...rest } = report;
  let text = JSON.stringify(rest);
  for (const [i, name] of names.entries()) text = text.replaceAll(name, ['REFERENCE', 'CURRENT'][i]);
  return JSON.parse(text);
}

let csv: Report;
let csvStreamed: Report;
beforeAll(async () => {
  for (const name of ['reference.csv', 'current.csv']) copyFileSync(join(FIXTURES, name), join(folder, name));
  csv = await reportOn('reference.csv', 'current.csv');
  csvStreamed = await reportOn('reference.csv', 'current.csv', STREAMED);
});

describe.each(CODECS)('the pair written by DuckDB with %s', (codec) => {
  const names: [string, string] = [`${codec}-reference.parquet`, `${codec}-current.parquet`];
  beforeAll(() => {
    copyFileSync(join(FIXTURES, codec, 'reference.parquet'), join(folder, names[0]));
    copyFileSync(join(FIXTURES, codec, 'current.parquet'), join(folder, names[1]));
  });

  it('gives the report of the CSV pair, but for the note naming the columns skipped', async () => {
    const report = await reportOn(...names);
    expect(report.notes.slice(0, 2)).toEqual([SKIPPED_NOTE(names[0]), SKIPPED_NOTE(names[1])]);
    expect(comparable({ ...report, notes: report.notes.slice(2) }, names)).toEqual(
      comparable(csv, ['reference.csv', 'current.csv']),
    );
  });

  it('gives the streamed report of the CSV pair when streamed', async () => {
    const report = await reportOn(...names, STREAMED);
    expect(report.reference).toMatchObject({ rows: 500, sampledFrom: 600, streamed: true });
    expect(comparable({ ...report, notes: report.notes.slice(2) }, names)).toEqual(
      comparable(csvStreamed, ['reference.csv', 'current.csv']),
    );
  });
});

it('the CSV pair exercises what the Parquet reader must match', () => {
  // Not a vacuous comparison: the features drift, windows are cut, the model is scored.
  expect(csv.features.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'day',
      'amount',
      'visits',
      'level',
      'balance',
      'price',
      'fee',
      'ratio',
      'segment',
      'active',
    ]),
  );
  expect(csv.features.some((f) => f.drifted)).toBe(true);
  expect(csvStreamed.reference).toMatchObject({ rows: 500, sampledFrom: 600, streamed: true });
});
