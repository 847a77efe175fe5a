/** A timestamp column read as instants: epoch milliseconds, UTC. */
import { quoteCell, trimSpaces } from '../data/cellText';
import { parseNumber } from '../data/numberParsing';
import { InputError } from '../inputError';
import type { CategoricalColumn, Column, NumericalColumn } from '../data/column';

export type TimestampUnit = 'iso' | 'epoch-seconds' | 'epoch-milliseconds';

export interface Timestamps {
  /** Epoch milliseconds (UTC) per row; NaN where the cell is missing. */
  times: Float64Array;
  missing: number;
  /** How the column writes its timestamps. */
  unit: TimestampUnit;
}

/**
 * Epoch numbers of at least this magnitude are milliseconds, smaller ones seconds. 1e11
 * seconds is the year 5138 and 1e11 milliseconds is 1973-03-03, so any timestamp between
 * 1973 and 5138 is read right whichever unit it is written in.
 */
export const EPOCH_MILLISECONDS_FROM = 1e11;

/**
 * Epoch numbers must fall in the years 0001–9999, those ISO 8601 writes with four digits,
 * so that every window boundary after them is still a date JS can hold.
 */
const EARLIEST_EPOCH_TIME = Date.parse('0001-01-01T00:00:00Z');
const LATEST_EPOCH_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** Date, then optionally a time (`T` or a space, seconds and fraction optional) and a `Z` or ±hh:mm offset. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads a timestamp column, every row of it. Accepted, one form per column:
 *
 * - ISO 8601 text: a date (`2026-03-01`) or a date-time with `T` or a space between date
 *   and time, with or without seconds and a decimal fraction of them, and with a `Z`, a
 *   ±hh:mm offset or neither. **No offset means UTC**, not the local time zone of the
 *   machine, so that a report does not depend on where it runs. Years before 0100 are
 *   rejected: `Date.UTC` reads them as 1900–1999, and no monitored data is that old.
 * - Epoch numbers, seconds or milliseconds since 1970-01-01 UTC, the unit decided for the
 *   whole column by its largest magnitude (see EPOCH_MILLISECONDS_FROM), in the years
 *   0001–9999. A categorical column whose categories are all numbers counts as numbers.
 *
 * Missing cells become NaN and are counted. Anything else throws an InputError naming the
 * first row (1-based, among data rows) holding it.
 */
export function parseTimestamps(column: Column, file: string): Timestamps {
  return column.kind === 'numerical' ? parseEpochNumbers(column, file) : parseCategories(column, file);
}

function parseEpochNumbers(column: NumericalColumn, file: string): Timestamps {
  if (column.nonNumeric > 0) {
    // Read as numbers because the reference file holds numbers: the text of the cell is gone.
    const line = column.nonNumericLines[0];
    throw new InputError(`${file} line ${line}, column '${column.name}': the value is not a timestamp (${EXPECTED})`, {
      file,
      line,
      column: column.name,
    });
  }
  const { values } = column;
  const unit = epochUnit(values);
  const times = new Float64Array(values.length);
  let missing = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (Number.isNaN(value)) {
      times[row] = NaN;
      missing++;
      continue;
    }
    const time = epochTime(value, unit);
    if (Number.isNaN(time))
      throw notATimestamp(file, row, column.name, column.labels?.texts.get(value) ?? String(value));
    times[row] = time;
  }
  return { times, missing, unit };
}

/** Parses each distinct category once, then looks each row's code up. */
function parseCategories(column: CategoricalColumn, file: string): Timestamps {
  const texts = column.categories.map(trimSpaces);
  const { timeOfCode, unit } = categoryTimes(texts);
  const { codes } = column;
  const times = new Float64Array(codes.length);
  let missing = 0;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code < 0) {
      times[row] = NaN;
      missing++;
      continue;
    }
    const time = timeOfCode[code];
    if (Number.isNaN(time)) throw notATimestamp(file, row, column.name, texts[code]);
    times[row] = time;
  }
  return { times, missing, unit };
}

/** The time of each category (NaN where it is none): epoch numbers if all are numbers, else ISO text. */
function categoryTimes(texts: string[]): { timeOfCode: Float64Array; unit: TimestampUnit } {
  const allNumbers = texts.length > 0 && texts.every((text) => !Number.isNaN(parseNumber(text)));
  if (!allNumbers) {
    const parseIso = isoTimestampParser();
    const timeOfCode = new Float64Array(texts.length);
    for (let code = 0; code < texts.length; code++) timeOfCode[code] = parseIso(texts[code]);
    return { timeOfCode, unit: 'iso' };
  }
  const numbers = Float64Array.from(texts, (text) => parseNumber(text));
  const unit = epochUnit(numbers);
  return { timeOfCode: numbers.map((n) => epochTime(n, unit)), unit };
}

function epochUnit(numbers: Float64Array): TimestampUnit {
  let largest = 0;
  for (const n of numbers) if (Math.abs(n) > largest) largest = Math.abs(n);
  return largest >= EPOCH_MILLISECONDS_FROM ? 'epoch-milliseconds' : 'epoch-seconds';
}

/** Epoch milliseconds, or NaN outside the years 0001–9999 (and for infinities). */
function epochTime(value: number, unit: TimestampUnit): number {
  const time = unit === 'epoch-seconds' ? value * 1000 : value;
  return time >= EARLIEST_EPOCH_TIME && time <= LATEST_EPOCH_TIME ? time : NaN;
}

/**
 * A parser of ISO 8601 dates and date-times (as documented on parseTimestamps) to epoch
 * milliseconds, NaN for anything else. The pattern checks the shape; the calendar (month 13,
 * 30 February) is checked by building the date with Date.UTC and checking that year, month
 * and day come back, once per distinct date (a million date-times usually hold a few
 * hundred dates); hours, minutes and seconds just need to be in range (no leap seconds).
 */
function isoTimestampParser(): (text: string) => number {
  const dayStarts = new Map<string, number>();
  // Never a prefix of a text that reached the day lookup (ten characters, the first four digits).
  let lastDate = '?';
  let lastDayStart = NaN;
  return (text) => {
    let hour: number;
    let minute: number;
    let second: number;
    let offsetMinutes = 0;
    let fraction = 0;
    if (isPlainDateTime(text)) {
      hour = twoDigits(text, 11);
      minute = twoDigits(text, 14);
      second = text[16] === ':' ? twoDigits(text, 17) : 0;
    } else {
      const match = ISO_TIMESTAMP.exec(text);
      if (!match) return NaN;
      hour = Number(match[4] ?? 0);
      minute = Number(match[5] ?? 0);
      second = Number(match[6] ?? 0);
      const offset = match[8];
      if (offset !== undefined && offset !== 'Z') offsetMinutes = parseOffset(offset);
      fraction = fractionMilliseconds(match[7]);
    }
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    // Categories come in the order rows first hold them, so mostly day by day: the last day is looked up first.
    if (!text.startsWith(lastDate)) {
      lastDate = text.slice(0, 10);
      const known = dayStarts.get(lastDate);
      lastDayStart =
        known ?? calendarDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
      if (known === undefined) dayStarts.set(lastDate, lastDayStart);
    }
    return lastDayStart + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fraction;
  };
}

/**
 * `2026-03-01 14:05`, `2026-03-01T14:05:09` or either with a `Z`: the shapes most files
 * write, told by their characters, as the pattern would match them but several times
 * faster on a column of a hundred thousand distinct date-times. Any other text goes to the
 * pattern.
 */
function isPlainDateTime(text: string): boolean {
  const { length } = text;
  const withSeconds = length === 19 || (length === 20 && text[19] === 'Z');
  if (!withSeconds && length !== 16 && !(length === 17 && text[16] === 'Z')) return false;
  if (text[4] !== '-' || text[7] !== '-' || (text[10] !== ' ' && text[10] !== 'T') || text[13] !== ':') return false;
  if (withSeconds && text[16] !== ':') return false;
  for (let at = 0; at < (withSeconds ? 19 : 16); at++) {
    if (at === 4 || at === 7 || at === 10 || at === 13 || at === 16) continue;
    if (!isDigit(text.charCodeAt(at))) return false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by the two digits at `at`. */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/** Epoch milliseconds of the start of a day (month from 1), or NaN when there is no such day. */
function calendarDay(year: number, month: number, day: number): number {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  const roundTrips = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? time : NaN;
}

/** Milliseconds in the digits after a seconds' decimal point, parsed as one decimal (no float product). */
function fractionMilliseconds(digits: string | undefined): number {
  if (digits === undefined) return 0;
  return Number(`${digits.slice(0, 3).padEnd(3, '0')}.${digits.slice(3)}`);
}

/** Minutes east of UTC of a `±hh:mm` offset, or NaN for hours above 23 or minutes above 59. */
function parseOffset(offset: string): number {
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return NaN;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const EXPECTED = 'expected an ISO 8601 date or date-time, or epoch seconds/milliseconds';

function notATimestamp(file: string, row: number, column: string, text: string): InputError {
  return new InputError(
    `${file} row ${row + 1}, column '${column}': ${quoteCell(text)} is not a timestamp (${EXPECTED})`,
    { file, column },
  );
}
