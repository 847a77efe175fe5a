/**
 * Whether a cell holds a category, as the reader groups cells into categories: a text by its
 * exact spelling, a number by its value ('1.0' is the category '1').
 */
import { parseNumber } from '../data/numberParsing';

/** Whether a cell's text is `category`. */
export function categoryMatcher(category: string): (text: string) => boolean {
  const value = parseNumber(category);
  if (Number.isNaN(value)) return (text) => text === category;
  return (text) => text === category || parseNumber(text) === value;
}
