/**
 * DuckDB's own profile of a data file, the reference tool beside `drift-monitor profile`
 * in bench/profile.mjs: `SUMMARIZE` (per column its type, min, max, approximate distinct
 * count, mean, std, approximate quartiles, count and share of nulls), in a process of its
 * own so that it is timed as the others are. Its rows are written as JSON, one object per
 * column, so that the size of what it keeps can be set beside a profile's.
 *
 *   node bench/duckdbSummarize.mjs <file.csv|.parquet> --out summary.json
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { fileSource } from './duckdbSource.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
if (positionals.length !== 1 || !values.out) {
  console.error('usage: node bench/duckdbSummarize.mjs <file.csv|.parquet> --out summary.json');
  process.exit(2);
}
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const summary = (
  await connection.runAndReadAll(`SUMMARIZE SELECT * FROM ${fileSource(positionals[0])}`)
).getRowObjectsJson();
writeFileSync(values.out, JSON.stringify(summary) + '\n');
