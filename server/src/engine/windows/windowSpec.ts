/** The size of a time window as written in the config: `1d`, `2w`, `3mo`, `5000 rows`. */
import { InputError } from '../inputError';

export type CalendarUnit = 'hour' | 'day' | 'week' | 'month';

export type WindowSpec = { unit: CalendarUnit; count: number } | { unit: 'rows'; count: number };

/**
 * Every accepted window size, for the parser and for the config's JSON Schema alike:
 * 1–9999 hours, days, weeks or months, or 1–999,999,999 rows. The limits keep every
 * window boundary within the years a JS Date can hold.
 */
export const WINDOW_SPEC_PATTERN = '^(?:([1-9][0-9]{0,3})(h|d|w|mo)|([1-9][0-9]{0,8}) rows)$';

const windowSpec = new RegExp(WINDOW_SPEC_PATTERN);

const UNIT_OF_SUFFIX: Record<string, CalendarUnit> = { h: 'hour', d: 'day', w: 'week', mo: 'month' };

/** Units people write that the grammar has not, and what to write instead. */
const UNIT_HINTS: [RegExp, string][] = [
  [/^\d+\s*(?:y|yr|years?)$/i, 'there is no year unit: write 12mo for a year'],
  [/^\d+\s*m$/, 'm is ambiguous: write mo for calendar months (there are no minute windows)'],
  [/^\d+\s*(?:min|minutes?|s|sec|seconds?)$/i, 'the shortest calendar window is 1h'],
  [/^\d+\s*rows?$/i, "write the count, one space and 'rows', as in '5000 rows'"],
];

/**
 * Why `text` is no window size and what is accepted, with examples: the one message the
 * config check (editor and CLI alike) and the parser give.
 */
export function notAWindowSize(text: string): string {
  const hint = UNIT_HINTS.find(([pattern]) => pattern.test(text.trim()))?.[1];
  return (
    `'${text}' is not a window size${hint ? ` (${hint})` : ''}: write 1 to 9999 followed by h (hours), d (days), w (weeks, Monday to Sunday) or mo (calendar months), ` +
    `as in 1h, 12h, 1d, 7d, 1w, 2w, 1mo, 3mo; or a number of rows, as in '5000 rows'.`
  );
}

export function parseWindowSpec(text: string): WindowSpec {
  const match = windowSpec.exec(text);
  if (!match) throw new InputError(notAWindowSize(text));
  const [, calendarCount, suffix, rowCount] = match;
  return rowCount === undefined
    ? { unit: UNIT_OF_SUFFIX[suffix], count: Number(calendarCount) }
    : { unit: 'rows', count: Number(rowCount) };
}
