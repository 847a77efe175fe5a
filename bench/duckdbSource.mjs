/**
 * How the DuckDB scripts of the bench read a data file: Parquet, by the name's ending, with
 * read_parquet; anything else as CSV with read_csv_auto and the engine's missing-value tokens.
 */
const MISSING = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None'];

/** A SQL string literal. */
export function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier. */
export function ident(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The table function that reads `path`, for a FROM clause. */
export function fileSource(path) {
  return /\.(parquet|pq)$/i.test(path)
    ? `read_parquet(${literal(path)})`
    : `read_csv_auto(${literal(path)}, nullstr = [${MISSING.map(literal).join(', ')}])`;
}
