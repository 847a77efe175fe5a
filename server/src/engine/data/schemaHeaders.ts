/**
 * The columns of a data file that has no header line, as the file itself states them: a
 * Parquet file's footer (its schema and row count, without reading a row, so as fast on any
 * size), or a saved reference profile's column list. The header cache (csvHeaders.ts) serves
 * them beside CSV headers, so that completion, hover and the config's checks treat every
 * format alike.
 */
import * as path from 'node:path';
import { dataFormatOf, type DataFormat } from './dataFormat';
import { parquetColumns } from './parquet/parquetColumns';
import { readProfileFile } from '../profile/profileFile';
import { categoriesKept, hasExactValues } from '../profile/profiledValues';
import { NOT_FROM_PROFILE } from '../../protocol/text';
import type { ProfiledColumn } from '../profile/referenceProfile';

/** What a file with its own schema says of its columns, beyond their names and kinds. */
export interface FileSchema {
  format: 'parquet' | 'profile';
  /** The file's rows: from the Parquet footer, or the rows the profile summarises. */
  rows: number;
  /** Each offered column's type as the file states it (`DOUBLE`, `STRING`; a profile's: its kind). */
  types: Map<string, string>;
  /** Missing values per column, where the file counts them (Parquet's null counts, a profile's). */
  missing: Map<string, number>;
  /** Columns the analysis skips (nested, list, map), each with why: `a list column`. */
  skipped: Map<string, string>;
  /**
   * The columns a profile knows only through its sketches (numbers it did not count value by
   * value, categories past its cap), each with why tests cannot run from it (NOT_FROM_PROFILE).
   * Every other column's figures are exact; a Parquet file has none.
   */
  sketched: Map<string, string>;
}

export interface SchemaColumns {
  /** The columns the analysis reads, in the file's order (skipped ones left out). */
  columns: string[];
  kinds: Map<string, 'numerical' | 'categorical' | 'timestamp'>;
  /** Distinct non-missing values, where the file counts them (a profile's, at least that many). */
  distinct: Map<string, number>;
  schema: FileSchema;
}

export type SchemaResult = { ok: true; columns: SchemaColumns } | { ok: false; error: string };

/** Whether the columns of `file` come from its schema (Parquet, profile) rather than a header line; `declared`: the config's `format:`. */
export function hasOwnSchema(file: string, declared?: DataFormat): boolean {
  const format = dataFormatOf(file, declared);
  return format === 'parquet' || format === 'profile';
}

/** The columns of the Parquet file or profile at `file` (absolute); a bad file answers why, as a phrase after its key. */
export async function readSchemaColumns(file: string, declared?: DataFormat): Promise<SchemaResult> {
  const displayPath = path.basename(file);
  try {
    const parquetFile = dataFormatOf(file, declared) === 'parquet';
    return { ok: true, columns: parquetFile ? await parquet(file) : await profile(file) };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    // The readers' messages start with the file's name, which the config's message gives after its key.
    if (message.startsWith(`${displayPath}: `))
      return { ok: false, error: `cannot be read (${message.slice(displayPath.length + 2)})` };
    if (message.startsWith(`${displayPath} `)) return { ok: false, error: message.slice(displayPath.length + 1) };
    return { ok: false, error: `cannot be read (${message})` };
  }
}

async function parquet(file: string): Promise<SchemaColumns> {
  const infos = await parquetColumns(file, path.basename(file));
  const read = infos.filter((info) => info.kind !== 'skipped');
  return {
    columns: read.map(({ name }) => name),
    kinds: new Map(read.map(({ name, kind }) => [name, kind as 'numerical' | 'categorical' | 'timestamp'])),
    distinct: new Map(),
    schema: {
      format: 'parquet',
      rows: infos[0]?.rows ?? 0,
      types: new Map(read.map(({ name, type }) => [name, type])),
      missing: new Map(read.flatMap(({ name, nullCount }) => (nullCount === undefined ? [] : [[name, nullCount]]))),
      skipped: new Map(infos.filter((info) => info.kind === 'skipped').map(({ name, type }) => [name, type])),
      sketched: new Map(),
    },
  };
}

async function profile(file: string): Promise<SchemaColumns> {
  const { rows, columns } = await readProfileFile(file, path.basename(file));
  const entries = [...columns];
  return {
    columns: entries.map(([name]) => name),
    kinds: new Map(entries.map(([name, column]) => [name, column.kind])),
    distinct: new Map(entries.map(([name, column]) => [name, column.distinct.low])),
    schema: {
      format: 'profile',
      rows,
      types: new Map(entries.map(([name, column]) => [name, column.kind])),
      missing: new Map(entries.map(([name, column]) => [name, column.stream.missing])),
      skipped: new Map(),
      sketched: new Map(entries.flatMap(([name, column]) => (exact(column) ? [] : [[name, notFromProfile(column)]]))),
    },
  };
}

/** Whether the profile counted the column value by value, so that every test runs on it as on the file. */
function exact({ kind, stream }: ProfiledColumn): boolean {
  return kind === 'numerical' ? hasExactValues(stream.numbers.sketch) : stream.categories !== undefined;
}

/** Why the tests that need a sketched column's values cannot run from the profile: the report's words. */
function notFromProfile(column: ProfiledColumn): string {
  return column.kind === 'numerical' ? NOT_FROM_PROFILE.rankTests : NOT_FROM_PROFILE.categories(categoriesKept(column));
}
