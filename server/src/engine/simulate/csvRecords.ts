/**
 * A CSV's bytes cut into records and fields, without decoding or copying them, so that the
 * simulator's writer copies every cell it does not change byte for byte (whatever its
 * quoting, spacing or encoding). Cut as papaparse cuts them for the project's reader: a
 * field starting with a double quote is quoted, `""` inside it stands for one quote, and
 * line breaks inside quotes belong to the field. Records end at the file's line break,
 * `\n`, `\r\n` or `\r`: the first one outside quotes.
 */

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** One record: field `i` is `bytes[starts[i], ends[i])`; `next` is just past its line break. */
export interface CsvRecord {
  bytes: Buffer;
  fields: number;
  starts: Int32Array;
  ends: Int32Array;
  next: number;
}

export class CsvRecords {
  /** The line break, once seen: LF, CR LF or CR. */
  private newline: 'lf' | 'crlf' | 'cr' | undefined;
  private record: CsvRecord = {
    bytes: Buffer.alloc(0),
    fields: 0,
    starts: new Int32Array(16),
    ends: new Int32Array(16),
    next: 0,
  };

  constructor(private readonly delimiter: number) {}

  /**
   * Calls `onRecord` for each whole record of `bytes` from `from` on, and returns where the
   * unfinished rest begins (to come again, with more bytes after it). With `last`, the
   * bytes are the end of the file, and the rest is a last record without a line break.
   */
  cut(bytes: Buffer, from: number, last: boolean, onRecord: (record: CsvRecord) => void): number {
    let start = from;
    while (start < bytes.length) {
      const next = this.scan(bytes, start, last);
      if (next < 0) break;
      onRecord(this.record);
      start = next;
    }
    return start;
  }

  /** Scans the record at `start` into this.record; returns its `next`, or -1 when the bytes end first. */
  private scan(bytes: Buffer, start: number, last: boolean): number {
    const record = this.record;
    record.bytes = bytes;
    record.fields = 0;
    const length = bytes.length;
    const delimiter = this.delimiter;
    let at = start;
    for (;;) {
      const fieldStart = at;
      if (at < length && bytes[at] === QUOTE) {
        at = closingQuote(bytes, at + 1, last);
        if (at < 0) return -1;
      }
      let lineBreak = 0;
      for (; at < length; at++) {
        const byte = bytes[at];
        if (byte === delimiter) break;
        if (byte === LINE_FEED || byte === CARRIAGE_RETURN) {
          lineBreak = this.lineBreakAt(bytes, at, last);
          if (lineBreak !== 0) break;
        }
      }
      if (lineBreak < 0) return -1;
      if (at === length && !last) return -1;
      this.addField(fieldStart, at);
      if (at < length && bytes[at] === delimiter) {
        at++;
        continue;
      }
      record.next = at + lineBreak;
      return record.next;
    }
  }

  /**
   * The length of the line break at `at` (a CR or LF byte): 0 when it is no line break of
   * this file (a lone LF in a CR LF file is text, as papaparse reads it), -1 when the bytes
   * end before that can be told.
   */
  private lineBreakAt(bytes: Buffer, at: number, last: boolean): number {
    const byte = bytes[at];
    const followedByLineFeed = at + 1 < bytes.length ? bytes[at + 1] === LINE_FEED : undefined;
    if (this.newline === undefined) {
      if (byte === LINE_FEED) this.newline = 'lf';
      else if (followedByLineFeed === undefined && !last) return -1;
      else this.newline = followedByLineFeed ? 'crlf' : 'cr';
    }
    switch (this.newline) {
      case 'lf':
        return byte === LINE_FEED ? 1 : 0;
      case 'cr':
        return byte === CARRIAGE_RETURN ? 1 : 0;
      case 'crlf':
        if (byte !== CARRIAGE_RETURN) return 0;
        if (followedByLineFeed === undefined) return last ? 0 : -1;
        return followedByLineFeed ? 2 : 0;
    }
  }

  private addField(start: number, end: number): void {
    const record = this.record;
    if (record.fields === record.starts.length) {
      const starts = new Int32Array(record.fields * 2);
      const ends = new Int32Array(record.fields * 2);
      starts.set(record.starts);
      ends.set(record.ends);
      record.starts = starts;
      record.ends = ends;
    }
    record.starts[record.fields] = start;
    record.ends[record.fields] = end;
    record.fields++;
  }
}

/**
 * Just past the quote that closes the field whose text starts at `at`; -1 when the bytes end
 * before it. At the end of the file, an unclosed field runs to the end (the reader has
 * reported it already).
 */
function closingQuote(bytes: Buffer, at: number, last: boolean): number {
  for (let i = at; ;) {
    const quote = bytes.indexOf(QUOTE, i);
    if (quote < 0) return last ? bytes.length : -1;
    if (quote + 1 === bytes.length) return last ? bytes.length : -1;
    if (bytes[quote + 1] !== QUOTE) return quote + 1;
    i = quote + 2;
  }
}

/** A field's text: unquoted, `""` read as `"`. */
export function fieldText(bytes: Buffer, start: number, end: number): string {
  if (start === end || bytes[start] !== QUOTE) return bytes.toString('utf8', start, end);
  const closing = bytes.lastIndexOf(QUOTE, end - 1);
  return bytes.toString('utf8', start + 1, closing > start ? closing : end).replaceAll('""', '"');
}

/** Whether the field was written in quotes. */
export function isQuoted(bytes: Buffer, start: number, end: number): boolean {
  return start < end && bytes[start] === QUOTE;
}
