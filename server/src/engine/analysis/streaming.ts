/**
 * Streaming, for files larger than memory: each file is read once, every row going into
 * per-column streams (exact counts, moments and extremes, KLL sketches of the numbers; see
 * data/columnStream.ts) while the table keeps a uniform sample of `exactRows` rows for what
 * needs rows side by side (rank tests, data quality, model performance, time windows). A
 * file of at most `exactRows` rows is read whole, so below the limit everything is exact.
 */
import { stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import type { DriftConfig } from '../config/model';
import { dataFormatOf, type DataFormat } from '../data/dataFormat';
import { gzipFacts } from '../data/gzip';
import { parquetColumns } from '../data/parquet/parquetColumns';
import type { Table } from '../data/table';
import { andList, formatCount } from '../../protocol/text';

export interface StreamingOption {
  /** auto: stream when the files are too large for memory (see MEMORY_SHARE). */
  mode: 'auto' | 'on' | 'off';
  /** Rows a streamed file's sample holds; files with at most this many rows are read whole. */
  exactRows: number;
}

export const DEFAULT_EXACT_ROWS = 1_000_000;

/**
 * `auto` streams when the files together are larger than this share of the machine's
 * memory: read whole, a file takes about as much memory decoded as on disk, and the
 * analysis up to twice that while it sorts.
 */
const MEMORY_SHARE = 0.25;

/**
 * A gzip file counts as at least this many times its size: CSV compresses 4 to 10 times,
 * and the trailer's size (exact up to 4 GiB) says too little of a larger file.
 */
const GZIP_RATIO = 4;

/**
 * A Parquet file is compressed and encoded: flights-3m.parquet is 13 MB on disk and 300 MiB
 * read whole. Read, a number takes 8 bytes and a category's code 4 plus its labels'.
 */
const BYTES_PER_PARQUET_CELL = 8;

/** Whether to stream, and why; undefined: read every file whole. */
export async function streamingDecision(
  config: DriftConfig,
  option: StreamingOption | undefined,
): Promise<{ exactRows: number; reason: string } | undefined> {
  if (option === undefined || option.mode === 'off') return undefined;
  if (option.mode === 'on') return { exactRows: option.exactRows, reason: 'streaming was asked for' };
  const files = [config.reference, config.current, ...config.datasets];
  // A file that cannot be read is reported by the reader, with its name.
  const sizes = await Promise.all(
    files.map((file) => sizeInMemory(file.path, file.format).catch(() => ({ bytes: 0, gzip: false }))),
  );
  const bytes = sizes.reduce((sum, size) => sum + size.bytes, 0);
  const memory = totalmem();
  if (bytes <= memory * MEMORY_SHARE) return undefined;
  const estimated = sizes.some((size) => size.gzip)
    ? ' decompressed, estimated'
    : files.some((file) => file.format === 'parquet')
      ? ' decoded, estimated'
      : '';
  return {
    exactRows: option.exactRows,
    reason: `the files (${gib(bytes)}${estimated}) are more than a quarter of this machine's memory (${gib(memory)})`,
  };
}

/**
 * The file's size on disk, or decompressed for a gzip file (estimated: GZIP_RATIO), or
 * decoded for a Parquet file: its footer's rows times BYTES_PER_PARQUET_CELL per column read.
 */
export async function sizeInMemory(
  path: string,
  format: DataFormat = dataFormatOf(path),
): Promise<{ bytes: number; gzip: boolean }> {
  if (format === 'parquet') {
    const read = (await parquetColumns(path, path)).filter((column) => column.kind !== 'skipped');
    return { bytes: read.reduce((sum, column) => sum + column.rows * BYTES_PER_PARQUET_CELL, 0), gzip: false };
  }
  const { size } = await stat(path);
  const { gzip, decodedBytes } = await gzipFacts(path, size);
  return { bytes: gzip ? Math.max(decodedBytes, GZIP_RATIO * size) : size, gzip };
}

/** What streaming means for the figures of this report, when it was on and a file was streamed. */
export function streamingNotes(
  names: string[],
  tables: Table[],
  decision: { exactRows: number; reason: string },
): string[] {
  const streamed = tables.flatMap((t, i) =>
    t.streams === undefined || t.profile ? [] : [`${names[i]} (${formatCount(t.sampledFrom!)} rows)`],
  );
  if (streamed.length === 0) return [];
  return [
    `Streamed ${andList(streamed)}, as ${decision.reason}: the drift tests read every row, categories by exact counts and numbers through KLL quantile sketches ` +
      `(each numerical feature states its cdf error bound, 99% confidence, and each statistic from a sketch the bound it puts on the exact value: where that bound lies on both sides of the threshold the column is undecided, not drifted; ` +
      `counts, means, standard deviations, minima and maxima are exact); ` +
      `the rank tests (Mann–Whitney, Cramér–von Mises, Anderson–Darling), data quality, model performance and time windows read a uniform sample of ${formatCount(decision.exactRows)} rows per file (seed 1). ` +
      `Files of at most ${formatCount(decision.exactRows)} rows are read whole.`,
  ];
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
