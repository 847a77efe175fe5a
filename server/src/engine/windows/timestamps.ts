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
  return (text) => {
    const match = ISO_TIMESTAMP.exec(text);
    if (!match) return NaN;
    const hour = Number(match[4] ?? 0);
    const minute = Number(match[5] ?? 0);
    const second = Number(match[6] ?? 0);
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    const offset = match[8];
    const offsetMinutes = offset === undefined || offset === 'Z' ? 0 : parseOffset(offset);
    const date = text.slice(0, 10);
    let dayStart = dayStarts.get(date);
    if (dayStart === undefined) {
      dayStart = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
      dayStarts.set(date, dayStart);
    }
    return dayStart + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fractionMilliseconds(match[7]);
  };
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
