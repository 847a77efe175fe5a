/**
 * hyparquet's errors, said for the user: what is wrong with which file, and where (the row
 * group and column), as an InputError. Its messages are developers' ("parquet file invalid
 * (footer != PAR1)"), so each one users can meet is told here in their words.
 */
import { InputError } from '../../inputError';

/** Four bytes that start and end every Parquet file. */
export const MAGIC = 'PAR1';

/** The file could not be opened or read at all. */
export function unreadableFile(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${file}: file not found.`, { file });
  return new InputError(`${file}: cannot read the file (${code ?? String(error)}).`, { file });
}

/**
 * The footer (the file's metadata, at its end) did not parse. A file that starts as Parquet
 * does (`startsAsParquet`) but lacks the marker at its end was cut short; one that has both
 * is damaged; any other is not Parquet.
 */
export function footerError(file: string, startsAsParquet: boolean, error: unknown): InputError {
  if (!startsAsParquet)
    return new InputError(`${file} is not a Parquet file: it does not start with the ${MAGIC} marker.`, { file });
  const message = errorMessage(error);
  if (/footer != PAR1|too short|exceeds available/.test(message))
    return new InputError(
      `${file} is cut short: it starts as a Parquet file, but the footer that ends one (its metadata) is missing.`,
      { file },
    );
  return new InputError(`${file}: the Parquet footer (the file's metadata) is damaged (${message}).`, { file });
}

/** Reading column `column` of row group `group` (0-based) failed. */
export function columnChunkError(
  file: string,
  group: number,
  groups: number,
  column: string,
  error: unknown,
): InputError {
  if (error instanceof InputError) return error;
  const message = errorMessage(error);
  const where = `${file} row group ${group + 1} of ${groups}, column '${column}'`;
  const codec = /unsupported compression codec: (\w+)/.exec(message)?.[1];
  if (codec)
    return new InputError(
      `${where}: compressed with ${codec}, which cannot be read; write the file with snappy, zstd, gzip, lz4, brotli or no compression.`,
      { file, column },
    );
  return new InputError(`${where}: the data is damaged or cut short (${message}).`, { file, column });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
