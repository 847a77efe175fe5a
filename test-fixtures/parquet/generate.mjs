/**
 * Writes the Parquet fixtures: a CSV pair, the same data as Parquet once per codec, files
 * of every column type, and bad files.
 *
 *   node test-fixtures/parquet/generate.mjs   (DuckDB from npm, @duckdb/node-api; seed fixed)
 *
 * Reference: the CSV reader. The CSV pair (reference.csv, current.csv) is read by the engine
 * whose statistics are pinned to scipy (test-fixtures/golden/); DuckDB then writes the same
 * data as Parquet, with each column's type given explicitly, once per codec
 * (`<codec>/reference.parquet`, `<codec>/current.parquet`: uncompressed, snappy, gzip, zstd,
 * lz4, lz4_raw, brotli), in row groups of 128 rows. The
 * tests show that the report on each Parquet pair equals the report on the CSV pair. The
 * CSV spells each value as DuckDB writes that type to CSV (booleans `true`/`false`,
 * decimals with all their digits, floats as the shortest decimal that gives the float back,
 * timestamps `YYYY-MM-DD HH:MM:SS[.fff]`), which is how the Parquet reader spells them too.
 *
 * The Parquet pair has three columns more than the CSV, which the reader skips with a note
 * naming each: `tags` (a list), `place` (a struct) and `counts` (a map).
 *
 * Besides: `types.parquet` (a column of each type DuckDB writes, with nulls and an integer
 * beyond 2^53), `lzo.parquet` (the pair's reference with its codec fields patched to LZO,
 * which no reader here decompresses), `empty.parquet` (columns, no rows), `truncated.parquet`
 * (a file cut in the middle),
 * `not-parquet.parquet` (CSV text).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata } from 'hyparquet';
import { mulberry32 } from '../../server/src/engine/stats/mulberry32.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const random = mulberry32(20261203);
const ROWS = 600;
/** Small, so that every file has several row groups (streaming, progress and cancellation go by row group). */
const ROW_GROUP_ROWS = 128;
/** DuckDB's names; `lz4` is made from `lz4_raw` (see below). */
const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw', 'brotli'];

/** The CSV pair's columns and their DuckDB types, in file order. */
const COLUMNS = [
  ['event_time', 'TIMESTAMP'],
  ['day', 'DATE'],
  ['amount', 'DOUBLE'],
  ['visits', 'INTEGER'],
  ['level', 'UTINYINT'],
  ['balance', 'BIGINT'],
  ['price', 'DECIMAL(9, 2)'],
  ['fee', 'DECIMAL(24, 4)'],
  ['ratio', 'FLOAT'],
  ['segment', 'VARCHAR'],
  ['active', 'BOOLEAN'],
  ['churned', 'INTEGER'],
  ['predicted', 'INTEGER'],
];

function normal() {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
const pick = (values, weights) => {
  let u = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) if ((u -= weights[i]) < 0) return values[i];
  return values[values.length - 1];
};
const missing = (share, value) => (random() < share ? '' : value);
const two = (n) => String(n).padStart(2, '0');
/** As DuckDB writes a TIMESTAMP: the fraction of a second without trailing zeros, none when whole. */
function timestampText(ms) {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}`;
}
/** The shortest decimal that reads back as the same 32-bit float, as DuckDB writes a FLOAT. */
function floatText(value) {
  const float = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(float.toPrecision(digits)));
    if (Math.fround(Number(text)) === float) return text;
  }
  return String(float);
}

/** One file's rows; `shifted`: the current file, drifted in some columns. */
function rows(start, shifted) {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (let i = 0; i < ROWS; i++) {
    // Ten minutes apart plus a few seconds, some with a fraction of a second: four weeks and more.
    const time = start + i * 600_000 + Math.floor(random() * 60) * 1000 + (random() < 0.2 ? 250 : 0);
    const day = new Date(time);
    const dayText = `${day.getUTCFullYear()}-${two(day.getUTCMonth() + 1)}-${two(day.getUTCDate())}`;
    const amount = Math.round((100 + 15 * normal() + (shifted ? 8 : 0)) * 100) / 100;
    const visits = Math.max(0, Math.round(5 + 2 * normal()));
    const level = pick([0, 1, 2, 3, 4], shifted ? [1, 2, 3, 3, 1] : [1, 3, 3, 2, 1]);
    const balance = 123_456_789_000 + Math.floor(random() * 1e9);
    const price = (Math.round((20 + 5 * normal()) * 100) / 100).toFixed(2);
    const fee = (Math.round(random() * 1e8) / 1e4 + 1e6).toFixed(4);
    const ratio = floatText(random());
    const segment = pick(['a', 'b', 'c'], shifted ? [2, 1, 1] : [1, 1, 1]);
    const active = random() < 0.6 ? 'true' : 'false';
    const churned = random() < 0.25 ? 1 : 0;
    const predicted = random() < 0.8 ? churned : 1 - churned;
    lines.push(
      [
        timestampText(time),
        missing(0.03, dayText),
        missing(0.05, String(amount)),
        visits,
        level,
        balance,
        price,
        fee,
        ratio,
        missing(0.04, segment),
        missing(0.02, active),
        churned,
        predicted,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

// One thread: the row groups come out in the order of the queries.
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const sql = await db.connect();
const quoted = (path) => `'${path.replaceAll("'", "''")}'`;
const columnTypes = `{${COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;

/**
 * The CSV at `csv` as Parquet at `parquet`, typed as COLUMNS says, with the nested columns
 * added. DuckDB ends a row group only between the chunks of rows it writes (2,048 rows from a
 * scan), so each group's rows are a query of their own, the queries joined in file order.
 */
async function toParquet(csv, parquet, codec) {
  await sql.run(`CREATE OR REPLACE TABLE rows AS SELECT * FROM read_csv(${quoted(csv)}, header = true, columns = ${columnTypes})`);
  const groups = [];
  for (let first = 0; first < ROWS; first += ROW_GROUP_ROWS)
    groups.push(`(SELECT *,
        CASE WHEN segment IS NULL THEN NULL ELSE [segment, segment || 'x'] END AS tags,
        {'segment': segment, 'visits': visits} AS place,
        MAP {'visits': visits} AS counts
      FROM rows WHERE rowid >= ${first} AND rowid < ${first + ROW_GROUP_ROWS} ORDER BY rowid)`);
  await sql.run(
    `COPY (${groups.join(' UNION ALL ')}) TO ${quoted(parquet)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`,
  );
}

const start = Date.UTC(2026, 0, 5);
writeFileSync(join(HERE, 'reference.csv'), rows(start, false));
writeFileSync(join(HERE, 'current.csv'), rows(start + ROWS * 600_000, true));
for (const codec of CODECS) {
  mkdirSync(join(HERE, codec), { recursive: true });
  for (const name of ['reference', 'current'])
    await toParquet(join(HERE, `${name}.csv`), join(HERE, codec, `${name}.parquet`), codec);
}
// DuckDB writes LZ4_RAW for `lz4` too. The old LZ4 codec id gets the same pages: LZ4 blocks
// without Hadoop's framing, as parquet-cpp wrote them (PARQUET-1241); some of them read as a
// frame header, which the reader must not take for one (parquetCodecs.ts).
mkdirSync(join(HERE, 'lz4'), { recursive: true });
for (const name of ['reference', 'current'])
  writeFileSync(
    join(HERE, 'lz4', `${name}.parquet`),
    withCodec(readFileSync(join(HERE, 'lz4_raw', `${name}.parquet`)), 'LZ4_RAW', 'LZ4'),
  );

// A column of each type, three rows: values, then nulls, then the extremes.
await sql.run(`COPY (
    SELECT * FROM (VALUES
      (1::TINYINT, 2::SMALLINT, 3::INTEGER, 4::BIGINT, 5::UTINYINT, 6::USMALLINT, 7::UINTEGER, 8::UBIGINT,
       1.5::FLOAT, 2.25::DOUBLE, 12.5::DECIMAL(4, 1), 1234.567::DECIMAL(18, 3), 98765.43210::DECIMAL(30, 5),
       'x'::VARCHAR, true, 'small'::ENUM('small', 'large'), DATE '2026-03-01', TIME '14:05:09.5',
       TIMESTAMP '2026-03-01 14:05:09.123456', TIMESTAMP_MS '2026-03-01 14:05:09.5', TIMESTAMP_NS '2026-03-01 14:05:09.123456789',
       TIMESTAMP_S '2026-03-01 14:05:09', TIMESTAMPTZ '2026-03-01 14:05:09+00', UUID '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
       INTERVAL 3 DAY, 'raw'::BLOB, [1, 2], {'a': 1}, MAP {'k': 1}),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      ((-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, 9007199254740993::BIGINT, 255::UTINYINT, 65535::USMALLINT,
       4294967295::UINTEGER, 18446744073709551615::UBIGINT, (-0.1)::FLOAT, 1e300::DOUBLE, (-999.9)::DECIMAL(4, 1),
       (-1234.567)::DECIMAL(18, 3), (-98765.43210)::DECIMAL(30, 5), 'y'::VARCHAR, false, 'large'::ENUM('small', 'large'),
       DATE '1969-12-31', TIME '00:00:00', TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP_MS '2026-03-01 14:05:09',
       TIMESTAMP_NS '2026-03-01 14:05:09', TIMESTAMP_S '2026-03-01 14:05:09', TIMESTAMPTZ '2026-03-01 14:05:09+00',
       UUID '00000000-0000-0000-0000-000000000000', INTERVAL 1 MONTH, 'raw'::BLOB, [], {'a': 2}, MAP {})
    ) AS t(tiny, small, int, big, utiny, usmall, uint, ubig, float, double, dec4, dec18, dec30,
           text, flag, size, day, clock, ts, ts_ms, ts_ns, ts_s, ts_tz, id, wait, bytes, list, struct, map)
  ) TO ${quoted(join(HERE, 'types.parquet'))} (FORMAT parquet)`);

await sql.run(`COPY (SELECT * FROM rows WHERE false) TO ${quoted(join(HERE, 'empty.parquet'))} (FORMAT parquet)`);
writeFileSync(join(HERE, 'lzo.parquet'), withCodec(readFileSync(join(HERE, 'gzip', 'reference.parquet')), 'GZIP', 'LZO'));
const whole = readFileSync(join(HERE, 'snappy', 'reference.parquet'));
writeFileSync(join(HERE, 'truncated.parquet'), whole.subarray(0, Math.floor(whole.length / 2)));
writeFileSync(join(HERE, 'not-parquet.parquet'), readFileSync(join(HERE, 'reference.csv')).subarray(0, 500));

/**
 * The Parquet file `bytes` with every column chunk's codec changed from `from` to `to` in
 * its footer (Thrift compact protocol). The codec is field 4 of ColumnMetaData, an i32
 * right after field 3, the list of the column's path (names under 128 bytes): the list's
 * header 0x19 (delta 1, list), its size and element type (n << 4 | 8, binary), each name
 * (its length, then its bytes), then the codec's field header 0x15 (delta 1, i32) and the
 * zigzag varint of the enum. The footer is parsed again to check that only the codecs changed.
 */
function withCodec(bytes, from, to) {
  const CODEC = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, LZO: 3, BROTLI: 4, LZ4: 5, ZSTD: 6, LZ4_RAW: 7 };
  const footerLength = bytes.readUInt32LE(bytes.length - 8);
  const footerStart = bytes.length - 8 - footerLength;
  const patched = Buffer.from(bytes);
  for (let i = footerStart; i < bytes.length - 8; i++) {
    if (patched[i] !== 0x19 || (patched[i + 1] & 0x0f) !== 8) continue;
    let at = i + 2;
    for (let names = patched[i + 1] >> 4; names > 0; names--) at += 1 + patched[at];
    if (patched[at] === 0x15 && patched[at + 1] === CODEC[from] * 2) patched[at + 1] = CODEC[to] * 2;
  }
  const describe = (buffer, codec) =>
    JSON.stringify(
      parquetMetadata(buffer.subarray(footerStart)).row_groups.map((group) =>
        group.columns.map((column) => ({ ...column.meta_data, codec: column.meta_data.codec === codec ? '*' : column.meta_data.codec })),
      ),
      (_key, value) => (typeof value === 'bigint' ? String(value) : value),
    );
  if (describe(bytes, from) !== describe(patched, to) || !describe(patched, to).includes('"codec":"*"'))
    throw new Error(`patching the codec to ${to} changed more than the codecs`);
  return patched;
}
