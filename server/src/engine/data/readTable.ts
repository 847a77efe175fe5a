/**
 * Reading one CSV file into typed columns, streaming: papaparse cuts each chunk of the file
 * into rows, which go straight into the column builders; no array of rows is ever kept.
 */
import { createReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { InputError } from '../inputError';
import type { FixedKind } from './columnBuilder';
import { detectDelimiter } from './delimiter';
import { notAFile } from './fileKind';
import { lookAlikeNames } from './header';
import { firstInvalidUtf8, type InvalidUtf8 } from './invalidUtf8';
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
}

/**
 * Large enough that the delimiter is detected from a whole header line, and that a quoted
 * field spanning chunks is re-parsed only a few times: papaparse starts each chunk over at
 * the row the previous chunk left unfinished.
 */
const CHUNK_BYTES = 1 << 20;

/**
 * A row not finished after this many chunks (16 MiB) stops the read: it is surely a quote
 * never closed, and papaparse would re-parse the growing row with every chunk to the end of
 * the file.
 */
const MAX_CHUNKS_PER_ROW = 16;

const BYTE_ORDER_MARK = 0xfeff;

/** What the decoder puts in place of invalid UTF-8. */
const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * Reads the CSV at `path`: UTF-8 with or without a byte order mark, LF or CRLF, delimiter
 * `,` `;` or tab detected from the header line, blank lines skipped. Throws an InputError
 * naming `displayPath` (and the line and column where there is one) for bad input, and the
 * abort reason when `signal` aborts.
 */
export async function readTable(path: string, options: ReadTableOptions): Promise<Table> {
  const { displayPath: file, signal } = options;
  signal?.throwIfAborted();
  const bytes = await fileSize(path, file);
  signal?.throwIfAborted();
  const table = new TableBuilder({
    file,
    bytes,
    kinds: options.kinds,
    requiredColumns: options.requiredColumns,
    sample: options.sample,
    stream: options.stream,
    decimal: options.decimal,
  });
  let replaced = false;
  try {
    await parseFile(path, bytes, table, options, () => (replaced = true));
  } catch (error) {
    // Invalid UTF-8 in the header is the cause of what went wrong after it (two names made one by U+FFFD).
    if (replaced) await invalidHeader(path, file);
    throw error;
  }
  const invalid = replaced ? await invalidHeader(path, file) : undefined;
  const read = table.finish();
  const notes = [
    ...(read.notes ?? []),
    ...(invalid ? [invalidCells(file, invalid)] : []),
    ...lookAlikeNames(read.header, file),
  ];
  return notes.length ? { ...read, notes } : read;
}

/** Throws when the file's header is not valid UTF-8; otherwise the first invalid UTF-8 in its data, if any. */
async function invalidHeader(path: string, file: string): Promise<InvalidUtf8 | undefined> {
  const invalid = await firstInvalidUtf8(path);
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
 * lines and cells here, straight into the columns (TableBuilder.addLines); papaparse then
 * would only split them, at a cost of an array per row and a string per cell. From the
 * first chunk holding either, papaparse parses the rest of the file, as it parses all of a
 * file whose first chunk holds one.
 */
function parseFile(
  path: string,
  bytes: number,
  table: TableBuilder,
  { displayPath: file, signal, onProgress }: ReadTableOptions,
  onReplacement: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Decoding in the stream keeps a character split between two chunks whole.
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, encoding: 'utf8' });
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve();
      } else {
        stream.destroy();
        reject(error);
      }
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    let chunksWithoutRow = 0;
    const countChunk = (rows: boolean) => {
      chunksWithoutRow = rows ? 0 : chunksWithoutRow + 1;
      if (chunksWithoutRow === MAX_CHUNKS_PER_ROW) throw table.runawayRowError(MAX_CHUNKS_PER_ROW * CHUNK_BYTES);
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

    let first = true;
    let delimiter = '';
    /** The unfinished line the last chunk ended with. */
    let pending = '';
    /** Characters before `pending`. */
    let consumed = 0;
    const onChunk = (chunk: string | Buffer) => {
      if (settled) return;
      try {
        // A string: the stream decodes.
        let text = pending + (chunk as string);
        if (first && text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
        if (first) table.start(text);
        if (text.includes('"') || text.includes('\r')) {
          stream.off('data', onChunk);
          stream.off('end', onEnd);
          // The rest through papaparse, in the same chunks: this one, then the stream's.
          const rest = new PassThrough({ encoding: 'utf8', decodeStrings: false, highWaterMark: CHUNK_BYTES });
          papaparse(rest, first ? undefined : delimiter);
          rest.write(text);
          stream.pipe(rest);
          return;
        }
        if (first) delimiter = detectDelimiter(text);
        first = false;
        const end = text.lastIndexOf('\n') + 1;
        countChunk(end > 0);
        table.addLines(text, end, consumed, delimiter);
        pending = text.slice(end);
        consumed += end;
      } catch (error) {
        settle(error);
      }
    };
    const onEnd = () => {
      try {
        if (pending !== '') table.addLastLine(pending, delimiter);
        settle();
      } catch (error) {
        settle(error);
      }
    };
    // Before onChunk, which may hand the stream to papaparse; it sees every chunk either way.
    let replaced = false;
    stream.on('data', (chunk) => {
      if (!replaced && (chunk as string).includes(REPLACEMENT_CHARACTER)) {
        replaced = true;
        onReplacement();
      }
    });
    stream.on('data', onChunk);
    stream.on('end', onEnd);
    stream.on('error', (error) => settle(unreadable(file, error)));
    if (onProgress) {
      stream.on('data', () => {
        try {
          onProgress(stream.bytesRead, bytes);
        } catch (error) {
          settle(error);
        }
      });
    }
  });
}

function unreadable(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${file}: file not found.`, { file });
  return new InputError(`${file}: cannot read the file (${code ?? String(error)}).`, { file });
}
