/**
 * Decoded Parquet values as the table holds them: numbers as doubles, everything else as
 * the text a CSV of the same data spells (DuckDB's spelling when it writes that type to
 * CSV), so that a Parquet file and its CSV give the same report.
 *
 * - Timestamps and dates become text, `YYYY-MM-DD HH:MM:SS[.fffffffff]` (the fraction
 *   without trailing zeros, none when whole) and `YYYY-MM-DD`, which `columns.timestamp`
 *   reads as ISO 8601 in UTC: an epoch number would not do, since one below 1e11 is read as
 *   seconds there and microseconds or nanoseconds would be read as milliseconds. A
 *   timestamp adjusted to UTC is written without an offset all the same: no offset means
 *   UTC there. The fraction keeps every digit the unit has (hyparquet's Date would keep
 *   milliseconds only).
 * - Booleans become `true` and `false`; times of day `HH:MM:SS[.fff]`.
 * - 32-bit floats become the shortest decimal that reads back as the same float (0.1, not
 *   0.10000000149011612), read as a double: the number a CSV of them holds.
 * - 64-bit integers (and DECIMALs held in them) are exact up to 2^53; beyond, a double holds
 *   the nearest of every other integer, every fourth beyond 2^54 and so on (a relative error
 *   below 2^-53, 1.1e-16). The reader counts such values and says so in a note.
 */
import type { ParquetParsers } from 'hyparquet';
import type { ParquetColumnType } from './parquetTypes';

const NANOS_PER_MILLI = 1_000_000n;
const DAY_MILLIS = 86_400_000;
/** The largest magnitude a Date holds, in milliseconds from 1970. */
const MAX_DATE_MILLIS = 8.64e15;
const UTF8 = new TextDecoder();

/** Instants written as text by hyparquet itself, as it decodes them (once per distinct value in a dictionary page). */
export const TEXT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis) => instantText(BigInt(millis) * NANOS_PER_MILLI),
  timestampFromMicroseconds: (micros) => instantText(BigInt(micros) * 1000n),
  timestampFromNanoseconds: (nanos) => instantText(BigInt(nanos)),
  dateFromDays: (days) => isoParts(days * DAY_MILLIS)?.date ?? `${days} days since 1970-01-01`,
  // The JSON's text, a category like any other.
  jsonFromBytes: (bytes) => bytes && UTF8.decode(bytes),
};

/** `YYYY-MM-DD HH:MM:SS[.fffffffff]` of nanoseconds since 1970-01-01 UTC. */
export function instantText(nanos: bigint): string {
  let millis = nanos / NANOS_PER_MILLI;
  let below = nanos % NANOS_PER_MILLI;
  // BigInt division truncates toward zero: before 1970, step back a millisecond.
  if (below < 0n) {
    millis -= 1n;
    below += NANOS_PER_MILLI;
  }
  const parts = isoParts(Number(millis));
  // Beyond what a Date holds: a text that columns.timestamp refuses, naming its row.
  if (parts === undefined) return `${nanos} ns since 1970-01-01`;
  const fraction = `${parts.milliseconds}${String(below).padStart(6, '0')}`.replace(/0+$/, '');
  return `${parts.date} ${parts.time}${fraction ? `.${fraction}` : ''}`;
}

/** Date, time of day and milliseconds of epoch milliseconds, in UTC (a year beyond 9999 with its sign, as ISO 8601 writes it); undefined beyond ±8.64e15 ms. */
function isoParts(millis: number): { date: string; time: string; milliseconds: string } | undefined {
  if (!(Math.abs(millis) <= MAX_DATE_MILLIS)) return undefined;
  const [date, time] = new Date(millis).toISOString().split('T');
  return { date, time: time.slice(0, 8), milliseconds: time.slice(9, 12) };
}

/** `HH:MM:SS[.fff…]` of a TIME value, which hyparquet leaves as the raw integer of its unit. */
export function timeText(value: number | bigint, type: string): string {
  const digits = type.includes('NANOS') ? 9 : type.includes('MICROS') ? 6 : 3;
  const perSecond = 10n ** BigInt(digits);
  const units = BigInt(value);
  const seconds = Number(units / perSecond);
  const fraction = String(units % perSecond)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  const clock = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return fraction ? `${clock}.${fraction}` : clock;
}

/** The shortest decimal that reads back as the 32-bit float `value`. */
export function floatText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Fewer digits than the shortest never read back; more always do: a binary search on the digits.
  let low = 1;
  let high = 9;
  while (low < high) {
    const digits = (low + high) >> 1;
    if (Math.fround(Number(value.toPrecision(digits))) === value) high = digits;
    else low = digits + 1;
  }
  return String(Number(value.toPrecision(low)));
}

/** Integers beyond this magnitude are not all held exactly by a double. */
export const EXACT_INTEGERS = 2n ** 53n;
const EXACT_DOUBLE_INTEGERS = 2 ** 53;

/** Turns one column's decoded values into numbers or texts, counting 64-bit integers rounded. */
export class ValueReader {
  /** Values beyond ±2^53 read so far, rounded to the nearest double. */
  rounded = 0;
  private readonly decimals: number | undefined;

  constructor(private readonly type: ParquetColumnType) {
    const scale = /^DECIMAL\(\S+, (\d+)\)$/.exec(type.type)?.[1];
    this.decimals = scale === undefined ? undefined : Number(scale);
  }

  /** The number of a decoded value of a numerical column; NaN for a null (and for NaN: missing, as in a CSV). */
  number(value: unknown): number {
    if (value === null || value === undefined) return NaN;
    if (typeof value === 'bigint') {
      if (value > EXACT_INTEGERS || value < -EXACT_INTEGERS) this.rounded++;
      return Number(value);
    }
    const number = value as number;
    if (this.type.values === 'float32') return Number(floatText(number));
    // hyparquet has divided the DECIMAL's integer already, rounded beyond 2^53.
    if (this.decimals !== undefined && Math.abs(number) * 10 ** this.decimals > EXACT_DOUBLE_INTEGERS) this.rounded++;
    return number;
  }

  /** How a CSV spells the number `value` read by number(): every digit of a DECIMAL's scale, else the shortest. */
  label(value: number): string {
    if (this.decimals !== undefined && Math.abs(value) < 1e21) return value.toFixed(this.decimals);
    return String(value);
  }

  /** The text of a decoded value, as a CSV spells it; '' (missing) for a null. */
  text(value: unknown): string {
    if (value === null || value === undefined) return '';
    switch (this.type.values) {
      case 'number':
        return typeof value === 'bigint' ? String(value) : this.label(value as number);
      case 'float32':
        return floatText(value as number);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'time':
        return timeText(value as number | bigint, this.type.type);
      default:
        // Texts, and instants written as text by TEXT_PARSERS.
        return value as string;
    }
  }
}
