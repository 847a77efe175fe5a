/**
 * Reading a data file of any format (dataFormat.ts) into a Table: the one entry point the
 * analysis, the profile command and the simulator read data through.
 */
import { dataFormatOf, type DataFormat } from './dataFormat';
import { readParquet } from './parquet/readParquet';
import { readTable, type ReadTableOptions } from './readTable';
import { readProfileFile } from '../profile/profileFile';
import { profileTable } from '../profile/profileTable';
import type { Table } from './table';

export interface ReadDataOptions extends ReadTableOptions {
  /** The config's format for the file; by default the one its name says. */
  format?: DataFormat;
}

export function readDataFile(path: string, { format, ...options }: ReadDataOptions): Promise<Table> {
  const read = dataFormatOf(path, format);
  switch (read) {
    case 'csv':
      return readTable(path, options);
    case 'csv.gz':
      return readTable(path, { ...options, gzip: true });
    case 'parquet':
      return readParquet(path, options);
    case 'profile':
      return readProfileFile(path, options.displayPath).then((profile) => profileTable(profile, options));
  }
}
