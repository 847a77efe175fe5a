import { isSpaceOrTab } from './cellText';

/** What separates a number's whole part from its fraction in a file: `15.46`, or `15,46` (see decimalSeparator.ts). */
export type DecimalSeparator = '.' | ',';

/**
 * Parses a cell as a number, or returns NaN when its text is not a number.
 *
 * A number is, after removing surrounding spaces and tabs: an optional sign, then either a
 * decimal literal (digits with an optional fraction, `1`, `1.`, `.5`, `-1.25`, with an
 * optional exponent `e`/`E` with optional sign: `1e5`, `2.5E-3`), or `inf`/`infinity` in any
 * letter case (`-inf`, `Infinity`). Nothing else: no hex, no thousands separators, no
 * `NaN` (that is a missing value, see missingValues.ts). With `decimal` ',' the fraction
 * follows a comma instead (`15,46`), and a point is not a number's.
 *
 * For a decimal literal the result is identical to `Number(text)`. Short literals are
 * computed directly from the digits, which is exact: a mantissa of at most 15 digits and a
 * power of ten of at most 22 are both exact doubles, so one multiplication or division
 * rounds correctly (Clinger's fast path). Longer ones go through `Number`.
 */
export function parseNumber(text: string, decimal: DecimalSeparator = '.'): number {
  return parseNumberIn(text, 0, text.length, decimal);
}

/** parseNumber(text.slice(from, to), decimal), without making the slice. */
export function parseNumberIn(text: string, from: number, to: number, decimal: DecimalSeparator = '.'): number {
  let start = from;
  let end = to;
  while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  if (start === end) return NaN;

  let i = start;
  let code = text.charCodeAt(i);
  const negative = code === MINUS;
  if (negative || code === PLUS) i++;
  const afterSign = i;

  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
  }
  if (i < end && text.charCodeAt(i) === (decimal === '.' ? DOT : COMMA)) {
    for (i++; i < end; i++) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0) return parseInfinity(text, afterSign, end, negative);

  let exponent = 0;
  if (i < end && ((code = text.charCodeAt(i)) === LOWER_E || code === UPPER_E)) {
    i++;
    const exponentNegative = i < end && text.charCodeAt(i) === MINUS;
    if (exponentNegative || (i < end && text.charCodeAt(i) === PLUS)) i++;
    const exponentStart = i;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      // Beyond this the value is 0 or Infinity anyway; `Number` below gets it right.
      if (exponent < 100_000) exponent = exponent * 10 + digit;
    }
    if (i === exponentStart) return NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;

  const power = exponent - fractionDigits;
  if (digits <= 15 && power >= -22 && power <= 22) {
    const value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
    return negative ? -value : value;
  }
  const literal = text.slice(start, end);
  return Number(decimal === '.' ? literal : literal.replace(',', '.'));
}

function parseInfinity(text: string, from: number, end: number, negative: boolean): number {
  const length = end - from;
  if (length !== 3 && length !== 8) return NaN;
  const word = text.slice(from, end).toLowerCase();
  if (word !== 'inf' && word !== 'infinity') return NaN;
  return negative ? -Infinity : Infinity;
}

const ZERO = 48;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const LOWER_E = 101;
const UPPER_E = 69;
/** 10^0 … 10^22, every one an exact double (parsed, since `10 ** n` is not guaranteed exact). */
const POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, n) => Number(`1e${n}`));
