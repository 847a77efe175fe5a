import { trimSpaces } from './cellText';

/**
 * Cells that mean "no value". A cell is missing when its text, with surrounding spaces and
 * tabs removed, is exactly one of these (case-sensitive). `NaN`/`nan` are missing values,
 * never numbers.
 */
export const MISSING_VALUE_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None'];

const tokens = new Set(MISSING_VALUE_TOKENS);
const LONGEST_TOKEN = Math.max(...MISSING_VALUE_TOKENS.map((token) => token.length));

export function isMissingValue(text: string): boolean {
  if (text.length === 0) return true;
  const trimmed = trimSpaces(text);
  // Most texts are longer than every token: no hash of them is taken.
  return trimmed.length <= LONGEST_TOKEN && tokens.has(trimmed);
}
