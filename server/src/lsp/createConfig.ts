/**
 * The server's side of "Create Monitoring Config…": the text of a new drift.yaml
 * (GET_CONFIG_TEMPLATE, configTemplate.ts), and when a reference is large enough that the
 * command offers to save a reference profile of it (GET_CSV_HEADER's `large`).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { CsvHeader } from '../engine/data/csvHeaders';
import { GET_CONFIG_TEMPLATE, type GetConfigTemplateParams } from '../protocol/messages';
import { formatCount } from '../protocol/text';
import { configText, guessColumns } from './configTemplate';

/**
 * A reference over either is offered to be saved as a profile. 100 MB is the size GitHub
 * refuses a file at (it warns from 50 MB), so a reference that large is seldom in the
 * repository beside its config, while its profile is (kilobytes per column); and 1M rows is
 * where reading the reference takes about a second or more on every analysis, where reading
 * its profile takes milliseconds.
 */
export const LARGE_REFERENCE = { bytes: 100_000_000, rows: 1_000_000 };

/**
 * Why the file of `header`, `bytes` long, is a large reference, as a phrase after its name
 * ("is 240 MB", "has 3,100,000 rows"), or undefined. A CSV's rows are estimated from the rows
 * in its first chunk; a Parquet file's are in its footer. A profile is never large.
 */
export function largeReference(header: CsvHeader, bytes: number): string | undefined {
  if (header.schema?.format === 'profile') return undefined;
  // Megabytes of 1,000,000 bytes, as the benchmarks and docs give sizes.
  if (bytes > LARGE_REFERENCE.bytes) return `is ${formatCount(Math.round(bytes / 1_000_000))} MB`;
  if (header.schema)
    return header.schema.rows > LARGE_REFERENCE.rows ? `has ${formatCount(header.schema.rows)} rows` : undefined;
  // The chunk's rows per byte, over the whole file. For gzip the chunk is decompressed and the
  // size is not, so the estimate is low by the compression ratio (the 100 MB rule sees the compressed size).
  if (header.sampledRows === 0 || header.bytesRead >= bytes) return undefined;
  const rows = Math.round((header.sampledRows / header.bytesRead) * bytes);
  return rows > LARGE_REFERENCE.rows ? `has about ${formatCount(rows)} rows` : undefined;
}

export function handleConfigTemplate(connection: Connection): void {
  connection.onRequest(GET_CONFIG_TEMPLATE, ({ reference, current, columns }: GetConfigTemplateParams): string => {
    const guess = guessColumns(columns.map((c) => c.name));
    // A column a Parquet file stores as a timestamp is the timestamp, whatever its name.
    const guessed = new Set(Object.values(guess));
    guess.timestamp ??= columns.find((c) => c.kind === 'timestamp' && !guessed.has(c.name))?.name;
    return configText(reference, current, columns, guess);
  });
}
