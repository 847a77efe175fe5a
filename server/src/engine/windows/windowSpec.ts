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

export function parseWindowSpec(text: string): WindowSpec {
  const match = windowSpec.exec(text);
  if (!match) {
    throw new InputError(
      `'${text}' is not a window size: write 1 to 9999 followed by h (hours), d (days), w (weeks, Monday to Sunday) or mo (calendar months), ` +
        `as in 1h, 12h, 1d, 7d, 1w, 2w, 1mo, 3mo; or a number of rows, as in '5000 rows'.`,
    );
  }
  const [, calendarCount, suffix, rowCount] = match;
  return rowCount === undefined
    ? { unit: UNIT_OF_SUFFIX[suffix], count: Number(calendarCount) }
    : { unit: 'rows', count: Number(rowCount) };
}
