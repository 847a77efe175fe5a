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
  // A number is ASCII: the cell's character codes go through the byte parser, and any other character makes it text.
  if (scratch.length < to - from) scratch = new Uint8Array(Math.max(to - from, 2 * scratch.length));
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return NaN;
    scratch[i - from] = code;
  }
  return parseNumberBytes(scratch, 0, to - from, decimal);
}

/** The ASCII codes of the cell parseNumberIn is parsing. */
let scratch = new Uint8Array(64);

/**
 * parseNumber of the UTF-8 bytes `bytes[from, to)` (a cell of the file as read), without
 * decoding them: the same result for the same text, bit for bit.
 */
export function parseNumberBytes(bytes: Uint8Array, from: number, to: number, decimal: DecimalSeparator = '.'): number {
  let start = from;
  let end = to;
  while (start < end && isSpaceOrTab(bytes[start])) start++;
  while (end > start && isSpaceOrTab(bytes[end - 1])) end--;
  if (start === end) return NaN;

  let i = start;
  let code = bytes[i];
  const negative = code === MINUS;
  if (negative || code === PLUS) i++;
  const afterSign = i;

  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    const digit = bytes[i] - ZERO;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
  }
  if (i < end && bytes[i] === (decimal === '.' ? DOT : COMMA)) {
    for (i++; i < end; i++) {
      const digit = bytes[i] - ZERO;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0) return parseInfinity(bytes, afterSign, end, negative);

  let exponent = 0;
  if (i < end && ((code = bytes[i]) === LOWER_E || code === UPPER_E)) {
    i++;
    const exponentNegative = i < end && bytes[i] === MINUS;
    if (exponentNegative || (i < end && bytes[i] === PLUS)) i++;
    const exponentStart = i;
    for (; i < end; i++) {
      const digit = bytes[i] - ZERO;
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
  // Every byte of the literal is one of its ASCII characters (checked above).
  const literal = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  return Number(decimal === '.' ? literal : literal.replace(',', '.'));
}

/** `inf` or `infinity` in any letter case, in ASCII (a letter outside it lowercases to none of theirs). */
function parseInfinity(bytes: Uint8Array, from: number, end: number, negative: boolean): number {
  const length = end - from;
  if (length !== 3 && length !== 8) return NaN;
  for (let i = 0; i < length; i++) if ((bytes[from + i] | LOWER_CASE) !== INFINITY[i]) return NaN;
  return negative ? -Infinity : Infinity;
}

const ZERO = 48;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const LOWER_E = 101;
const UPPER_E = 69;
/** The bit that makes an ASCII capital letter small. */
const LOWER_CASE = 0x20;
const INFINITY = Array.from('infinity', (letter) => letter.charCodeAt(0));
/** 10^0 … 10^22, every one an exact double (parsed, since `10 ** n` is not guaranteed exact). */
const POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, n) => Number(`1e${n}`));
