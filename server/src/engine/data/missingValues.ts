import { trimSpaces } from './cellText';

/**
 * Cells that mean "no value". A cell is missing when its text, with surrounding spaces and
 * tabs removed, is exactly one of these (case-sensitive). `NaN`/`nan` are missing values,
 * never numbers.
 */
export const MISSING_VALUE_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', 'None'];

const tokens = new Set(MISSING_VALUE_TOKENS);

export function isMissingValue(text: string): boolean {
  return text.length === 0 || tokens.has(trimSpaces(text));
}
