import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/engine/inputError';
import { parquetColumns } from '../../../../src/engine/data/parquet/parquetColumns';

const FLIGHTS = 'node_modules/vega-datasets/data/flights-3m.parquet';

describe('parquetColumns', () => {
  it('lists the columns from the footer: names, kinds, types, rows and nulls', async () => {
    expect(await parquetColumns(FLIGHTS, 'flights-3m.parquet')).toEqual([
      { name: 'date', kind: 'timestamp', type: 'TIMESTAMP(MICROS)', rows: 3_000_000, nullCount: 0 },
      { name: 'delay', kind: 'numerical', type: 'INT64', rows: 3_000_000, nullCount: 0 },
      { name: 'distance', kind: 'numerical', type: 'INT64', rows: 3_000_000, nullCount: 0 },
      { name: 'origin', kind: 'categorical', type: 'STRING', rows: 3_000_000, nullCount: 0 },
      { name: 'destination', kind: 'categorical', type: 'STRING', rows: 3_000_000, nullCount: 0 },
    ]);
  });

  it('refuses a file that is not Parquet, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parquet-columns-'));
    const path = join(dir, 'data.parquet');
    writeFileSync(path, 'a,b\n1,2\n');
    const read = parquetColumns(path, 'data.parquet');
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(/^data\.parquet is not a Parquet file/);
  });

  it('refuses a file cut short, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parquet-columns-'));
    const path = join(dir, 'cut.parquet');
    const whole = readFileSync(FLIGHTS);
    writeFileSync(path, whole.subarray(0, whole.length - 100));
    await expect(parquetColumns(path, 'cut.parquet')).rejects.toThrow(
      /^cut\.parquet is cut short: it starts as a Parquet file/,
    );
  });

  it('says a missing file is missing', async () => {
    await expect(parquetColumns('no/such.parquet', 'such.parquet')).rejects.toThrow('such.parquet: file not found.');
  });
});
