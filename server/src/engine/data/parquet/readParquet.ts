/**
 * Reading a Parquet file into typed columns, row group by row group: one column chunk is
 * decoded at a time and goes straight into its column (and its stream), so memory holds
 * the table, or its sample, plus one decoded column chunk. Only the columns the table holds
 * are read: the nested ones are skipped without reading their data.
 */
import { flatten, type DecodedArray, type RowGroup } from 'hyparquet';
import { formatCount } from '../../../protocol/text';
import { InputError } from '../../inputError';
import type { ColumnStream } from '../columnStream';
import type { Column } from '../column';
import { checkRequired, lookAlikeNames } from '../header';
import type { ReadTableOptions } from '../readTable';
import { RowSampler, sampledColumn } from '../rowSample';
import type { Table } from '../table';
import { flatColumnChunk } from './parquetChunk';
import { ParquetColumnBuilder } from './parquetColumnBuilder';
import { columnChunkError } from './parquetErrors';
import { openParquet, type ParquetFile } from './parquetFile';
import { parquetColumnType, type ParquetColumnType } from './parquetTypes';
import { TEXT_PARSERS } from './parquetValues';

interface FileColumn {
  name: string;
  type: ParquetColumnType;
}

/**
 * Reads the Parquet file at `path` as readTable reads a CSV, honouring the same options
 * (kinds, required columns, sample and stream, signal, progress in bytes of the row groups
 * read). Throws an InputError naming `displayPath` (and the row group and column) for bad
 * input, and the abort reason when `signal` aborts, checked between column chunks.
 */
export async function readParquet(path: string, options: ReadTableOptions): Promise<Table> {
  const { displayPath: file, signal, onProgress } = options;
  signal?.throwIfAborted();
  const parquet = await openParquet(path, file);
  signal?.throwIfAborted();
  const columns: FileColumn[] = parquet.schema.children.map((node) => ({
    name: node.element.name,
    type: parquetColumnType(node),
  }));
  const read = columns.filter((column) => column.type.kind !== 'skipped');
  const header = read.map((column) => column.name);
  checkColumns(columns, header, options.requiredColumns, file);
  const rows = Number(parquet.metadata.num_rows);
  if (rows === 0) throw new InputError(`${file} has columns but no rows.`, { file });

  const sampler = options.sample && new RowSampler(options.sample.maxRows, options.sample.seed);
  const expected = sampler ? sampler.expect(rows) : rows;
  const streaming = sampler !== undefined && options.stream === true;
  const builders = read.map(
    ({ name, type }, i) =>
      new ParquetColumnBuilder(name, type, file, options.kinds.get(name), {
        stream: streaming ? i + 1 : undefined,
        decimal: options.decimal,
      }),
  );
  for (const builder of builders) builder.reserve(expected);
  /** With a sample: the file row (1-based) of each row the columns hold. */
  let rowNumbers: Float64Array = new Float64Array(sampler ? expected : 0);
  let held = 0;

  const groups = parquet.metadata.row_groups;
  let groupStart = 0;
  for (const [index, group] of groups.entries()) {
    const groupRows = Number(group.num_rows);
    const kept = sampler && keptRows(sampler, groupRows);
    const adding = kept?.length ?? groupRows;
    if (held + adding > rowNumbers.length && sampler) {
      const capacity = Math.max(held + adding, Math.ceil(rowNumbers.length * 1.5));
      rowNumbers = grown(rowNumbers, capacity);
      for (const builder of builders) builder.reserve(capacity);
    }
    for (const builder of builders) {
      signal?.throwIfAborted();
      if (groupRows === 0) continue;
      const data = await columnChunk(parquet, builder.name, groupRows, {
        file,
        index,
        groups: groups.length,
      });
      builder.addGroup(data, kept, groupStart + 1);
    }
    if (kept) for (const row of kept) rowNumbers[held++] = groupStart + row + 1;
    else held += groupRows;
    groupStart += groupRows;
    onProgress?.(Math.min(groupEnd(group), parquet.bytes), parquet.bytes);
  }
  signal?.throwIfAborted();
  onProgress?.(parquet.bytes, parquet.bytes);

  const chosen = sampler && held > sampler.maxRows ? sampler.choose(held) : undefined;
  const tableColumns = new Map<string, Column>();
  for (const builder of builders) {
    const column = builder.finish();
    tableColumns.set(builder.name, chosen ? sampledColumn(column, chosen, rowNumbers) : column);
  }
  const notes = [...skippedNote(columns, file), ...roundedNotes(builders, file), ...lookAlikeNames(header, file)];
  const table: Table = {
    path: file,
    rows: chosen?.length ?? held,
    header,
    columns: tableColumns,
    ...(notes.length > 0 && { notes }),
  };
  if (table.rows === rows) return table;
  // Only a sample is held: the streams, when there are some, stand for the whole file.
  const streams = streaming
    ? new Map<string, ColumnStream>(builders.map((builder) => [builder.name, builder.finishStream()!]))
    : undefined;
  return { ...table, sampledFrom: rows, ...(streams && { streams }) };
}

/** The config's columns must be there, and readable: a skipped column it names stops the run. */
function checkColumns(columns: FileColumn[], header: string[], required: readonly string[], file: string): void {
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name))
      throw new InputError(`${file}: the column name '${name}' appears more than once; column names must be unique.`, {
        file,
        column: name,
      });
    seen.add(name);
  }
  for (const { name, type } of columns) {
    if (type.skipped !== undefined && required.includes(name))
      throw new InputError(
        `${file}: column '${name}' is ${type.skipped}, which cannot be analyzed, but the config names it.`,
        { file, column: name },
      );
  }
  checkRequired(header, required, file);
}

/** The sampler's choice for each of a group's rows, in order: the indices of those kept. */
function keptRows(sampler: RowSampler, groupRows: number): Int32Array {
  const kept = new Int32Array(groupRows);
  let count = 0;
  for (let row = 0; row < groupRows; row++) if (sampler.keep()) kept[count++] = row;
  return kept.subarray(0, count);
}

/**
 * The decoded values of column `name` in the row group `where.index`, that chunk alone:
 * nothing of it is kept once its values are in the column (hyparquet's scan would keep the
 * last chunk of every column).
 */
async function columnChunk(
  parquet: ParquetFile,
  name: string,
  groupRows: number,
  where: { file: string; index: number; groups: number },
): Promise<DecodedArray> {
  const node = parquet.schema.children.find((child) => child.element.name === name);
  const chunk = parquet.metadata.row_groups[where.index].columns.find(
    (column) => column.meta_data?.path_in_schema[0] === name,
  )?.meta_data;
  let pieces: DecodedArray[];
  try {
    if (!node || !chunk) throw new Error(`parquet column not found: ${name}`);
    pieces = await flatColumnChunk(parquet, [parquet.schema, node], chunk, groupRows, TEXT_PARSERS);
  } catch (error) {
    throw columnChunkError(where.file, where.index, where.groups, name, error);
  }
  const data = flatten(pieces);
  if (data.length !== groupRows)
    throw columnChunkError(
      where.file,
      where.index,
      where.groups,
      name,
      `${formatCount(data.length)} values for ${formatCount(groupRows)} rows`,
    );
  return data;
}

/** The byte just past the group's last column chunk. */
function groupEnd(group: RowGroup): number {
  let end = 0;
  for (const { meta_data: chunk } of group.columns) {
    if (!chunk) continue;
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    end = Math.max(end, start + Number(chunk.total_compressed_size));
  }
  return end;
}

/** One note naming each column skipped, and why. */
function skippedNote(columns: FileColumn[], file: string): string[] {
  const skipped = columns.filter((column) => column.type.skipped !== undefined);
  if (skipped.length === 0) return [];
  const named = skipped.map(({ name, type }) => `'${name}' (${type.skipped})`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return [
    `${file}: column${skipped.length === 1 ? '' : 's'} ${list} ${skipped.length === 1 ? 'is' : 'are'} skipped; the analysis reads flat columns of numbers, texts, booleans, dates and timestamps.`,
  ];
}

function roundedNotes(builders: ParquetColumnBuilder[], file: string): string[] {
  return builders
    .filter((builder) => builder.rounded > 0)
    .map(
      ({ name, rounded }) =>
        `${file}, column '${name}': ${formatCount(rounded)} value${rounded === 1 ? '' : 's'} beyond ±2^53 (9,007,199,254,740,992), read as the nearest double (a relative error below 1.1e-16).`,
    );
}

function grown(array: Float64Array, capacity: number): Float64Array {
  const larger = new Float64Array(capacity);
  larger.set(array);
  return larger;
}
