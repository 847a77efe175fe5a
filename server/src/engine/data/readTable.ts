/**
 * Reading one CSV file into typed columns, streaming: each chunk of the file's bytes
 * (decompressed first when the file is gzip, gzip.ts) is cut into rows here (or by
 * papaparse, from the first quote or carriage return on), which go straight into the column
 * builders; no array of rows is ever kept.
 */
import { createReadStream } from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { InputError } from '../inputError';
import type { FixedKind } from './columnBuilder';
import { detectDelimiter } from './delimiter';
import { notAFile } from './fileKind';
import { decompressedStream, gzipDamage, gzipError, gzipFacts, isGzipError, notGzipError } from './gzip';
import { lookAlikeNames } from './header';
import { firstInvalidUtf8, ReplacementWatch, type InvalidUtf8 } from './invalidUtf8';
import type { RowSample } from './rowSample';
import type { Table } from './table';
import { TableBuilder } from './tableBuilder';
import type { DecimalSeparator } from './numberParsing';

export interface ReadTableOptions {
  /** The path as the user wrote it, for messages and `Table.path`. */
  displayPath: string;
  /** Kinds fixed before reading; a column not listed gets its kind from its cells. */
  kinds: Map<string, FixedKind>;
  /** Columns the file must have. */
  requiredColumns: string[];
  /** Keep a uniform random sample of `sample.maxRows` rows when the file has more; the others are not converted. */
  sample?: RowSample;
  /** With `sample`: sketch every row as well (TableOptions.stream). */
  stream?: boolean;
  /** TableOptions.decimal. */
  decimal?: DecimalSeparator;
  signal?: AbortSignal;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Cut the file's chunks again into pieces of this many bytes (tests: a boundary anywhere); the first MiB is taken whole all the same. */
  chunkBytes?: number;
  /**
   * The file must be gzip-compressed (format `csv.gz`). Without it, a file that starts as
   * gzip does is decompressed all the same: a plain CSV never starts so, and only its name
   * is wrong.
   */
  gzip?: boolean;
}

/**
 * Large enough that the delimiter is detected from a whole header line, and that a quoted
 * field spanning chunks is re-parsed only a few times: papaparse starts each chunk over at
 * the row the previous chunk left unfinished.
 */
const CHUNK_BYTES = 1 << 20;

/** What the file's start (its delimiter, its decimal separator) is decided from: one chunk, at least. */
const FIRST_CHUNK_BYTES = CHUNK_BYTES;

/**
 * A row not finished after 16 MiB (16 chunks) stops the read: it is surely a quote never
 * closed, and papaparse would re-parse the growing row with every chunk to the end of the
 * file.
 */
const MAX_ROW_BYTES = 16 * CHUNK_BYTES;

const BYTE_ORDER_MARK = 0xfeff;
const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const NO_BYTES: Buffer = Buffer.alloc(0);

/**
 * Reads the CSV at `path`, plain or gzip-compressed: UTF-8 with or without a byte order
 * mark, LF or CRLF, delimiter `,` `;` or tab detected from the header line, blank lines
 * skipped. Throws an InputError naming `displayPath` (and the line and column where there
 * is one) for bad input, and the abort reason when `signal` aborts.
 */
export async function readTable(path: string, options: ReadTableOptions): Promise<Table> {
  const { displayPath: file, signal } = options;
  signal?.throwIfAborted();
  const bytes = await fileSize(path, file);
  const compression = await gzipFacts(path, bytes).catch((error: unknown) => {
    throw unreadable(file, error);
  });
  if (options.gzip && !compression.gzip) throw notGzipError(file);
  signal?.throwIfAborted();
  const table = new TableBuilder({
    file,
    // Decompressed: the row estimate divides it by the bytes of the first rows.
    bytes: compression.decodedBytes,
    kinds: options.kinds,
    requiredColumns: options.requiredColumns,
    sample: options.sample,
    stream: options.stream,
    decimal: options.decimal,
  });
  let replaced = false;
  try {
    await parseFile(path, bytes, compression.gzip, table, options, () => (replaced = true));
  } catch (error) {
    // Invalid UTF-8 in the header is the cause of what went wrong after it (two names made one by U+FFFD).
    if (replaced) await invalidHeader(path, file, compression.gzip);
    // Damage in a gzip stream can decompress to text that breaks a row before zlib finds it
    // (its checksum is at the end): the damage, when there is some, is the cause.
    const rowError = error instanceof InputError && (error.location.line ?? 0) > 1;
    const damage = compression.gzip && rowError && !signal?.aborted && (await gzipDamage(path));
    if (damage) throw gzipError(file, damage.error, damage.lines);
    throw error;
  }
  const invalid = replaced ? await invalidHeader(path, file, compression.gzip) : undefined;
  const read = table.finish();
  const notes = [
    ...(read.notes ?? []),
    ...(invalid ? [invalidCells(file, invalid)] : []),
    ...lookAlikeNames(read.header, file),
  ];
  return notes.length ? { ...read, notes } : read;
}

/** Throws when the file's header is not valid UTF-8; otherwise the first invalid UTF-8 in its data, if any. */
async function invalidHeader(path: string, file: string, gzip: boolean): Promise<InvalidUtf8 | undefined> {
  const invalid = await firstInvalidUtf8(path, { gzip });
  if (!invalid?.inHeader) return invalid;
  const { line, column, byte } = invalid;
  throw new InputError(
    `${file} line ${line}, column ${column}: the header is not valid UTF-8 (byte 0x${byte.toString(16)}); save the file as UTF-8.`,
    { file, line },
  );
}

/** Cells are read on, as the decoder gives them: the note names the first place. */
function invalidCells(file: string, { line, column, byte }: InvalidUtf8): string {
  return `${file} is not valid UTF-8 from line ${line}, column ${column} (byte 0x${byte.toString(16)}): invalid bytes there and after are read as U+FFFD; save the file as UTF-8.`;
}

/** The size of the file at `path`, which must be a regular file (a named pipe would block the read forever). */
async function fileSize(path: string, file: string): Promise<number> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw unreadable(file, error);
  }
  const what = notAFile(stats);
  if (what) throw new InputError(`${file} ${what}, not a CSV file.`, { file });
  return stats.size;
}

/**
 * Chunks without a double quote or a carriage return (most files, all through) are cut into
 * lines and cells here, as bytes, straight into the columns (TableBuilder.addByteLines):
 * no decoding but of the cells that become text, once per distinct text. From the first
 * chunk holding either, papaparse parses the rest of the file, decoded, as it parses all of
 * a file whose first chunk holds one. A gzip file is decompressed into the same chunks as the
 * plain file's, so that both are read alike; its progress is in the file's (compressed) bytes.
 */
function parseFile(
  path: string,
  bytes: number,
  gzip: boolean,
  table: TableBuilder,
  { displayPath: file, signal, onProgress, chunkBytes }: ReadTableOptions,
  onReplacement: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const compressed = gzip ? decompressedStream(path, CHUNK_BYTES) : undefined;
    const fileStream = compressed?.file ?? createReadStream(path, { highWaterMark: CHUNK_BYTES });
    const bytesStream: Readable = compressed?.decompressed ?? fileStream;
    const stream: Readable = chunkBytes === undefined ? bytesStream : bytesStream.pipe(cutInto(chunkBytes));
    const pieceBytes = chunkBytes ?? CHUNK_BYTES;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve();
      } else {
        fileStream.destroy();
        compressed?.decompressed.destroy();
        reject(error);
      }
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const maxChunksPerRow = Math.ceil(MAX_ROW_BYTES / pieceBytes);
    let chunksWithoutRow = 0;
    const countChunk = (rows: boolean) => {
      chunksWithoutRow = rows ? 0 : chunksWithoutRow + 1;
      if (chunksWithoutRow === maxChunksPerRow) throw table.runawayRowError(maxChunksPerRow * pieceBytes);
    };
    const papaparse = (input: NodeJS.ReadableStream, delimiter: string | undefined) =>
      Papa.parse<string[]>(input, {
        header: false,
        // Off: TableBuilder skips blank lines itself, so that it can count them.
        skipEmptyLines: false,
        // Detected from the first chunk, as papaparse detects the line break.
        ...(delimiter === undefined ? { delimiter: detectDelimiter } : { delimiter, newline: '\n' }),
        beforeFirstChunk: (chunk) => (chunk.charCodeAt(0) === BYTE_ORDER_MARK ? chunk.slice(1) : chunk),
        chunk: (results, parser) => {
          try {
            countChunk(results.data.length > 0);
            table.addChunk(results);
          } catch (error) {
            settle(error);
            parser.abort();
          }
        },
        complete: () => settle(),
        error: (error) => settle(unreadable(file, error)),
      });

    /** The rest of the file through papaparse, decoded, in the same chunks: `text` (decoded by `decoder`), `next`, then the stream's. */
    const handOver = (
      decoder: StringDecoder,
      text: string,
      delimiter: string | undefined,
      ended: boolean,
      next: Buffer,
    ) => {
      handedOver = true;
      stream.off('data', onChunk);
      stream.off('end', onEnd);
      const rest = new PassThrough({ encoding: 'utf8', decodeStrings: false, highWaterMark: CHUNK_BYTES });
      papaparse(rest, delimiter);
      rest.write(text);
      if (ended) {
        const last = decoder.end();
        if (last !== '') rest.write(last);
        rest.end();
        return;
      }
      const decode = new Transform({
        readableObjectMode: true,
        transform: (chunk: Buffer, _encoding, done) => done(null, decoder.write(chunk) || undefined),
        flush: (done) => done(null, decoder.end() || undefined),
      });
      if (next.length > 0) decode.write(next);
      stream.pipe(decode).pipe(rest);
    };

    let handedOver = false;
    let first = true;
    let delimiter = '';
    /** Until the first chunk is taken: the chunks read so far, and their bytes. */
    const fileStart: Buffer[] = [];
    let fileStartBytes = 0;
    /** The unfinished line the chunks taken so far ended with. */
    let line: Buffer = NO_BYTES;
    /** The next chunk of the file; `ended` at its end; `next`: bytes read after it, for a chunk of their own. */
    const take = (chunk: Buffer, ended: boolean, next = NO_BYTES) => {
      if (first) {
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
        const decoder = new StringDecoder('utf8');
        const text = decoder.write(chunk);
        table.start(text);
        if (chunk.includes(QUOTE) || chunk.includes(CARRIAGE_RETURN))
          return handOver(decoder, text, undefined, ended, next);
        delimiter = detectDelimiter(text);
        first = false;
      } else if (chunk.includes(QUOTE) || chunk.includes(CARRIAGE_RETURN)) {
        const decoder = new StringDecoder('utf8');
        const text = decoder.write(line.length ? Buffer.concat([line, chunk]) : chunk);
        return handOver(decoder, text, delimiter, ended, next);
      }
      const end = chunk.lastIndexOf(LINE_FEED) + 1;
      countChunk(end > 0);
      table.addByteLines(line, chunk, end, delimiter);
      // A copy: a view would keep the whole chunk alive.
      line = end > 0 ? Buffer.from(chunk.subarray(end)) : Buffer.concat([line, chunk]);
      if (ended && line.length > 0) table.addLastByteLine(line, delimiter);
      if (next.length > 0) take(next, false);
    };
    const onChunk = (chunk: string | Buffer) => {
      if (settled) return;
      try {
        // A Buffer: the stream does not decode.
        const piece = chunk as Buffer;
        if (!first) return take(piece, false);
        // The file's start (its delimiter, its decimal separator) is decided on a whole first chunk, however the stream cuts it.
        fileStart.push(piece);
        fileStartBytes += piece.length;
        // A file shorter than that is taken when its last byte arrives, before the progress it makes.
        // (A gzip file's size decompressed may be a lower bound: its start is taken at 1 MiB or at its end.)
        if (fileStartBytes < (gzip ? FIRST_CHUNK_BYTES : Math.min(FIRST_CHUNK_BYTES, bytes))) return;
        // Cut where a 1 MiB chunk of the file would end, and the rest as the next chunk.
        const start = joined(fileStart.splice(0));
        take(start.subarray(0, FIRST_CHUNK_BYTES), false, start.subarray(FIRST_CHUNK_BYTES));
      } catch (error) {
        settle(error);
      }
    };
    const onEnd = () => {
      try {
        if (first && fileStart.length > 0) take(joined(fileStart), true);
        else if (line.length > 0) table.addLastByteLine(line, delimiter);
        if (!handedOver) settle();
      } catch (error) {
        settle(error);
      }
    };
    // Before onChunk, which may hand the stream to papaparse; it sees every chunk either way.
    const watch = new ReplacementWatch();
    let replaced = false;
    const noteReplacement = (found: boolean) => {
      if (found && !replaced) {
        replaced = true;
        onReplacement();
      }
    };
    stream.on('data', (chunk) => noteReplacement(!replaced && watch.holdsReplacement(chunk as Buffer)));
    stream.on('end', () => noteReplacement(!replaced && watch.endHoldsReplacement()));
    stream.on('data', onChunk);
    stream.on('end', onEnd);
    fileStream.on('error', (error) => settle(unreadable(file, error)));
    compressed?.decompressed.on('error', (error: Error) =>
      settle(isGzipError(error) ? gzipError(file, error, compressed.linesDecompressed()) : unreadable(file, error)),
    );
    if (onProgress) {
      stream.on('data', () => {
        try {
          onProgress(fileStream.bytesRead, bytes);
        } catch (error) {
          settle(error);
        }
      });
    }
  });
}

/** The stream's chunks cut again into pieces of `bytes` bytes (for tests: where a chunk ends must not matter). */
function cutInto(bytes: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = 0; at < chunk.length; at += bytes) this.push(chunk.subarray(at, at + bytes));
      done();
    },
  });
}

/** The chunks as one Buffer, without a copy when there is one. */
function joined(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

function unreadable(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${file}: file not found.`, { file });
  return new InputError(`${file}: cannot read the file (${code ?? String(error)}).`, { file });
}
