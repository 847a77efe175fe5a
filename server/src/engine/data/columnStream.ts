/**
 * What streaming keeps of one column over every row of a file, in memory that does not grow
 * with the rows: counts, exact moments and extremes, a KLL sketch of its numbers, and exact
 * counts of its texts (and of its numbers while they have few distinct values). The column
 * builders meanwhile hold only a sample of the rows; the drift tests read these instead.
 *
 * Each cell is read for itself, whatever kind the column ends up as, so that any kind the
 * two files are reconciled to (see columnPlan) can be served: as numbers, the numeric cells
 * (text counting as non-numeric); as categories, the texts plus the numbers by value,
 * labelled as first written, as ColumnBuilder makes categories of an undeclared column.
 */
import { KllSketch, type QuantileSketch } from '../stats/kll';
import { ABSENT, ByteTextTable } from './byteTextTable';
import { detachText, trimSpaces } from './cellText';
import { notANumberError, type FixedKind } from './columnBuilder';
import { isMissingValue } from './missingValues';
import { MAX_NUMBER_LABELS } from './numberLabels';
import { parseNumberBytes, parseNumberIn, type DecimalSeparator } from './numberParsing';

/** ColumnStreamBuilder.textOfBytes: the bytes are a missing value's. */
const MISSING = -1;

/** One column of a whole file, as streaming saw it. Plain data: it crosses worker threads. */
export interface ColumnStream {
  rows: number;
  missing: number;
  /** Non-missing cells that are not numbers (all of them in a column declared categorical). */
  nonNumeric: number;
  numbers: { count: number; mean: number; std: number; min: number; max: number; sketch: QuantileSketch };
  /**
   * Count per category, as ColumnBuilder would label them; undefined when the column has
   * more distinct numbers than were counted (then only the sample knows its categories).
   */
  categories: Map<string, number> | undefined;
}

export class ColumnStreamBuilder {
  private rows = 0;
  private missing = 0;
  private nonNumeric = 0;
  private readonly sketch: KllSketch;
  private count = 0;
  private mean = 0;
  /** Σ (x − mean)², updated as Welford's algorithm does. */
  private squares = 0;
  private min = Infinity;
  private max = -Infinity;
  /** Text → index into textCounts: one hash lookup per cell given as text. */
  private readonly texts = new Map<string, number>();
  private readonly textCounts: number[] = [];
  /** Cell bytes → index into textCounts, or MISSING: one per distinct bytes, decoded once. */
  private readonly textOfBytes = new ByteTextTable();
  /** What the last addText counted: an index into textCounts, or MISSING. */
  private lastText = MISSING;
  /** Count and first spelling per number, up to MAX_NUMBER_LABELS distinct ones; undefined past that. */
  private numberCounts: Map<number, { label: string; count: number }> | undefined = new Map();
  private readonly declaredCategorical: boolean;
  private readonly declaredNumerical: boolean;

  constructor(
    private readonly name: string,
    private readonly file: string,
    fixed: FixedKind | undefined,
    seed: number,
    private readonly decimal: DecimalSeparator = '.',
  ) {
    this.declaredCategorical = fixed?.declared === true && fixed.kind === 'categorical';
    this.declaredNumerical = fixed?.declared === true && fixed.kind === 'numerical';
    this.sketch = new KllSketch(undefined, seed);
  }

  /** The cell text.slice(start, end) on file line `line`. */
  add(text: string, start: number, end: number, line: number): void {
    this.rows++;
    const value = this.declaredCategorical ? NaN : parseNumberIn(text, start, end, this.decimal);
    if (Number.isNaN(value)) this.addText(text.slice(start, end), line);
    else if (this.addNumber(value)) this.labelNumber(value, text.slice(start, end));
  }

  /**
   * add(bytes.toString('utf8', start, end), …), decoding the cell only when it is a
   * number's first spelling or the first time its bytes appear as text.
   */
  addBytes(bytes: Buffer, start: number, end: number, line: number): void {
    this.rows++;
    const value = this.declaredCategorical ? NaN : parseNumberBytes(bytes, start, end, this.decimal);
    if (!Number.isNaN(value)) {
      if (this.addNumber(value)) this.labelNumber(value, bytes.toString('utf8', start, end));
      return;
    }
    let index = this.textOfBytes.get(bytes, start, end);
    if (index === ABSENT) {
      // Every time a cell is new, so that a text in a column declared numerical is reported.
      this.addText(bytes.toString('utf8', start, end), line);
      index = this.lastText;
      this.textOfBytes.setMissed(bytes, start, end, index);
      return;
    }
    if (index === MISSING) this.missing++;
    else {
      this.nonNumeric++;
      this.textCounts[index]++;
    }
  }

  /** Counts a number; true when it is one whose first spelling is to be kept (labelNumber). */
  private addNumber(value: number): boolean {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.squares += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sketch.update(value);
    const counts = this.numberCounts;
    if (counts === undefined) return false;
    const counted = counts.get(value);
    if (counted !== undefined) counted.count++;
    else if (counts.size === MAX_NUMBER_LABELS) this.numberCounts = undefined;
    else return true;
    return false;
  }

  private labelNumber(value: number, text: string): void {
    this.numberCounts?.set(value, { label: detachText(trimSpaces(text)), count: 1 });
  }

  finish(): ColumnStream {
    const { count } = this;
    const numbers = {
      count,
      mean: count ? this.mean : Number.NaN,
      std: count > 1 ? Math.sqrt(this.squares / (count - 1)) : Number.NaN,
      min: count ? this.min : Number.NaN,
      max: count ? this.max : Number.NaN,
      sketch: this.sketch.summary(),
    };
    return {
      rows: this.rows,
      missing: this.missing,
      nonNumeric: this.nonNumeric,
      numbers,
      categories: this.categoryCounts(),
    };
  }

  /** A cell that is not a number (in a column declared categorical, any cell), counted by its exact text as ColumnBuilder does. */
  private addText(text: string, line: number): void {
    if (isMissingValue(text)) {
      this.missing++;
      this.lastText = MISSING;
      return;
    }
    if (this.declaredNumerical) throw notANumberError(this.file, line, this.name, text);
    this.nonNumeric++;
    let index = this.texts.get(text);
    if (index !== undefined) this.textCounts[index]++;
    else this.texts.set(detachText(text), (index = this.textCounts.push(1) - 1));
    this.lastText = index;
  }

  /**
   * A cell of a typed file (Parquet) that is a number already: as add() of its spelling
   * `labelOf(value)`, without parsing it; NaN is a missing cell. The label is made only when
   * kept (a number's first spelling, or a text in a column declared categorical).
   */
  addTypedNumber(value: number, labelOf: (value: number) => string, line: number): void {
    this.rows++;
    if (Number.isNaN(value)) this.missing++;
    else if (this.declaredCategorical) this.addText(labelOf(value), line);
    else if (this.addNumber(value)) this.labelNumber(value, labelOf(value));
  }

  /** Numbers first, in order of first appearance among them, then texts. */
  private categoryCounts(): Map<string, number> | undefined {
    if (this.numberCounts === undefined) return undefined;
    const categories = new Map<string, number>();
    for (const { label, count } of this.numberCounts.values())
      categories.set(label, (categories.get(label) ?? 0) + count);
    for (const [text, index] of this.texts) categories.set(text, (categories.get(text) ?? 0) + this.textCounts[index]);
    return categories;
  }
}
