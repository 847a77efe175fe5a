/**
 * Opening a Parquet file: its size, checked to be a regular file, and its footer (the
 * metadata: schema, row groups, codecs, statistics), read without any of its data.
 */
import { stat } from 'node:fs/promises';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { InputError } from '../../inputError';
import { notAFile } from '../fileKind';
import { footerError, MAGIC, unreadableFile } from './parquetErrors';

export interface ParquetFile {
  file: AsyncBuffer;
  bytes: number;
  metadata: FileMetaData;
  /** The schema's root; its children are the file's top-level columns. */
  schema: ReturnType<typeof parquetSchema>;
}

/** The file at `path` and its footer, or an InputError naming `displayPath` (not found, not a file, not Parquet, truncated). */
export async function openParquet(path: string, displayPath: string): Promise<ParquetFile> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw unreadableFile(displayPath, error);
  }
  const what = notAFile(stats);
  if (what) throw new InputError(`${displayPath} ${what}, not a Parquet file.`, { file: displayPath });
  let file: AsyncBuffer;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    throw unreadableFile(displayPath, error);
  }
  let metadata: FileMetaData;
  let schema: ParquetFile['schema'];
  try {
    metadata = await parquetMetadataAsync(file, { geoparquet: false });
    schema = parquetSchema(metadata);
  } catch (error) {
    throw footerError(displayPath, await startsWithMagic(file), error);
  }
  return { file, bytes: stats.size, metadata, schema };
}

/** Whether the file starts as Parquet files do: one that does but has no footer was cut short. */
async function startsWithMagic(file: AsyncBuffer): Promise<boolean> {
  if (file.byteLength < MAGIC.length) return false;
  const start = new Uint8Array(await file.slice(0, MAGIC.length));
  return Buffer.from(start).toString('latin1') === MAGIC;
}
