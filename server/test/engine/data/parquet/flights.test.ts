/**
 * A real Parquet file, vega-datasets' flights-3m.parquet (Polars, zstd, 11 row groups of
 * 272,727 rows), read with a sample of 5,000 rows, checked against DuckDB's reading of the
 * same file: its rows, columns and types, and what the sample can be checked by.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../../../../src/engine/data/readData';
import type { Table } from '../../../../src/engine/data/table';
import { parseTimestamps } from '../../../../src/engine/windows/timestamps';

const FLIGHTS = 'node_modules/vega-datasets/data/flights-3m.parquet';

interface Facts {
  rows: number;
  columns: { name: string; type: string }[];
  delay: { min: number; max: number; mean: number; std: number; nulls: number };
  distance: { min: number; max: number };
  origins: string[];
  dates: { min: number; max: number };
}

async function duckdbFacts(): Promise<Facts> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  const from = `read_parquet('${FLIGHTS}')`;
  const [facts] = await query(`SELECT count(*)::DOUBLE AS rows,
      min(delay)::DOUBLE AS min, max(delay)::DOUBLE AS max, avg(delay) AS mean, stddev_samp(delay) AS std,
      count(*) FILTER (WHERE delay IS NULL)::DOUBLE AS nulls,
      min(distance)::DOUBLE AS dmin, max(distance)::DOUBLE AS dmax,
      epoch_ms(min(date))::DOUBLE AS first, epoch_ms(max(date))::DOUBLE AS last FROM ${from}`);
  const columns = await query(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM ${from})`);
  const origins = await query(`SELECT DISTINCT origin FROM ${from}`);
  const n = (value: unknown) => Number(value);
  return {
    rows: n(facts.rows),
    columns: columns.map((c) => ({ name: String(c.name), type: String(c.type) })),
    delay: { min: n(facts.min), max: n(facts.max), mean: n(facts.mean), std: n(facts.std), nulls: n(facts.nulls) },
    distance: { min: n(facts.dmin), max: n(facts.dmax) },
    origins: origins.map((o) => String(o.origin)),
    dates: { min: n(facts.first), max: n(facts.last) },
  };
}

describe('flights-3m.parquet, a sample of 5,000 rows', () => {
  let table: Table;
  let duckdb: Facts;
  beforeAll(async () => {
    [table, duckdb] = await Promise.all([
      readDataFile(FLIGHTS, {
        displayPath: 'flights-3m.parquet',
        kinds: new Map(),
        requiredColumns: [],
        sample: { maxRows: 5_000, seed: 1 },
      }),
      duckdbFacts(),
    ]);
  });

  it('counts the rows DuckDB counts, and holds the sample', () => {
    expect(table.sampledFrom).toBe(duckdb.rows);
    expect(table.rows).toBe(5_000);
  });

  it('has the columns DuckDB has, numbers where DuckDB has integers, text where it has text and timestamps', () => {
    expect(table.header).toEqual(duckdb.columns.map((c) => c.name));
    const kinds = duckdb.columns.map((c) => (c.type === 'BIGINT' ? 'numerical' : 'categorical'));
    expect(duckdb.columns.map((c) => c.type)).toEqual(['TIMESTAMP', 'BIGINT', 'BIGINT', 'VARCHAR', 'VARCHAR']);
    expect(table.header.map((name) => table.columns.get(name)!.kind)).toEqual(kinds);
    expect(table.notes).toBeUndefined();
  });

  it('holds values of the file: within its extremes, its categories, its dates; missing where DuckDB has nulls', () => {
    const delay = table.columns.get('delay')!;
    const distance = table.columns.get('distance')!;
    const origin = table.columns.get('origin')!;
    if (delay.kind !== 'numerical' || distance.kind !== 'numerical' || origin.kind !== 'categorical')
      throw new Error('kinds');
    expect(delay.missing).toBe(duckdb.delay.nulls);
    expect(Math.min(...delay.values)).toBeGreaterThanOrEqual(duckdb.delay.min);
    expect(Math.max(...delay.values)).toBeLessThanOrEqual(duckdb.delay.max);
    expect(Math.min(...distance.values)).toBeGreaterThanOrEqual(duckdb.distance.min);
    expect(Math.max(...distance.values)).toBeLessThanOrEqual(duckdb.distance.max);
    expect(duckdb.origins).toEqual(expect.arrayContaining(origin.categories));
    const { times } = parseTimestamps(table.columns.get('date')!, 'flights-3m.parquet');
    expect(Math.min(...times)).toBeGreaterThanOrEqual(duckdb.dates.min);
    expect(Math.max(...times)).toBeLessThanOrEqual(duckdb.dates.max);
  });

  it("the sample's mean delay lies within four standard errors of the file's (a uniform sample; seed fixed)", () => {
    const delay = table.columns.get('delay')!;
    const values = delay.kind === 'numerical' ? [...delay.values] : [];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - duckdb.delay.mean)).toBeLessThan((4 * duckdb.delay.std) / Math.sqrt(values.length));
  });
});
