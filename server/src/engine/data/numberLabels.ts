import { detachText, trimSpaces } from './cellText';

/**
 * How many distinct values of a numerical column keep their first raw text. Beyond that a
 * value's label, should the column become categorical, is `String(value)` ('1.5' for a cell
 * written '1.50'). 64 is well above the 5 distinct values of the "numeric but categorical"
 * rule and small enough to cost nothing per column.
 */
export const MAX_NUMBER_LABELS = 64;

export function emptyNumberLabels(): NumberLabels {
  return { texts: new Map(), complete: true };
}

/**
 * Records `text` (without surrounding spaces and tabs) as the label of `value`, unless the
 * value has one or the labels are full.
 */
export function noteLabel(labels: NumberLabels, value: number, text: string): void {
  if (!labels.complete || labels.texts.has(value)) return;
  if (labels.texts.size === MAX_NUMBER_LABELS) labels.complete = false;
  else labels.texts.set(value, detachText(trimSpaces(text)));
}

export interface EncodedNumbers {
  /** One code per entry of `values` (entries past `count` are 0); NaN becomes -1. */
  codes: Int32Array;
  /** Labels in order of first appearance. */
  categories: string[];
  /** Label → code. */
  codeOfLabel: Map<string, number>;
  /** Value → code. */
  codeOfValue: Map<number, number>;
}

/** Dictionary-encodes the first `count` numbers of `values`, labelling each by `labels` or `String(value)`. */
export function encodeNumbers(values: Float64Array, count: number, labels: NumberLabels | undefined): EncodedNumbers {
  const codes = new Int32Array(values.length);
  const categories: string[] = [];
  const codeOfLabel = new Map<string, number>();
  const codeOfValue = new Map<number, number>();
  for (let row = 0; row < count; row++) {
    const value = values[row];
    if (Number.isNaN(value)) {
      codes[row] = -1;
      continue;
    }
    let code = codeOfValue.get(value);
    if (code === undefined) {
      const label = labels?.texts.get(value) ?? String(value);
      code = categories.length;
      categories.push(label);
      codeOfValue.set(value, code);
      codeOfLabel.set(label, code);
    }
    codes[row] = code;
  }
  return { codes, categories, codeOfLabel, codeOfValue };
}

/** First raw text per distinct value of a numerical column. */
export interface NumberLabels {
  texts: Map<number, string>;
  /** True when `texts` holds every distinct value of the column; false once it overflowed. */
  complete: boolean;
}
