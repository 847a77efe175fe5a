/**
 * A uniform random sample of a file's rows, chosen while reading it so that the rows left
 * out are never converted. Each data row is kept with one probability (a Bernoulli sample),
 * set from the rows the file is estimated to hold so as to keep somewhat more than
 * `maxRows`; at the end, `maxRows` of the kept rows are chosen uniformly. A Bernoulli
 * sample of a given size is a uniform sample of that size, and so is a uniform choice from
 * it. Rows stay in file order; the same seed and file give the same rows.
 */
import { mulberry32 } from '../stats/mulberry32.mjs';
import { MAX_NON_NUMERIC_LINES } from './columnBuilder';
import { parseNumber } from './numberParsing';
import { selectRows } from './selectRows';
import type { CategoricalColumn, Column } from './column';

export interface RowSample {
  /** Rows a table holds at most. */
  maxRows: number;
  /** The same seed and file give the same rows. */
  seed: number;
}

/**
 * Rows kept before the final choice, relative to `maxRows`: 10% more, so that enough are kept
 * even when the file holds some 15% fewer rows than estimated (the estimate is taken 5% high
 * on purpose, see TableBuilder), plus six standard deviations of the number a Bernoulli
 * sample keeps. A file whose first rows are much shorter than the rest can still leave fewer
 * than `maxRows`; the table then holds and counts the rows that were kept.
 */
const HEADROOM = 1.1;
const STANDARD_DEVIATIONS = 6;

export class RowSampler {
  private readonly random: () => number;
  /** The probability of keeping a row: all of them until the file's size is estimated. */
  private rate = 1;

  constructor(
    readonly maxRows: number,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** Sets the keep rate for a file estimated to hold `estimatedRows` rows; returns the rows it should keep. */
  expect(estimatedRows: number): number {
    const wanted = this.maxRows * HEADROOM + STANDARD_DEVIATIONS * Math.sqrt(this.maxRows);
    this.rate = Math.min(1, wanted / estimatedRows);
    return Math.ceil(estimatedRows * this.rate);
  }

  /** Whether the next data row of the file is kept. */
  keep(): boolean {
    return this.random() < this.rate;
  }

  /**
   * `maxRows` of the `kept` rows (more than `maxRows`), ascending, every choice equally
   * likely: Knuth's selection sampling (TAOCP vol. 2, 3.4.2, Algorithm S).
   */
  choose(kept: number): Int32Array {
    const chosen = new Int32Array(this.maxRows);
    for (let row = 0, n = 0; n < chosen.length; row++) {
      if ((kept - row) * this.random() < chosen.length - n) chosen[n++] = row;
    }
    return chosen;
  }
}

/**
 * `column` cut down to `rows` (ascending), as if the file held only those rows, `lines[row]`
 * being the file line of each row: selectRows, then the categories no kept row holds are
 * dropped (so that no empty category reaches the tests) and the lines of the first
 * non-numeric cells are found again among the kept rows. The counts are selectRows' (exact
 * but for a numerical column holding both missing and non-numeric cells, which only a kind
 * inferred from the reference gives; see FixedKind).
 */
export function sampledColumn(column: Column, rows: Int32Array, lines: Float64Array): Column {
  const subset = selectRows(column, rows);
  if (subset.kind === 'numerical') return subset;
  const { codes, categories } = withoutEmptyCategories(subset);
  const isText = categories.map((category) => Number.isNaN(parseNumber(category)));
  const nonNumericLines: number[] = [];
  for (let i = 0; i < codes.length && nonNumericLines.length < MAX_NON_NUMERIC_LINES; i++) {
    if (codes[i] >= 0 && isText[codes[i]]) nonNumericLines.push(lines[rows[i]]);
  }
  return { ...subset, codes, categories, nonNumericLines };
}

/** The categories some cell holds, numbered again in order of first appearance. */
function withoutEmptyCategories(column: CategoricalColumn): { codes: Int32Array; categories: string[] } {
  const newCodes = new Int32Array(column.categories.length).fill(-1);
  const categories: string[] = [];
  const codes = column.codes.map((code) => {
    if (code < 0) return code;
    if (newCodes[code] < 0) newCodes[code] = categories.push(column.categories[code]) - 1;
    return newCodes[code];
  });
  return { codes, categories };
}
