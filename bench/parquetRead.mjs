/**
 * The raw read of Parquet columns alone, no statistics: what a reader costs before the
 * analysis starts, a process of its own so that bench/parquet.mjs times it as it times
 * the tools. Either hyparquet (pure JS, with hyparquet-compressors' codecs), its columns
 * decoded chunk by chunk without assembling rows, or DuckDB (read_parquet into an
 * in-memory table, the columns decoded into its own vectors).
 *
 *   node bench/parquetRead.mjs --reader hyparquet|duckdb --columns a,b,… --out read.json <file.parquet> …
 *
 * Writes, per file, the rows and each column's values and nulls as the reader counted
 * them (the bench checks that both readers agree), and the seconds the reads took in
 * this process, module loading excluded.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { positionals: paths, values } = parseArgs({
  allowPositionals: true,
  options: { reader: { type: 'string' }, columns: { type: 'string' }, out: { type: 'string' } },
});
const READERS = { hyparquet: hyparquetReader, duckdb: duckdbReader };
if (!READERS[values.reader] || !values.columns || !values.out || paths.length === 0) {
  console.error(
    'usage: node bench/parquetRead.mjs --reader hyparquet|duckdb --columns a,b --out read.json <file.parquet> …',
  );
  process.exit(2);
}
const columns = values.columns.split(',');
const read = await READERS[values.reader]();
const started = performance.now();
const files = [];
for (const path of paths) files.push({ path, ...(await read(path)) });
const seconds = (performance.now() - started) / 1000;
writeFileSync(values.out, JSON.stringify({ reader: values.reader, seconds, files }, null, 1) + '\n');

/** `{ rows, columns: { name: { values, nulls } } }` from hyparquet's column chunks. */
async function hyparquetReader() {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  return async (path) => {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const counts = Object.fromEntries(columns.map((name) => [name, { values: 0, nulls: 0 }]));
    await parquetRead({
      file,
      metadata,
      columns,
      compressors,
      // Chunks as decoded arrays: the reader's own work, without building one object per row.
      onChunk({ columnName, columnData }) {
        const count = counts[columnName];
        for (let i = 0; i < columnData.length; i++) {
          if (columnData[i] === null || columnData[i] === undefined) count.nulls++;
          else count.values++;
        }
      },
    });
    return { rows: Number(metadata.num_rows), columns: counts };
  };
}

/** The same counts from a table DuckDB decoded the columns into. */
async function duckdbReader() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { fileSource, ident } = await import('./duckdbSource.mjs');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  let table = 0;
  return async (path) => {
    const name = `read${table++}`;
    await connection.run(`CREATE TABLE ${name} AS SELECT ${columns.map(ident).join(', ')} FROM ${fileSource(path)}`);
    const counts = columns.map((c, i) => `count(${ident(c)})::DOUBLE AS v${i}`).join(', ');
    const [row] = (
      await connection.runAndReadAll(`SELECT count(*)::DOUBLE AS rows, ${counts} FROM ${name}`)
    ).getRowObjectsJS();
    return {
      rows: row.rows,
      columns: Object.fromEntries(columns.map((c, i) => [c, { values: row[`v${i}`], nulls: row.rows - row[`v${i}`] }])),
    };
  };
}
