/**
 * Data files the language-server tests read in formats other than plain CSV: a reference and
 * a current Parquet file as an ML team's feature store writes them (numbers, integers,
 * categories as strings and booleans, an event time, and the nested columns the analysis
 * skips: a list, a struct and a map), and the reference as CSV, from which
 * `reference.profile.json` is made by the command line:
 *
 *   node test-fixtures/lsp-formats/generate.mjs
 *   node dist/cli.js profile test-fixtures/lsp-formats/reference.csv --out test-fixtures/lsp-formats/reference.profile.json
 *
 * Deterministic (mulberry32, seed 17); Parquet written by DuckDB (@duckdb/node-api), snappy.
 * In `current`, `income` moved up by half its spread, so that an analysis finds drift.
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROWS = 300;
const REGIONS = ['north', 'south', 'east', 'west'];

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(17);
/** A standard normal draw (Box–Muller). */
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Rows of the flat columns; `shift` moves income. */
function rows(shift) {
  return Array.from({ length: ROWS }, (_, i) => ({
    age: Math.round((38 + 11 * normal()) * 10) / 10,
    income: Math.round(52_000 + 14_000 * (normal() + shift)),
    region: REGIONS[Math.floor(random() * REGIONS.length)],
    active: random() < 0.7,
    // Every tenth income unknown: the file's null counts say so.
    bonus: i % 10 === 0 ? null : Math.round(random() * 5000),
    signed_up: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
  }));
}

const csvCell = (value) => (value === null ? '' : String(value));
function writeCsv(name, table) {
  const names = Object.keys(table[0]);
  const lines = [names.join(','), ...table.map((row) => names.map((n) => csvCell(row[n])).join(','))];
  writeFileSync(path.join(HERE, name), `${lines.join('\n')}\n`);
}

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

/** The Parquet file of `table`, with the nested columns added. */
async function writeParquet(name, table) {
  const csv = path.join(HERE, `${name}.tmp.csv`);
  writeCsv(path.basename(csv), table);
  const file = path.join(HERE, name);
  await connection.run(`
    COPY (
      SELECT age::DOUBLE AS age, income::BIGINT AS income, region, active::BOOLEAN AS active,
             bonus::INTEGER AS bonus, signed_up::TIMESTAMP AS signed_up,
             [income % 7, income % 11] AS tags,
             {'city': region, 'zip': income % 1000} AS address,
             MAP {'score': age} AS extras
      FROM read_csv(${literal(csv)}, header = true, nullstr = '')
    ) TO ${literal(file)} (FORMAT parquet, COMPRESSION snappy)`);
  rmSync(csv);
}

const reference = rows(0);
writeCsv('reference.csv', reference);
await writeParquet('reference.parquet', reference);
await writeParquet('current.parquet', rows(0.5));
