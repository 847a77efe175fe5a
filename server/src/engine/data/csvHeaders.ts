/**
 * The header of a CSV and a guess at each column's kind, from the first chunk of the file
 * only (of its decompressed bytes, for a gzip file: only as much of it is decompressed), so
 * that the language server can check a config against files of any size on every
 * keystroke. The run itself reads whole files (data/readTable.ts); names here follow its
 * rules (BOM, delimiter, blank lines, `Unnamed: i`). The cache serves the columns a Parquet
 * file or a reference profile states too (schemaHeaders.ts), so every format is checked alike.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { countLineBreaks, detachText, trimSpaces } from './cellText';
import { detectDecimalSeparator } from './decimalSeparator';
import { detectDelimiter } from './delimiter';
import { notAFile } from './fileKind';
import { dataFormatOf, type DataFormat } from './dataFormat';
import { decompressedStream, gzipFault, isGzipError, NOT_GZIP, startsAsGzip } from './gzip';
import { firstInvalidUtf8 } from './invalidUtf8';
import { columnNames } from './header';
import { isMissingValue } from './missingValues';
import { parseNumber } from './numberParsing';
import { hasOwnSchema, readSchemaColumns, type FileSchema } from './schemaHeaders';

/** How much of a file is read: the header and enough rows to guess the column kinds. */
export const HEADER_CHUNK_BYTES = 64 * 1024;

/** 'timestamp' only from a file's schema (a Parquet timestamp or date). */
export type SampledKind = 'numerical' | 'categorical' | 'timestamp' | 'unknown';

export interface CsvHeader {
  /** Absolute. */
  path: string;
  columns: string[];
  /**
   * Character range [start, end) of each column name (inside the quotes if quoted), as
   * offsets into the file's text after any byte order mark: on the usual header on the
   * file's first line, its character positions on line 0.
   */
  ranges: [number, number][];
  delimiter: string;
  /** 'numerical' when every non-missing sampled value is a number, 'unknown' when there is none. */
  kinds: Map<string, SampledKind>;
  /** Distinct non-missing sampled values of each column, numbers by value (as the run merges `1` and `1.0`). */
  distinct: Map<string, number>;
  /** Each column's first sampled cell that is not a number, with its file line (1-based), for messages. */
  firstText: Map<string, { text: string; line: number }>;
  /** The complete data rows after the header within the chunk. */
  sampledRows: number;
  /** Bytes read from the file (decompressed, for a gzip file): at most HEADER_CHUNK_BYTES. */
  bytesRead: number;
  /**
   * Set when the columns come from the file's own schema (Parquet, a profile: schemaHeaders.ts)
   * rather than a header line: there are then no header cells (`ranges` is empty) and no sample.
   */
  schema?: FileSchema;
}

export type HeaderResult = { ok: true; header: CsvHeader } | { ok: false; error: string };

/** Headers by absolute path, each reused while its file's mtime and size stay the same. */
export class CsvHeaderCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; result: Promise<HeaderResult> }>();

  /**
   * One fs.stat per call; the file is read again only when it changed. A gzip file is
   * decompressed whatever its name, as the run does; with `format` (the config's, for its
   * checks), a `csv.gz` file that is not gzip is refused, as the run refuses it.
   */
  async get(file: string, format?: DataFormat): Promise<HeaderResult> {
    const absolute = path.resolve(file);
    const gzip = format === 'csv.gz';
    const schema = hasOwnSchema(absolute, format);
    // A file read by its schema under a `format:` its name does not say is a header of its own.
    const renamed = schema && format !== undefined && format !== dataFormatOf(absolute);
    const key = gzip ? `${absolute}${GZIP_KEY}` : renamed ? `${absolute}\0${format}` : absolute;
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch (error) {
      this.entries.delete(key);
      return { ok: false, error: unreadable(error) };
    }
    const what = notAFile(stats);
    if (what) return { ok: false, error: what };
    const cached = this.entries.get(key);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.result;
    // The promise is stored, so that calls while the file is being read share the one read.
    const result = schema ? readSchemaHeader(absolute, format) : readHeader(absolute, stats.size, gzip);
    this.entries.set(key, { mtimeMs: stats.mtimeMs, size: stats.size, result });
    return result;
  }

  invalidate(file: string): void {
    const absolute = path.resolve(file);
    this.entries.delete(absolute);
    this.entries.delete(`${absolute}${GZIP_KEY}`);
  }

  clear(): void {
    this.entries.clear();
  }
}

const BYTE_ORDER_MARK = 0xfeff;

/** Beside the path, the key of a header read where the file must be gzip. */
const GZIP_KEY = '\0gzip';

/** The error of a path where there is no file. */
export const FILE_NOT_FOUND = 'file not found';

/**
 * Reads the first chunk of the file at `file`, whose size is `size`, and cuts the header and
 * sample from it; `gzip`: the file must be gzip.
 */
async function readHeader(file: string, size: number, gzip: boolean): Promise<HeaderResult> {
  if (size === 0) return { ok: false, error: gzip ? NOT_GZIP : 'is an empty file' };
  let chunk: FirstChunk;
  try {
    chunk = await firstChunk(file, size);
  } catch (error) {
    return { ok: false, error: isGzipError(error) ? gzipFault(error) : unreadable(error) };
  }
  if (gzip && !chunk.gzip) return { ok: false, error: NOT_GZIP };
  const { bytes, truncated } = chunk;
  const bytesRead = bytes.length;
  if (bytesRead === 0) return { ok: false, error: 'is an empty file' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
  const result = parseChunk(file, text, truncated, bytesRead);
  // U+FFFD in a name: invalid UTF-8 put there by the decoder, or one written in the file.
  if (result.ok && result.header.columns.some((name) => name.includes('\ufffd'))) {
    const invalid = await firstInvalidUtf8(file, { bytes: bytesRead, gzip: chunk.gzip });
    if (invalid?.inHeader)
      return {
        ok: false,
        error: `has a header that is not valid UTF-8 (line ${invalid.line}, column ${invalid.column}, byte 0x${invalid.byte.toString(16)})`,
      };
  }
  return result;
}

/** The columns a Parquet file or a profile states, as a header without cells or sample. */
async function readSchemaHeader(file: string, format: DataFormat | undefined): Promise<HeaderResult> {
  const result = await readSchemaColumns(file, format);
  if (!result.ok) return result;
  const { columns, kinds, distinct, schema } = result.columns;
  const header = { path: file, columns, ranges: [], delimiter: '', kinds, distinct, firstText: new Map(), schema };
  return { ok: true, header: { ...header, sampledRows: 0, bytesRead: 0 } };
}

interface FirstChunk {
  /** The file's first HEADER_CHUNK_BYTES (decompressed), or all of it. */
  bytes: Buffer;
  /** The file goes on after them. */
  truncated: boolean;
  gzip: boolean;
}

async function firstChunk(file: string, size: number): Promise<FirstChunk> {
  const buffer = Buffer.alloc(Math.min(size, HEADER_CHUNK_BYTES));
  const handle = await fs.open(file, 'r');
  let bytesRead: number;
  try {
    ({ bytesRead } = await handle.read(buffer, 0, buffer.length, 0));
  } finally {
    await handle.close();
  }
  if (!startsAsGzip(buffer.subarray(0, bytesRead)))
    return { bytes: buffer.subarray(0, bytesRead), truncated: bytesRead < size, gzip: false };
  // Decompressed in pieces of the chunk's size, read from the file in small ones: only the first piece is needed.
  const { decompressed } = decompressedStream(file, HEADER_CHUNK_BYTES, 1 << 14);
  const pieces = decompressed[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const first = await pieces.next();
    const bytes = first.done ? Buffer.alloc(0) : first.value;
    // A file of exactly one chunk decompressed is taken as going on: its last row is left out, as a cut one would be.
    return { bytes, truncated: bytes.length === HEADER_CHUNK_BYTES, gzip: true };
  } finally {
    await pieces.return?.();
  }
}

/** `truncated`: the file goes on after `text`, so its last row may be cut short (even mid-character). */
function parseChunk(file: string, text: string, truncated: boolean, bytesRead: number): HeaderResult {
  const delimiter = detectDelimiter(text);
  // As the analysis reads the file when the config sets no `decimal`.
  const { decimal } = detectDecimalSeparator(text, delimiter);
  const rows = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false }).data;
  if (truncated) rows.pop();
  const headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex === -1)
    return {
      ok: false,
      error: truncated ? `has no header line within its first ${HEADER_CHUNK_BYTES / 1024} KiB` : 'is an empty file',
    };

  const columns = columnNames(rows[headerIndex]);
  const ranges = cellRanges(text, headerStart(text), delimiter, columns.length);
  // File lines counted as the run counts them (data/tableBuilder.ts): one per row plus the line breaks inside quoted cells.
  let line = 1;
  for (const cells of rows.slice(0, headerIndex + 1)) line += 1 + lineBreaks(cells);
  const sample = rows.slice(headerIndex + 1).flatMap((cells) => {
    const rowLine = line;
    line += 1 + lineBreaks(cells);
    return isBlank(cells) || cells.length !== columns.length ? [] : [{ cells, line: rowLine }];
  });

  const kinds = new Map<string, SampledKind>();
  const distinct = new Map<string, number>();
  const firstText = new Map<string, { text: string; line: number }>();
  columns.forEach((name, i) => {
    const values = new Set<number | string>();
    let texts = 0;
    for (const { cells, line: cellLine } of sample) {
      const cell = cells[i];
      if (isMissingValue(cell)) continue;
      const value = parseNumber(cell, decimal);
      values.add(Number.isNaN(value) ? cell : value);
      if (!Number.isNaN(value)) continue;
      if (texts++ === 0) firstText.set(name, { text: detachText(cell), line: cellLine });
    }
    kinds.set(name, texts > 0 ? 'categorical' : values.size > 0 ? 'numerical' : 'unknown');
    distinct.set(name, values.size);
  });
  return {
    ok: true,
    header: {
      path: file,
      columns,
      ranges,
      delimiter,
      kinds,
      distinct,
      firstText,
      sampledRows: sample.length,
      bytesRead,
    },
  };
}

/** Offset of the header line: after the blank lines (only spaces and tabs) before it. */
function headerStart(text: string): number {
  let start = 0;
  for (const match of text.matchAll(/[^\r\n]*(\r\n|\r|\n)/g)) {
    if (trimSpaces(match[0].slice(0, match[0].length - match[1].length)) !== '') break;
    start = match.index + match[0].length;
  }
  return start;
}

/**
 * The ranges of the first `count` cells of the line starting at `start`, with papaparse's
 * quoting: a cell is quoted when it starts with `"`, and `""` inside it is one quote.
 */
function cellRanges(text: string, start: number, delimiter: string, count: number): [number, number][] {
  const ranges: [number, number][] = [];
  let i = start;
  for (let cell = 0; cell < count; cell++) {
    if (text[i] === '"') {
      let end = i + 1;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      ranges.push([i + 1, end]);
      i = end + 1;
    } else {
      const end = cellEnd(text, i, delimiter);
      ranges.push([i, end]);
      i = end;
    }
    // Past anything after a closing quote, then past the delimiter.
    i = cellEnd(text, i, delimiter) + 1;
  }
  return ranges;
}

function cellEnd(text: string, from: number, delimiter: string): number {
  let i = from;
  while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function isBlank(cells: string[]): boolean {
  return cells.length === 1 && trimSpaces(cells[0]) === '';
}

function lineBreaks(cells: string[]): number {
  return cells.reduce((sum, cell) => sum + countLineBreaks(cell), 0);
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return FILE_NOT_FOUND;
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${code ?? String(error)})`;
}
