/**
 * The simulator's streaming writer: the input's bytes go to the output chunk by chunk, as
 * they are, but for the cells a change rewrites. The header, the row order, the line breaks,
 * a byte order mark and every other cell stay byte for byte; a rewritten cell is quoted when
 * it was, or when its new text needs it. A gzip input is decompressed on the way in and the
 * copy compressed on the way out: its decompressed bytes are what stays byte for byte.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { trimSpaces } from '../data/cellText';
import { detectDelimiter } from '../data/delimiter';
import { gzipError, isGzipError } from '../data/gzip';
import { columnNames } from '../data/header';
import { InputError } from '../inputError';
import type { CellChange } from './cellChanges';
import { CsvRecords, fieldText, isQuoted, type CsvRecord } from './csvRecords';

/** As the reader reads: large enough for a whole header line in the first chunk. */
const CHUNK_BYTES = 1 << 20;

/** Room for the rewritten cells of about a chunk at a time. */
const SCRATCH_BYTES = 1 << 16;

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ColumnChange {
  column: string;
  change: CellChange;
}

export interface CopyOptions {
  /** The input and output as the user named them, for messages. */
  inputShown: string;
  outputShown: string;
  /** In order; several may change one column, each the result of the one before. */
  changes: ColumnChange[];
  /** The first data row (1-based) the changes apply to. */
  fromRow: number;
  /** The input is gzip-compressed, and so is the copy. */
  gzip?: boolean;
  signal?: AbortSignal;
}

/**
 * Copies `input` to `output` with `changes` made; returns the cells each change rewrote.
 * Written to a temporary file beside `output`, renamed over it when complete: a failed run
 * leaves whatever `output` was.
 */
export async function writeCopy(input: string, output: string, options: CopyOptions): Promise<number[]> {
  const temporary = `${output}.${process.pid}.simulating`;
  const copy = new CopyWriter(options);
  try {
    const read = createReadStream(input, { highWaterMark: CHUNK_BYTES });
    const write = createWriteStream(temporary);
    const rewrite = copy.rewrite.bind(copy);
    const signal = { signal: options.signal };
    await (options.gzip
      ? pipeline(read, createGunzip(), rewrite, createGzip(), write, signal)
      : pipeline(read, rewrite, write, signal));
    await rename(temporary, output);
  } catch (error) {
    await rm(temporary, { force: true });
    throw fileError(error, temporary, options);
  }
  return copy.changed;
}

class CopyWriter {
  readonly changed: number[];
  private records: CsvRecords | undefined;
  private delimiter = ',';
  /** The columns to change, by position, once the header is read: each with its changes' indexes. */
  private targets: { index: number; changes: number[] }[] | undefined;
  /** Data rows so far. */
  private row = 0;
  /** In the bytes being cut: copied to the output up to here. */
  private copied = 0;
  private pieces: Buffer[] = [];
  /**
   * Rewritten cells are encoded here, from `scratchUsed` on, and copied out with the rest of
   * their chunk (output); so each chunk starts it over, and a full one is replaced.
   */
  private scratch = Buffer.alloc(0);
  private scratchUsed = 0;

  constructor(private readonly options: CopyOptions) {
    this.changed = options.changes.map(() => 0);
  }

  async *rewrite(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let pending: Buffer | undefined;
    for await (const chunk of chunks) {
      const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
      const from = this.records ? 0 : this.start(bytes);
      const end = this.cut(bytes, from, false);
      pending = bytes.subarray(end);
      yield this.output(bytes, end);
    }
    const rest = pending ?? Buffer.alloc(0);
    const from = this.records ? 0 : this.start(rest);
    yield this.output(rest, this.cut(rest, from, true));
  }

  /** The file's first bytes: past its byte order mark, and the delimiter its header line uses. */
  private start(bytes: Buffer): number {
    const from = bytes.subarray(0, 3).equals(BYTE_ORDER_MARK) ? 3 : 0;
    this.delimiter = detectDelimiter(bytes.toString('utf8', from));
    this.records = new CsvRecords(this.delimiter.charCodeAt(0));
    return from;
  }

  private cut(bytes: Buffer, from: number, last: boolean): number {
    this.copied = 0;
    this.pieces = [];
    this.scratchUsed = 0;
    return this.records!.cut(bytes, from, last, (record) => this.record(record));
  }

  /** The changed pieces of `bytes` before `end`, and the bytes up to `end` after the last of them. */
  private output(bytes: Buffer, end: number): Buffer {
    this.pieces.push(bytes.subarray(this.copied, end));
    return this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
  }

  private record(record: CsvRecord): void {
    const { bytes, starts, ends } = record;
    // Blank lines are no rows, as the reader skips them.
    if (record.fields === 1 && trimSpaces(fieldText(bytes, starts[0], ends[0])) === '') return;
    if (this.targets === undefined) return this.header(record);
    this.row++;
    if (this.row < this.options.fromRow) return;
    for (const { index, changes } of this.targets) {
      if (index >= record.fields) throw this.changedWhileReading();
      const [start, end] = [starts[index], ends[index]];
      const original = fieldText(bytes, start, end);
      let text = original;
      for (const i of changes) {
        const next = this.options.changes[i].change(text);
        if (next !== text) this.changed[i]++;
        text = next;
      }
      if (text === original) continue;
      // An empty cell alone on its line would make a blank line, which readers skip.
      if (record.fields === 1 && trimSpaces(text) === '') text = 'NA';
      this.pieces.push(
        bytes.subarray(this.copied, start),
        this.encoded(cellText(text, isQuoted(bytes, start, end), this.delimiter)),
      );
      this.copied = end;
    }
  }

  /** `text` as UTF-8, in a shared buffer: a Buffer per rewritten cell would keep the garbage collector busy. */
  private encoded(text: string): Buffer {
    if (this.scratch.length - this.scratchUsed < 3 * text.length) {
      this.scratch = Buffer.allocUnsafe(Math.max(SCRATCH_BYTES, 3 * text.length));
      this.scratchUsed = 0;
    }
    const start = this.scratchUsed;
    this.scratchUsed += this.scratch.write(text, start);
    return this.scratch.subarray(start, this.scratchUsed);
  }

  private header({ bytes, fields, starts, ends }: CsvRecord): void {
    const cells = Array.from({ length: fields }, (_, i) => fieldText(bytes, starts[i], ends[i]));
    const names = columnNames(cells);
    const targets = new Map<number, number[]>();
    this.options.changes.forEach(({ column }, i) => {
      const index = names.indexOf(column);
      if (index < 0) throw this.changedWhileReading();
      targets.set(index, [...(targets.get(index) ?? []), i]);
    });
    this.targets = [...targets].sort(([a], [b]) => a - b).map(([index, changes]) => ({ index, changes }));
  }

  /** The file read before (see columnFacts) had these columns on every row. */
  private changedWhileReading(): InputError {
    const file = this.options.inputShown;
    return new InputError(
      `${file} changed while being copied: ${this.targets ? `data row ${this.row} is short of columns` : 'its header lacks a column'} it had when read first; run again once it is written.`,
      { file },
    );
  }
}

/** A cell's text as written in the file: in quotes when it was, or when it holds a quote, a line break or the delimiter. */
function cellText(text: string, quoted: boolean, delimiter: string): string {
  const quote = quoted || text.includes('"') || text.includes('\n') || text.includes('\r') || text.includes(delimiter);
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A file system error as the user's problem with the file it concerns; others as they are. */
function fileError(error: unknown, temporary: string, { inputShown, outputShown }: CopyOptions): unknown {
  const { code, path } = error as NodeJS.ErrnoException;
  if (error instanceof InputError || code === undefined || code === 'ABORT_ERR') return error;
  // The reader read the whole input before: it changed since.
  if (isGzipError(error)) return gzipError(inputShown, error, 0);
  const writing = path === temporary || path === undefined;
  const file = writing ? outputShown : inputShown;
  return new InputError(`Cannot ${writing ? 'write' : 'read'} ${file} (${code}).`, { file });
}
