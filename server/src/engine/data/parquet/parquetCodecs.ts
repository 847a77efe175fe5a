/**
 * The decompressors: hyparquet-compressors' (snappy, gzip, zstd, brotli, LZ4, LZ4_RAW), with
 * one change. A page under the old LZ4 codec id is LZ4 with Hadoop's framing (Hadoop,
 * parquet-mr) or without it (parquet-cpp before the framing was settled, PARQUET-1241).
 * hyparquet-compressors tries the framing first, but gives up when a raw block happens to
 * read as a frame header and its decoding then fails; Arrow falls back to the raw block
 * then, and so does this.
 */
import type { Compressors } from 'hyparquet';
import { compressors, decompressLz4, decompressLz4Raw } from 'hyparquet-compressors';

export const PARQUET_CODECS: Compressors = {
  ...compressors,
  LZ4: (input, outputLength) => {
    try {
      return decompressLz4(input, outputLength);
    } catch {
      return decompressLz4Raw(input, outputLength);
    }
  },
};
