import { InputError } from '../inputError';
import { countLineBreaks, detachText, quoteCell, trimSpaces } from './cellText';
import { isMissingValue } from './missingValues';
import { emptyNumberLabels, encodeNumbers, noteLabel } from './numberLabels';
import { ABSENT, ByteTextTable } from './byteTextTable';
import { parseNumber, parseNumberBytes, type DecimalSeparator } from './numberParsing';
import type { Column, ColumnKind } from './column';

/** A column kind fixed before reading: `declared` by the user's config, or else inferred from the reference file. */
export interface FixedKind {
  kind: ColumnKind;
  declared: boolean;
}

/** How many line numbers of non-numeric cells a column keeps for messages. */
export const MAX_NON_NUMERIC_LINES = 5;

const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * Builds one column cell by cell into a typed array. Without a fixed kind the column starts
 * numerical and turns categorical at its first text cell, so memory stays that of the typed
 * arrays (plus the categories) whatever the file holds.
 *
 * Categories of a column that is not declared categorical hold one category per number,
 * whatever its spelling ('1', '1.0', ' 1'), labelled by its first spelling without spaces:
 * the rows read while the column was numerical were merged by value, and the rows after it
 * turned categorical must be too, or the result would depend on the order of the rows. A
 * column declared categorical keeps every distinct text apart ('007' is not '7').
 */
export class ColumnBuilder {
  private numerical: boolean;
  private values: Float64Array = new Float64Array(0);
  private codes: Int32Array = new Int32Array(0);
  private rows = 0;
  private missing = 0;
  private nonNumeric = 0;
  private readonly nonNumericLines: number[] = [];
  private readonly labels = emptyNumberLabels();
  /** Cell text → category code, or -1 for the spellings of a missing value. */
  private codeOfText = new Map<string, number>();
  /**
   * Cell bytes → category code, once categorical: a text cell read as bytes is decoded the
   * first time its bytes appear. Its texts join codeOfText only when a cell given as text
   * needs them (syncTexts): until then the two hold different texts, since decoding is one
   * to one but for invalid UTF-8, which decodes to U+FFFD.
   */
  private codeOfBytes: ByteTextTable | undefined;
  /** Entries of codeOfBytes whose texts are in codeOfText. */
  private syncedBytes = 0;
  /** Number → category code, when categories merge numbers by value (see above). */
  private codeOfNumber: Map<number, number> | undefined;
  private categories: string[] = [];
  private categoryIsNumber: boolean[] = [];
  private categoryLineBreaks: number[] = [];

  constructor(
    readonly name: string,
    private readonly file: string,
    private readonly fixed: FixedKind | undefined,
    private readonly decimal: DecimalSeparator = '.',
  ) {
    this.numerical = fixed?.kind !== 'categorical';
    if (!fixed?.declared) this.codeOfNumber = new Map();
  }

  /** Makes room for `capacity` rows in all; the caller reserves before appending. */
  reserve(capacity: number): void {
    if (this.numerical) this.values = grown(this.values, capacity);
    else this.codes = grown(this.codes, capacity);
  }

  /** Appends the cell on file line `line`; returns the line breaks inside it. */
  append(text: string, line: number): number {
    if (!this.numerical) return this.appendCategory(text, line);
    const value = parseNumber(text, this.decimal);
    if (!Number.isNaN(value)) {
      this.values[this.rows++] = value;
      if (this.labels.complete) noteLabel(this.labels, value, text);
      return 0;
    }
    if (isMissingValue(text)) {
      this.values[this.rows++] = NaN;
      this.missing++;
      return 0;
    }
    return this.appendTextToNumbers(text, line);
  }

  /**
   * append(bytes.toString('utf8', start, end), line) for a cell of the file's bytes that
   * holds no line break, decoding it only when it is not a number of a numerical column (or
   * when a new number needs its label) and, in a categorical column, only the first time
   * its bytes appear.
   */
  appendBytes(bytes: Buffer, start: number, end: number, line: number): void {
    if (this.numerical) {
      const value = parseNumberBytes(bytes, start, end, this.decimal);
      if (!Number.isNaN(value)) {
        this.values[this.rows++] = value;
        if (this.labels.complete && !this.labels.texts.has(value))
          noteLabel(this.labels, value, bytes.toString('utf8', start, end));
        return;
      }
      const text = bytes.toString('utf8', start, end);
      if (this.fixed !== undefined || isMissingValue(text)) {
        this.append(text, line);
        return;
      }
      // A text: as appendTextToNumbers, then the cell is looked up by its bytes.
      this.becomeCategorical();
    }
    const codeOfBytes = (this.codeOfBytes ??= new ByteTextTable());
    let code = codeOfBytes.get(bytes, start, end);
    if (code === ABSENT) {
      const text = bytes.toString('utf8', start, end);
      // Other bytes may have decoded to this text only through U+FFFD.
      const known = text.includes(REPLACEMENT_CHARACTER) ? this.syncTexts().get(text) : undefined;
      code = known ?? this.addCategory(text, true);
      codeOfBytes.setMissed(bytes, start, end, code);
    }
    this.appendCode(code, line);
  }

  finish(): Column {
    const common = {
      name: this.name,
      missing: this.missing,
      nonNumeric: this.nonNumeric,
      nonNumericLines: this.nonNumericLines,
    };
    if (this.numerical) {
      return { kind: 'numerical', ...common, values: fitted(this.values, this.rows), labels: this.labels };
    }
    return { kind: 'categorical', ...common, codes: fitted(this.codes, this.rows), categories: this.categories };
  }

  private appendTextToNumbers(text: string, line: number): number {
    if (this.fixed === undefined) {
      this.becomeCategorical();
      return this.appendCategory(text, line);
    }
    if (this.fixed.declared) throw notANumberError(this.file, line, this.name, text);
    // Numerical in the reference file: keep it numerical; data quality reports the changed type.
    this.values[this.rows++] = NaN;
    this.noteNonNumeric(line);
    return countLineBreaks(text);
  }

  private appendCategory(text: string, line: number): number {
    return this.appendCode(this.syncTexts().get(text) ?? this.addCategory(text, false), line);
  }

  /** codeOfText, with the texts of every cell read as bytes. */
  private syncTexts(): Map<string, number> {
    const codeOfBytes = this.codeOfBytes;
    if (codeOfBytes !== undefined && this.syncedBytes < codeOfBytes.size) {
      for (; this.syncedBytes < codeOfBytes.size; this.syncedBytes++)
        this.codeOfText.set(codeOfBytes.keyText(this.syncedBytes), codeOfBytes.value(this.syncedBytes));
    }
    return this.codeOfText;
  }

  /** Appends the category `code` (-1: missing) of a cell on file line `line`; returns the line breaks inside the cell. */
  private appendCode(code: number, line: number): number {
    this.codes[this.rows++] = code;
    if (code < 0) {
      this.missing++;
      return 0;
    }
    if (!this.categoryIsNumber[code]) this.noteNonNumeric(line);
    return this.categoryLineBreaks[code];
  }

  /**
   * The code of a text seen for the first time, a new category unless it is missing or a
   * number already known by value. `decoded`: decoded from the file's bytes (a string of
   * its own, and known to codeOfBytes rather than codeOfText).
   */
  private addCategory(text: string, decoded: boolean): number {
    const key = decoded ? text : detachText(text);
    if (isMissingValue(text)) {
      if (!decoded) this.codeOfText.set(key, -1);
      return -1;
    }
    const value = parseNumber(text, this.decimal);
    const isNumber = !Number.isNaN(value);
    const byValue = isNumber ? this.codeOfNumber : undefined;
    let code = byValue?.get(value);
    if (code === undefined) {
      code = this.categories.length;
      this.categories.push(byValue ? detachText(trimSpaces(text)) : key);
      this.categoryIsNumber.push(isNumber);
      this.categoryLineBreaks.push(countLineBreaks(text));
      byValue?.set(value, code);
    }
    if (!decoded) this.codeOfText.set(key, code);
    return code;
  }

  private becomeCategorical(): void {
    const encoded = encodeNumbers(this.values, this.rows, this.labels);
    this.codes = encoded.codes;
    this.categories = encoded.categories;
    this.codeOfText = encoded.codeOfLabel;
    this.codeOfNumber = encoded.codeOfValue;
    this.categoryIsNumber = encoded.categories.map(() => true);
    this.categoryLineBreaks = encoded.categories.map(() => 0);
    this.values = new Float64Array(0);
    this.numerical = false;
  }

  private noteNonNumeric(line: number): void {
    this.nonNumeric++;
    if (this.nonNumericLines.length < MAX_NON_NUMERIC_LINES) this.nonNumericLines.push(line);
  }
}

/** A text cell in a column the config declares numerical: the run stops there. */
export function notANumberError(file: string, line: number, column: string, text: string): InputError {
  return new InputError(
    `${file} line ${line}, column '${column}': ${quoteCell(text)} is not a number, but the column is declared numerical.`,
    { file, line, column },
  );
}

function grown<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const larger = new (array.constructor as new (length: number) => T)(capacity);
  larger.set(array);
  return larger;
}

/**
 * The first `rows` entries. A view when the spare capacity is small (the row estimate was
 * close): a copy would hold the column twice for a moment, and every column of a wide file
 * copied at once doubles the reading's peak memory. A copy when the spare is large.
 */
function fitted<T extends Float64Array | Int32Array>(array: T, rows: number): T {
  if (array.length - rows <= rows / MAX_SPARE_SHARE) return array.subarray(0, rows) as T;
  return array.slice(0, rows) as T;
}

/** A column keeps at most 1/8 of its rows as spare capacity (the estimate adds 5%). */
const MAX_SPARE_SHARE = 8;
