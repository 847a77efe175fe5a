/**
 * Parsed rows → typed columns: the header, one ColumnBuilder per column, the file line of
 * every row, the errors about the file's shape, and the sample of rows when there is a limit.
 */
import type { ParseError, ParseResult } from 'papaparse';
import { InputError } from '../inputError';
import { countLineBreaks, trimSpaces } from './cellText';
import { ColumnBuilder, type FixedKind } from './columnBuilder';
import { ColumnStreamBuilder, type ColumnStream } from './columnStream';
import { decimalNote, detectDecimalSeparator } from './decimalSeparator';
import { detectDelimiter } from './delimiter';
import type { DecimalSeparator } from './numberParsing';
import { headerNames } from './header';
import { RowSampler, sampledColumn, type RowSample } from './rowSample';
import type { Table } from './table';
import type { Column } from './column';

export interface TableOptions {
  /** The file as named in messages. */
  file: string;
  /** The file's size (decompressed, for a gzip file), to estimate how many rows to make room for. */
  bytes: number;
  kinds: ReadonlyMap<string, FixedKind>;
  /** Columns the header must have. */
  requiredColumns: readonly string[];
  /** Keep a uniform random sample of the rows when there are more than `sample.maxRows`. */
  sample?: RowSample;
  /**
   * Streaming (with `sample`): every row, kept or not, also goes into a ColumnStream per
   * column, which the table carries when it holds a sample.
   */
  stream?: boolean;
  /** The config's `decimal`; without it, each file's is detected from its first lines. */
  decimal?: DecimalSeparator;
}

/** The least a column grows by, in rows, so that a file with few rows per chunk is not grown row by row. */
const MIN_CAPACITY = 1024;

const LINE_FEED = 10;
const NEW_LINE = Buffer.from('\n');

/**
 * Takes the rows papaparse cuts from each chunk of the file, in order.
 *
 * Line numbers: each row ends with one line break, plus those inside its quoted cells
 * (which the column builders count). Papaparse's `skipEmptyLines` must stay off, since rows
 * it skipped would be lines nobody counted; blank lines (nothing but spaces and tabs) are
 * skipped here instead, as pandas does.
 *
 * With a sample, every row is still checked for its shape and counted for line numbers,
 * but only the rows the sampler keeps go into the column builders.
 */
export class TableBuilder {
  /** The file line where the next row starts. */
  private line = 1;
  private header: string[] | undefined;
  private headerLine = 0;
  private columns: ColumnBuilder[] = [];
  private streams: ColumnStreamBuilder[] | undefined;
  /** Rows in the column builders. */
  private rows = 0;
  /** Data rows of the file so far, kept or not. */
  private fileRows = 0;
  private capacity = 0;
  /** Rows the column builders will hold, going by the length of the rows in the file's first chunk. */
  private estimatedRows = 0;
  private readonly sampler: RowSampler | undefined;
  /** With a sample: the file line of each row in the column builders. */
  private lines = new Float64Array(0);
  private decimal: DecimalSeparator;
  /** What the reader says of the decimal separator it detected, if anything. */
  private decimalNote: string | undefined;

  constructor(private readonly options: TableOptions) {
    if (options.sample) this.sampler = new RowSampler(options.sample.maxRows, options.sample.seed);
    this.decimal = options.decimal ?? '.';
  }

  /** The file lines read whole so far. */
  get linesRead(): number {
    return this.line - 1;
  }

  /** The file's first chunk, before any row of it is added: what is decided from the file's start. */
  start(text: string): void {
    if (this.options.decimal) return;
    const evidence = detectDecimalSeparator(text, detectDelimiter(text));
    this.decimal = evidence.decimal;
    this.decimalNote = decimalNote(this.options.file, evidence);
  }

  addChunk({ data, errors, meta }: ParseResult<string[]>): void {
    if (this.estimatedRows === 0 && data.length > 0 && meta.cursor > 0) {
      const inFile = Math.ceil(((this.options.bytes * data.length) / meta.cursor) * 1.05);
      this.estimatedRows = this.sampler ? this.sampler.expect(inFile) : inFile;
    }
    const problem = firstQuoteProblem(errors, data.length);
    for (let i = 0; i < data.length; i++) {
      if (i === problem?.row) throw this.quoteError(data[i], problem.code);
      this.addRow(data[i], meta.delimiter);
    }
  }

  /**
   * The lines of the file's bytes `pending` then `bytes` before `end` (just past a line
   * feed, or 0), `pending` being the start of an unfinished line and none of them holding a
   * double quote or a carriage return: what addChunk does with papaparse's rows of such a
   * chunk decoded (papaparse splits it at each line feed and each line at each delimiter),
   * without an array per row or a string per cell. Lines not of the header's shape, and the
   * header, are decoded and go through addRow, which skips them or reports them.
   */
  addByteLines(pending: Buffer, bytes: Buffer, end: number, delimiter: string): void {
    if (end === 0) return;
    if (this.estimatedRows === 0) {
      let rows = 0;
      for (let i = bytes.indexOf(LINE_FEED); i !== -1 && i < end; i = bytes.indexOf(LINE_FEED, i + 1)) rows++;
      // In characters, as papaparse's cursor counts the text before it.
      const characters = Buffer.concat([pending, bytes.subarray(0, end)]).toString('utf8').length;
      const inFile = Math.ceil(((this.options.bytes * rows) / characters) * 1.05);
      this.estimatedRows = this.sampler ? this.sampler.expect(inFile) : inFile;
    }
    let start = 0;
    if (pending.length > 0) {
      // The unfinished line, whole; the copy is of one line, not of the chunk.
      start = bytes.indexOf(LINE_FEED) + 1;
      this.addLinesIn(Buffer.concat([pending, bytes.subarray(0, start)]), 0, pending.length + start, delimiter);
    }
    this.addLinesIn(bytes, start, end, delimiter);
  }

  /** The lines of `bytes` from `start` (where a line starts) to `end` (just past a line feed), as addByteLines. */
  private addLinesIn(bytes: Buffer, start: number, end: number, delimiter: string): void {
    const separator = delimiter.charCodeAt(0);
    let count = this.columns.length;
    if (this.fieldEnds.length !== count) this.fieldEnds = new Int32Array(count);
    let ends = this.fieldEnds;
    let fields = 0;
    // Bytes above both the delimiter and the line feed (digits and letters, for `,` and tab) take one comparison.
    const highest = Math.max(separator, LINE_FEED);
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (byte > highest) continue;
      if (byte === separator) {
        if (fields < count) ends[fields] = i;
        fields++;
      } else if (byte === LINE_FEED) {
        if (fields === count - 1 && count > 1) {
          ends[fields] = i;
          this.addCells(bytes, start);
        } else {
          this.addRow(bytes.toString('utf8', start, i).split(delimiter), delimiter);
          // The header sets the columns.
          count = this.columns.length;
          if (ends.length !== count) ends = this.fieldEnds = new Int32Array(count);
        }
        start = i + 1;
        fields = 0;
      }
    }
  }

  /** The last line of a file that does not end with a line feed: as addByteLines. */
  addLastByteLine(bytes: Buffer, delimiter: string): void {
    this.addByteLines(bytes, NEW_LINE, 1, delimiter);
  }

  /** Where each cell of the row being added ends (addByteLines). */
  private fieldEnds = new Int32Array(0);

  /** The row starting at `bytes[start]` and cut at fieldEnds: a data row of the header's shape, on one line. */
  private addCells(bytes: Buffer, start: number): void {
    const { columns, fieldEnds: ends } = this;
    const count = columns.length;
    this.fileRows++;
    const line = this.line;
    if (this.streams) {
      let at = start;
      for (let i = 0; i < count; i++) {
        this.streams[i].addBytes(bytes, at, ends[i], line);
        at = ends[i] + 1;
      }
    }
    if (this.sampler && !this.sampler.keep()) {
      this.line++;
      return;
    }
    if (this.rows === this.capacity) this.grow();
    if (this.sampler) this.lines[this.rows] = line;
    let at = start;
    for (let i = 0; i < count; i++) {
      columns[i].appendBytes(bytes, at, ends[i], line);
      at = ends[i] + 1;
    }
    this.rows++;
    this.line = line + 1;
  }

  finish(): Table {
    const { file } = this.options;
    if (this.header === undefined)
      throw new InputError(`${file} is empty: a CSV needs a header line and data rows.`, { file });
    if (this.fileRows === 0)
      throw new InputError(`${file} has a header (line ${this.headerLine}) but no data rows.`, {
        file,
        line: this.headerLine,
      });
    const chosen = this.sampler && this.rows > this.sampler.maxRows ? this.sampler.choose(this.rows) : undefined;
    const columns = new Map<string, Column>();
    for (const builder of this.columns) {
      const column = builder.finish();
      columns.set(builder.name, chosen ? sampledColumn(column, chosen, this.lines) : column);
    }
    const rows = chosen?.length ?? this.rows;
    const notes = this.decimalNote ? { notes: [this.decimalNote] } : {};
    if (rows === this.fileRows) return { path: file, rows, header: this.header, columns, ...notes };
    // Only a sample is held: the streams, when there are some, stand for the whole file.
    const streams =
      this.streams &&
      new Map<string, ColumnStream>(this.streams.map((stream, i) => [this.columns[i].name, stream.finish()]));
    return {
      path: file,
      rows,
      header: this.header,
      columns,
      sampledFrom: this.fileRows,
      ...(streams && { streams }),
      ...notes,
    };
  }

  /** The row in progress has gone on for more than `bytes` without ending. */
  runawayRowError(bytes: number): InputError {
    const { file } = this.options;
    const size = `${Math.round(bytes / 2 ** 20)} MiB`;
    return new InputError(
      `${file} line ${this.line}: the row starting here runs on for more than ${size}; a quote in it is probably never closed.`,
      {
        file,
        line: this.line,
      },
    );
  }

  private addRow(cells: string[], delimiter: string): void {
    if (cells.length === 1 && this.isBlank(cells[0])) {
      this.line += 1 + countLineBreaks(cells[0]);
      return;
    }
    if (this.header === undefined) {
      this.addHeader(cells);
      return;
    }
    if (cells.length !== this.columns.length) throw this.raggedRowError(cells.length, delimiter);
    this.fileRows++;
    if (this.streams) {
      let line = this.line;
      for (let i = 0; i < cells.length; i++) {
        this.streams[i].add(cells[i], 0, cells[i].length, line);
        line += countLineBreaks(cells[i]);
      }
    }
    if (this.sampler && !this.sampler.keep()) {
      this.line += 1 + lineBreaksIn(cells);
      return;
    }
    if (this.rows === this.capacity) this.grow();
    const line = this.line;
    if (this.sampler) this.lines[this.rows] = line;
    let lineBreaks = 0;
    for (let i = 0; i < cells.length; i++) lineBreaks += this.columns[i].append(cells[i], line);
    this.rows++;
    this.line = line + 1 + lineBreaks;
  }

  /**
   * A row of one cell holding nothing but spaces and tabs; with more than one column, also
   * line breaks: a lone LF closing a CRLF file (an editor's final newline) arrives as such a cell.
   * A one-column file may hold a quoted line break as its value, so there it is text.
   */
  private isBlank(cell: string): boolean {
    if (trimSpaces(cell) === '') return true;
    return this.columns.length > 1 && /^[ \t\r\n]*$/.test(cell);
  }

  private addHeader(cells: string[]): void {
    const { file, kinds, requiredColumns } = this.options;
    this.header = headerNames(cells, requiredColumns, file, this.line);
    this.columns = this.header.map((name) => new ColumnBuilder(name, file, kinds.get(name), this.decimal));
    if (this.options.stream)
      this.streams = this.header.map(
        (name, i) => new ColumnStreamBuilder(name, file, kinds.get(name), i + 1, this.decimal),
      );
    this.headerLine = this.line;
    this.line += 1 + lineBreaksIn(cells);
  }

  /** Room for more rows: the estimate at first, then half as many again each time. */
  private grow(): void {
    this.capacity = Math.max(this.estimatedRows, Math.ceil(this.capacity * 1.5), this.rows + MIN_CAPACITY);
    for (const column of this.columns) column.reserve(this.capacity);
    if (this.sampler) {
      const lines = new Float64Array(this.capacity);
      lines.set(this.lines);
      this.lines = lines;
    }
  }

  private raggedRowError(fields: number, delimiter: string): InputError {
    const { file } = this.options;
    const expected = this.columns.length;
    const start = `${file} line ${this.line} has ${fields} field${fields === 1 ? '' : 's'}, but the header has ${expected}`;
    if (fields < expected) {
      const column = this.columns[fields].name;
      return new InputError(`${start}: no value for column '${column}'.`, { file, line: this.line, column });
    }
    return new InputError(`${start}; a value holding the delimiter ${delimiterName(delimiter)} must be quoted.`, {
      file,
      line: this.line,
    });
  }

  private quoteError(cells: string[], code: ParseError['code']): InputError {
    const { file } = this.options;
    if (code === 'InvalidQuotes') {
      return new InputError(
        `${file} line ${this.line}: a quoted field has text after its closing quote; inside a quoted field, write a quote as "".`,
        { file, line: this.line },
      );
    }
    // Papaparse puts the rest of the file in the unclosed field, the row's last; the fields
    // before it may span lines themselves.
    const index = cells.length - 1;
    let line = this.line;
    for (let i = 0; i < index; i++) line += countLineBreaks(cells[i]);
    const column = this.header?.[index];
    const where = column === undefined ? `line ${line}` : `line ${line}, column '${column}'`;
    return new InputError(`${file} ${where}: the quote that opens this field is never closed.`, { file, line, column });
  }
}

/**
 * The row of the first quoting error among the `rows` rows of a chunk, if any. Errors on a
 * row past those (the unfinished row at the end of a chunk) are found again with the next
 * chunk. On one row, text after a closing quote is reported before the unclosed quote it
 * leads to.
 */
function firstQuoteProblem(errors: ParseError[], rows: number): { row: number; code: ParseError['code'] } | undefined {
  let first: { row: number; code: ParseError['code'] } | undefined;
  for (const { type, code, row } of errors) {
    if (type !== 'Quotes' || row === undefined || row >= rows) continue;
    if (first === undefined || row < first.row || (row === first.row && code === 'InvalidQuotes'))
      first = { row, code };
  }
  return first;
}

function lineBreaksIn(cells: string[]): number {
  return cells.reduce((sum, cell) => sum + countLineBreaks(cell), 0);
}

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}
