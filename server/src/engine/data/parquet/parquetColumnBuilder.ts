/**
 * One Parquet column into the table, row group by row group: numbers straight into a
 * typed array, anything read as text (strings, booleans, timestamps, and numbers the other
 * file or the config makes categorical) through the CSV reader's ColumnBuilder, so that
 * categories, missing values and declared kinds work exactly as they do for a CSV. Every
 * row of a group goes into the column's stream when streaming; only the sampled rows into
 * the column.
 */
import type { DecodedArray } from 'hyparquet';
import { InputError } from '../../inputError';
import { quoteCell } from '../cellText';
import { ColumnBuilder, type FixedKind } from '../columnBuilder';
import { ColumnStreamBuilder, type ColumnStream } from '../columnStream';
import type { Column } from '../column';
import { isMissingValue } from '../missingValues';
import { emptyNumberLabels, noteLabel } from '../numberLabels';
import { parseNumber, type DecimalSeparator } from '../numberParsing';
import type { ParquetColumnType } from './parquetTypes';
import { ValueReader } from './parquetValues';

/** A text column keeps every distinct text apart, as a CSV column declared categorical does: the file says it is text ('007' is not '7'). */
const TEXT: FixedKind = { kind: 'categorical', declared: true };

export class ParquetColumnBuilder {
  private readonly values: ValueReader;
  /** Numbers kept as numbers; otherwise `texts` builds the column. */
  private readonly texts: ColumnBuilder | undefined;
  private readonly stream: ColumnStreamBuilder | undefined;
  private readonly declaredNumerical: boolean;
  private readonly decimal: DecimalSeparator;
  private numbers = new Float64Array(0);
  private rows = 0;
  private missing = 0;
  private readonly labels = emptyNumberLabels();
  private readonly labelOf = (value: number) => this.values.label(value);

  /**
   * `fixed`: the kind the config declares or the other file has (FixedKind); `stream`: the
   * column's ColumnStream seed (its 1-based position), when streaming; `decimal`: the
   * config's, for texts read as numbers.
   */
  constructor(
    readonly name: string,
    private readonly type: ParquetColumnType,
    private readonly file: string,
    fixed: FixedKind | undefined,
    { stream, decimal = '.' }: { stream?: number; decimal?: DecimalSeparator },
  ) {
    this.values = new ValueReader(type);
    this.decimal = decimal;
    const numbers = type.kind === 'numerical';
    const kind = numbers ? fixed : (fixed ?? TEXT);
    if (!numbers || fixed?.kind === 'categorical') this.texts = new ColumnBuilder(name, file, kind, decimal);
    if (stream !== undefined) this.stream = new ColumnStreamBuilder(name, file, kind, stream, decimal);
    this.declaredNumerical = !numbers && fixed?.declared === true && fixed.kind === 'numerical';
  }

  /** Values beyond ±2^53 rounded to the nearest double (see parquetValues.ts). */
  get rounded(): number {
    return this.values.rounded;
  }

  /** Makes room for `capacity` rows in all. */
  reserve(capacity: number): void {
    if (this.texts) this.texts.reserve(capacity);
    else if (this.numbers.length < capacity) {
      const larger = new Float64Array(capacity);
      larger.set(this.numbers.subarray(0, this.rows));
      this.numbers = larger;
    }
  }

  /**
   * A row group's decoded values, its first row being the file's row `firstRow` (1-based):
   * the rows `kept` (ascending indices into `data`), or all of them; every row to the stream.
   */
  addGroup(data: DecodedArray, kept: Int32Array | undefined, firstRow: number): void {
    const stream = this.stream;
    // Without a stream, rows left out of the sample are not converted.
    const count = stream || !kept ? data.length : kept.length;
    let next = 0;
    for (let n = 0; n < count; n++) {
      const i = stream || !kept ? n : kept[n];
      const row = firstRow + i;
      if (this.texts) {
        const text = this.values.text(data[i]);
        if (this.declaredNumerical) this.checkNumber(text, row);
        stream?.add(text, 0, text.length, row);
        if (kept && kept[next] !== i) continue;
        next++;
        this.texts.append(text, row);
      } else {
        const value = this.values.number(data[i]);
        stream?.addTypedNumber(value, this.labelOf, row);
        if (kept && kept[next] !== i) continue;
        next++;
        this.appendNumber(value);
      }
    }
  }

  private appendNumber(value: number): void {
    this.numbers[this.rows++] = value;
    if (Number.isNaN(value)) this.missing++;
    else if (this.labels.complete && !this.labels.texts.has(value)) noteLabel(this.labels, value, this.labelOf(value));
  }

  /** A text in a column the config declares numerical stops the run, naming the row. */
  private checkNumber(text: string, row: number): void {
    if (isMissingValue(text) || !Number.isNaN(parseNumber(text, this.decimal))) return;
    const { file, name: column } = this;
    throw new InputError(
      `${file} row ${row}, column '${column}': ${quoteCell(text)} is not a number, but the column is declared numerical (its Parquet type is ${this.type.type}).`,
      { file, column },
    );
  }

  finish(): Column {
    if (this.texts) return this.texts.finish();
    const values = this.numbers.length === this.rows ? this.numbers : this.numbers.slice(0, this.rows);
    const { name, missing, labels } = this;
    return { kind: 'numerical', name, values, missing, nonNumeric: 0, nonNumericLines: [], labels };
  }

  finishStream(): ColumnStream | undefined {
    return this.stream?.finish();
  }
}
