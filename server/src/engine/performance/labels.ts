/**
 * Class labels of a truth or prediction column, as text both columns agree on, and the
 * positive label of a binary task.
 */
import { parseNumber } from '../data/numberParsing';
import { encodeNumbers } from '../data/numberLabels';
import { InputError } from '../inputError';
import type { Column } from '../data/column';

/** A column's class label per row: `codes[row]` indexes `labels`; -1 is missing. */
export interface ClassLabels {
  codes: Int32Array;
  /** Distinct labels in sklearn's order (see sortLabels). */
  labels: string[];
}

/** Truth and prediction on one label list; both codes are -1 in a row where either is missing. */
export interface PairedLabels {
  truth: Int32Array;
  predicted: Int32Array;
  /** The labels of the rows where both are present, in sklearn's order. */
  labels: string[];
}

/** Words compared without letter case: 'True', 'TRUE' and 'true' are the label 'true'. */
const CASE_FOLDED_WORDS = new Set(['true', 'false', 'yes', 'no']);

/**
 * The label of a cell's text, so that a truth and a prediction column written differently
 * agree: a number is `String(value)` ('1', '1.0', '01' and '1e0' are all '1'; number syntax
 * as in data/numberParsing.ts), true/false/yes/no in any letter case are lower case, and any
 * other text is trimmed with its case kept ('Cat' and 'cat' are two labels).
 */
export function normalizeLabel(text: string): string {
  const value = parseNumber(text);
  if (!Number.isNaN(value)) return String(value);
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  return CASE_FOLDED_WORDS.has(lower) ? lower : trimmed;
}

/**
 * The class label of each row of `column`. A numerical column's labels are its values as
 * `String(value)`, a categorical column's its categories through normalizeLabel; NaN (missing
 * or non-numeric) and missing categories are -1.
 */
export function classLabels(column: Column): ClassLabels {
  return column.kind === 'numerical' ? numberLabels(column.values) : textLabels(column.codes, column.categories);
}

/**
 * `classLabels` of both columns on one list: the labels of the rows where truth and
 * prediction are both present, as `sklearn.utils.multiclass.unique_labels(y_true, y_pred)`
 * gives them for those rows. Both columns must have the same number of rows.
 */
export function pairedLabels(truth: Column, predicted: Column): PairedLabels {
  const t = classLabels(truth);
  const p = classLabels(predicted);
  if (t.codes.length !== p.codes.length) throw new RangeError('truth and prediction must have the same number of rows');
  const truthUsed = new Uint8Array(t.labels.length);
  const predictedUsed = new Uint8Array(p.labels.length);
  for (let row = 0; row < t.codes.length; row++) {
    if (t.codes[row] < 0 || p.codes[row] < 0) continue;
    truthUsed[t.codes[row]] = 1;
    predictedUsed[p.codes[row]] = 1;
  }
  const labels = sortLabels([
    ...new Set([
      ...t.labels.filter((_, code) => truthUsed[code]),
      ...p.labels.filter((_, code) => predictedUsed[code]),
    ]),
  ]);
  const index = new Map(labels.map((label, code) => [label, code]));
  const truthCode = Int32Array.from(t.labels, (label) => index.get(label) ?? -1);
  const predictedCode = Int32Array.from(p.labels, (label) => index.get(label) ?? -1);
  const truthCodes = new Int32Array(t.codes.length);
  const predictedCodes = new Int32Array(t.codes.length);
  for (let row = 0; row < t.codes.length; row++) {
    const both = t.codes[row] >= 0 && p.codes[row] >= 0;
    truthCodes[row] = both ? truthCode[t.codes[row]] : -1;
    predictedCodes[row] = both ? predictedCode[p.codes[row]] : -1;
  }
  return { truth: truthCodes, predicted: predictedCodes, labels };
}

/**
 * Labels in the order of sklearn's `unique_labels` (`sorted(set(labels))`): by numeric value
 * when every label is a number, else by the code points of the text, as Python compares
 * strings. (sklearn refuses a mix of numbers and text; here numbers then sort as text.)
 */
export function sortLabels(labels: string[]): string[] {
  const values = labels.map((label) => parseNumber(label));
  if (values.every((value) => !Number.isNaN(value))) {
    return labels
      .map((label, i) => ({ label, value: values[i] }))
      .sort((a, b) => a.value - b.value)
      .map((entry) => entry.label);
  }
  return [...labels].sort(compareCodePoints);
}

/**
 * The positive label of a binary task (at most two labels, sorted), first rule that applies:
 * 1. `configured` (`performance.positive_class`, normalized like the data); an InputError if
 *    both labels occur and it is neither of them. With one label in the data it may be the
 *    absent one, which sklearn also accepts as `pos_label`.
 * 2. The first of '1', 'true', 'yes' among the labels.
 * 3. With '0', 'false' or 'no' the only label, its partner '1', 'true' or 'yes' (absent:
 *    every row is negative), so a window without positives keeps the same positive class.
 * 4. The last label in sorted order, as sklearn's default pos_label=1 is for 0/1 labels.
 */
export function positiveLabel(labels: string[], configured?: string): { label: string; reason: string } {
  if (labels.length === 0 || labels.length > 2)
    throw new RangeError(`positiveLabel needs 1 or 2 labels, not ${labels.length}`);
  if (configured !== undefined) {
    const label = normalizeLabel(configured);
    if (labels.includes(label)) return { label, reason: `set by performance.positive_class` };
    if (labels.length === 1)
      return { label, reason: `set by performance.positive_class; '${label}' does not occur in this data` };
    throw new InputError(
      `performance.positive_class '${configured}' is not one of the labels in the data: ${labels.map((l) => `'${l}'`).join(' and ')}.`,
    );
  }
  const conventional = POSITIVE_WORDS.find((word) => labels.includes(word));
  if (conventional !== undefined) {
    return {
      label: conventional,
      reason: `inferred: '${conventional}' is the first of '1', 'true', 'yes' among the labels`,
    };
  }
  const partner = labels.length === 1 ? PARTNER_OF_NEGATIVE.get(labels[0]) : undefined;
  if (partner !== undefined) {
    return {
      label: partner,
      reason: `inferred: '${labels[0]}' is the only label, so the positive label is the absent '${partner}'`,
    };
  }
  const last = labels[labels.length - 1];
  return {
    label: last,
    reason: `inferred: '${last}' is the last label in sorted order (set performance.positive_class to choose)`,
  };
}

const POSITIVE_WORDS = ['1', 'true', 'yes'];
const PARTNER_OF_NEGATIVE = new Map([
  ['0', '1'],
  ['false', 'true'],
  ['no', 'yes'],
]);

/** Numbers labelled by value (1, 1.0 and "1" are one label), whatever their spelling in the file. */
function numberLabels(values: Float64Array): ClassLabels {
  const { codes, categories } = encodeNumbers(values, values.length, undefined);
  return textLabels(codes, categories);
}

/** Labels of dictionary codes: each category normalized, equal labels merged, sorted. */
function textLabels(codes: Int32Array, categories: string[]): ClassLabels {
  const normalized = categories.map(normalizeLabel);
  const labels = sortLabels([...new Set(normalized)]);
  const index = new Map(labels.map((label, code) => [label, code]));
  const codeOfCategory = Int32Array.from(normalized, (label) => index.get(label)!);
  const result = new Int32Array(codes.length);
  for (let row = 0; row < codes.length; row++) result[row] = codes[row] < 0 ? -1 : codeOfCategory[codes[row]];
  return { codes: result, labels };
}

/**
 * Compares strings by code point, as Python does. JavaScript's `<` compares UTF-16 code
 * units, which puts characters above U+FFFF (surrogate pairs) before U+E000–U+FFFF; moving
 * the surrogates above that range restores code point order.
 */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
