/**
 * The benchmark's real data set: vega-datasets' flights-3m, 3,000,000 US domestic
 * flights of January to June 2001 (date, delay in minutes, distance in miles, origin
 * and destination airports). The package ships it as Parquet; DuckDB writes it out as a
 * CSV pair split by time, reference January–March and current April–June, with a
 * drift.yaml that leaves the date out of the tests.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const SPLIT = '2001-04-01';
const CONFIG = `# vega-datasets flights-3m: January–March 2001 against April–June 2001
reference: reference.csv
current: current.csv
columns:
  exclude: [date]
`;

// The same pair cut into weekly windows: the date is the timestamp, so it leaves the tests too.
const WINDOWED_CONFIG = `# vega-datasets flights-3m: January–March 2001 against April–June 2001, in weekly windows
reference: reference.csv
current: current.csv
columns:
  timestamp: date
windows:
  every: 1w
`;

/** Writes windows.yaml beside the pair's drift.yaml: the same analysis with \`windows: {every: 1w}\`. */
export async function writeWindowedConfig(dir) {
  await writeFile(join(dir, 'windows.yaml'), WINDOWED_CONFIG);
}

/** Writes the pair into `dir`; `maxRows` keeps the first rows of each half (file order), for quick runs. */
export async function prepareFlights(dir, maxRows) {
  await writeHalves(dir, maxRows, 'csv', "(HEADER, DELIMITER ',')");
  await writeFile(join(dir, 'drift.yaml'), CONFIG);
}

/**
 * The same pair as Parquet, compressed with `codec` (DuckDB's names: snappy, zstd, gzip, lz4,
 * uncompressed), the rows in the same order as the CSV pair's, with its drift.yaml.
 */
export async function prepareFlightsParquet(dir, maxRows, codec) {
  await writeHalves(dir, maxRows, 'parquet', `(FORMAT parquet, COMPRESSION ${codec})`);
  await writeFile(join(dir, 'drift.yaml'), CONFIG.replaceAll('.csv', '.parquet'));
}

/** reference.<extension> and current.<extension> in `dir`, each half written by DuckDB's COPY with `copyOptions`. */
async function writeHalves(dir, maxRows, extension, copyOptions) {
  // The package exports only its index (build/index.js); the data folder sits beside build/.
  const parquet = join(
    dirname(createRequire(import.meta.url).resolve('vega-datasets')),
    '..',
    'data',
    'flights-3m.parquet',
  );
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const limit = maxRows ? `LIMIT ${Number(maxRows)}` : '';
  await mkdir(dir, { recursive: true });
  for (const [name, where] of [
    ['reference', `date < '${SPLIT}'`],
    ['current', `date >= '${SPLIT}'`],
  ]) {
    await connection.run(
      `COPY (SELECT * FROM '${parquet}' WHERE ${where} ${limit}) TO '${join(dir, `${name}.${extension}`)}' ${copyOptions}`,
    );
  }
}
