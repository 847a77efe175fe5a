/**
 * Where a file stops being UTF-8. The reader decodes the cells it keeps as text, and the
 * decoder puts U+FFFD in place of every invalid byte, silently; so the reader only notes
 * that a chunk would decode to a U+FFFD (ReplacementWatch: one validation and one search
 * per chunk), and this scan, run then and only then, finds the first invalid byte in the
 * file's bytes (a U+FFFD written in the file is valid UTF-8), decompressed when it is gzip.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { decompressedStream, isGzipError } from './gzip';

export interface InvalidUtf8 {
  /** File line (1-based), counted at line feeds. */
  line: number;
  /** Character on that line (1-based), counting the valid text before the byte. */
  column: number;
  /** The first invalid byte. */
  byte: number;
  /** On the header line: the first line holding more than spaces, tabs and a byte order mark. */
  inHeader: boolean;
}

const CHUNK_BYTES = 1 << 20;
const LINE_FEED = 0x0a;
/** U+FFFD in UTF-8. */
const REPLACEMENT_CHARACTER = Buffer.from('\ufffd');

/**
 * Whether the chunks of a file, in order, decode to text holding a U+FFFD (an invalid byte,
 * or one written in the file) as a streaming decoder decodes them: a character cut by a
 * chunk boundary is decoded whole with the next chunk, and at the end of the file as U+FFFD.
 */
export class ReplacementWatch {
  /** The last bytes of the previous chunk: a character it cut. */
  private carry = Buffer.alloc(0);

  /** The next chunk of the file. */
  holdsReplacement(chunk: Buffer): boolean {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - incompleteTail(bytes);
    this.carry = Buffer.from(bytes.subarray(whole));
    const decoded = bytes.subarray(0, whole);
    return !isUtf8(decoded) || decoded.includes(REPLACEMENT_CHARACTER);
  }

  /** At the end of the file: a character left unfinished decodes as U+FFFD. */
  endHoldsReplacement(): boolean {
    return this.carry.length > 0;
  }
}

/**
 * The first invalid UTF-8 in the file at `path` (decompressed with `gzip`), or undefined
 * when it is all valid. With `bytes`, only the first that many bytes are looked at (the
 * editor's header chunk), and a character cut at their end is taken as going on after them.
 */
export async function firstInvalidUtf8(
  path: string,
  { bytes: limit, gzip = false }: { bytes?: number; gzip?: boolean } = {},
): Promise<InvalidUtf8 | undefined> {
  let offset = 0;
  let lines = 0;
  let lineStart = 0;
  let headerLine: number | undefined;
  /** The last bytes of the previous chunk: a character cut in two by the chunk boundary. */
  let carry = Buffer.alloc(0);
  /** The previous chunk, for the text before an invalid byte near a chunk's start. */
  let previous: Buffer = Buffer.alloc(0);
  try {
    for await (const read of fileBytes(path, gzip, limit)) {
      const chunk = limit === undefined || offset + read.length <= limit ? read : read.subarray(0, limit - offset);
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const start = offset - carry.length;
      const whole = bytes.length - incompleteTail(bytes);
      const invalid = isUtf8(bytes.subarray(0, whole)) ? undefined : firstInvalidIn(bytes.subarray(0, whole));
      const scanned = invalid ?? whole;
      headerLine ??= firstTextLine(bytes.subarray(0, scanned), lines);
      for (let i = bytes.indexOf(LINE_FEED); i !== -1 && i < scanned; i = bytes.indexOf(LINE_FEED, i + 1)) {
        lines++;
        lineStart = start + i + 1;
      }
      if (invalid !== undefined) {
        const recent = { bytes: Buffer.concat([previous, chunk]), start: offset - previous.length };
        return located(recent, start + invalid, bytes[invalid], lines, lineStart, headerLine);
      }
      carry = Buffer.from(bytes.subarray(whole));
      previous = chunk;
      offset += chunk.length;
      if (offset === limit) break;
    }
  } catch (error) {
    // A bad gzip stream is the reader's to report; what came before it was valid.
    if (!isGzipError(error)) throw error;
    return undefined;
  }
  // The file ends inside a character.
  if (carry.length && limit === undefined)
    return located(
      { bytes: previous, start: offset - previous.length },
      offset - carry.length,
      carry[0],
      lines,
      lineStart,
      headerLine,
    );
  return undefined;
}

/** The file's bytes (decompressed with `gzip`) in chunks of CHUNK_BYTES; a plain file only up to `limit`. */
function fileBytes(path: string, gzip: boolean, limit: number | undefined): AsyncIterable<Buffer> {
  if (!gzip)
    return createReadStream(path, {
      highWaterMark: CHUNK_BYTES,
      end: limit === undefined ? undefined : limit - 1,
    }) as AsyncIterable<Buffer>;
  // Only as much of the compressed file is read as the limit needs.
  const { decompressed } = decompressedStream(path, CHUNK_BYTES, limit === undefined ? CHUNK_BYTES : 1 << 14);
  return decompressed as Readable & AsyncIterable<Buffer>;
}

/**
 * The place of the invalid `byte` at file offset `at`, `recent` holding the file's bytes
 * from `recent.start` up to it.
 */
function located(
  recent: { bytes: Buffer; start: number },
  at: number,
  byte: number,
  lines: number,
  lineStart: number,
  headerLine: number | undefined,
): InvalidUtf8 {
  const line = lines + 1;
  // The line's text before the byte, valid UTF-8, for its length in characters (at most one chunk of it).
  const from = Math.max(lineStart, at - CHUNK_BYTES, recent.start);
  const before = recent.bytes.subarray(from - recent.start, at - recent.start);
  const column = [...before.toString('utf8').replace(/^\uFEFF/, '')].length + 1;
  return { line, column, byte, inHeader: headerLine === undefined || headerLine === line };
}

/** Bytes at the end of `bytes` that begin a character the next chunk may complete (0 to 3). */
export function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) return back < sequenceLength(b) ? back : 0;
  }
  return 0;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  return 2;
}

/** The offset of the first byte that does not start a valid character, per the WHATWG decoder (no overlongs, surrogates or code points above U+10FFFF). */
function firstInvalidIn(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** The file line (1-based) of the first byte other than space, tab, CR, LF or a byte order mark, or undefined when there is none in `bytes`. */
function firstTextLine(bytes: Buffer, linesBefore: number): number | undefined {
  let line = linesBefore + 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LINE_FEED) line++;
    else if (b === 0x20 || b === 0x09 || b === 0x0d) continue;
    else if (i === 0 && linesBefore === 0 && b === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i += 2;
    else return line;
  }
  return undefined;
}
