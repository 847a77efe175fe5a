import { describe, expect, it } from 'vitest';
import { parseTimestamps } from '../../../../src/engine/windows/timestamps';
import {
  floatText,
  instantText,
  TEXT_PARSERS,
  timeText,
  ValueReader,
} from '../../../../src/engine/data/parquet/parquetValues';

describe('instants as text', () => {
  it('keeps every digit of the unit, without trailing zeros', () => {
    expect(instantText(1_772_373_909_123_456_789n)).toBe('2026-03-01 14:05:09.123456789');
    expect(instantText(1_772_373_909_500_000_000n)).toBe('2026-03-01 14:05:09.5');
    expect(instantText(1_772_373_909_000_000_000n)).toBe('2026-03-01 14:05:09');
  });

  it('steps back a whole millisecond before 1970 (BigInt division truncates toward zero)', () => {
    expect(instantText(-1n)).toBe('1969-12-31 23:59:59.999999999');
    expect(instantText(-1_000_000n)).toBe('1969-12-31 23:59:59.999');
  });

  it('writes instants a Date cannot hold as text that columns.timestamp refuses', () => {
    expect(instantText(9_223_372_036_854_775_807n)).toBe('2262-04-11 23:47:16.854775807');
    expect(TEXT_PARSERS.timestampFromMicroseconds!(9_223_372_036_854_775_807n)).toBe(
      '9223372036854775807000 ns since 1970-01-01',
    );
    expect(TEXT_PARSERS.dateFromDays!(200_000_000)).toBe('200000000 days since 1970-01-01');
    expect(instantText(253_402_300_800_000_000_000n)).toBe('+010000-01-01 00:00:00');
  });

  it('reads INT96 (Impala, older Spark): hyparquet hands over its nanoseconds', () => {
    // Julian day 2461101 is 2026-03-01; hyparquet turns day and nanoseconds of the day into nanoseconds since 1970.
    const nanos = (2_461_101n - 2_440_588n) * 86_400_000_000_000n + 50_709_000_000_001n;
    expect(TEXT_PARSERS.timestampFromNanoseconds!(nanos)).toBe('2026-03-01 14:05:09.000000001');
  });

  it('every unit gives text that columns.timestamp reads as the same instant, in UTC', () => {
    const texts = [
      TEXT_PARSERS.timestampFromMilliseconds!(1_772_373_909_500n),
      TEXT_PARSERS.timestampFromMicroseconds!(1_772_373_909_500_000n),
      TEXT_PARSERS.timestampFromNanoseconds!(1_772_373_909_500_000_000n),
      TEXT_PARSERS.dateFromDays!(20_513),
    ];
    const column = {
      kind: 'categorical' as const,
      name: 't',
      codes: Int32Array.from([0, 1, 2, 3]),
      categories: texts,
      missing: 0,
      nonNumeric: 4,
      nonNumericLines: [],
    };
    const { times } = parseTimestamps(column, 'x.parquet');
    expect([...times]).toEqual([1_772_373_909_500, 1_772_373_909_500, 1_772_373_909_500, Date.UTC(2026, 2, 1)]);
  });
});

describe('other values as a CSV spells them', () => {
  it('32-bit floats: the shortest decimal that reads back as the float', () => {
    expect(floatText(Math.fround(0.1))).toBe('0.1');
    expect(floatText(Math.fround(-0.85475224))).toBe('-0.85475224');
    expect(floatText(Math.fround(16777217))).toBe('16777216');
    expect(floatText(Math.fround(3.4e38))).toBe('3.4e+38');
    expect(floatText(Infinity)).toBe('Infinity');
  });

  it('times of day in their unit', () => {
    expect(timeText(50_709_500, 'TIME(MILLIS)')).toBe('14:05:09.5');
    expect(timeText(50_709_000_001n, 'TIME(MICROS)')).toBe('14:05:09.000001');
    expect(timeText(0n, 'TIME(NANOS)')).toBe('00:00:00');
  });
});

describe('64-bit integers and decimals beyond 2^53', () => {
  it('counts the values a double rounds', () => {
    const ints = new ValueReader({ kind: 'numerical', type: 'INT64', values: 'number', int64: true });
    expect(ints.number(2n ** 53n)).toBe(2 ** 53);
    expect(ints.rounded).toBe(0);
    expect(ints.number(2n ** 53n + 1n)).toBe(2 ** 53);
    expect(ints.number(-(2n ** 60n) - 1n)).toBe(-(2 ** 60));
    expect(ints.rounded).toBe(2);
    // hyparquet has divided a DECIMAL's integer already: 10^12 at scale 5 was 10^17 unscaled.
    const decimals = new ValueReader({ kind: 'numerical', type: 'DECIMAL(30, 5)', values: 'number' });
    expect(decimals.number(123.45)).toBe(123.45);
    expect(decimals.rounded).toBe(0);
    decimals.number(1e12);
    expect(decimals.rounded).toBe(1);
    expect(decimals.label(1e12)).toBe('1000000000000.00000');
  });
});
