import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import { splitIntoWindows, timeOrder, type TimeWindow } from '../../../src/engine/windows/split';
import type { WindowSpec } from '../../../src/engine/windows/windowSpec';

const at = (iso: string) => Date.parse(iso);
const times = (isos: (string | null)[]) => Float64Array.from(isos, (iso) => (iso === null ? NaN : at(iso)));

/** [label, start, end, rows] per window. */
function summary(windows: TimeWindow[]): [string, string, string, number[]][] {
  windows.forEach((window, i) => expect(window.index).toBe(i));
  return windows.map((window) => [window.label, window.start, window.end, Array.from(window.rows)]);
}

const split = (isos: (string | null)[], spec: WindowSpec) => summary(splitIntoWindows(times(isos), spec));

describe('splitIntoWindows by calendar (UTC)', () => {
  it('cuts days at midnight UTC, keeps empty days between data, and orders rows by time', () => {
    const windows = split(
      ['2026-03-03T10:00Z', '2026-03-01T05:00Z', '2026-03-01T23:59:59.999Z', null, '2026-03-03T00:00Z'],
      { unit: 'day', count: 1 },
    );
    expect(windows).toEqual([
      ['2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', [1, 2]],
      ['2026-03-02', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', []],
      ['2026-03-03', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z', [4, 0]],
    ]);
  });

  it('groups count days from the day of the earliest timestamp', () => {
    const windows = split(['2026-03-02T12:00Z', '2026-03-08T23:00Z', '2026-03-09T00:00Z', '2026-03-24T00:00Z'], {
      unit: 'day',
      count: 7,
    });
    expect(windows).toEqual([
      ['2026-03-02', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', [0, 1]],
      ['2026-03-09', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', [2]],
      ['2026-03-16', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z', []],
      ['2026-03-23', '2026-03-23T00:00:00.000Z', '2026-03-30T00:00:00.000Z', [3]],
    ]);
  });

  it('cuts hours at the hour and labels them with date and hour', () => {
    const windows = split(['2026-03-01T14:59:59Z', '2026-03-01T14:00Z', '2026-03-01T16:30Z'], {
      unit: 'hour',
      count: 1,
    });
    expect(windows).toEqual([
      ['2026-03-01 14:00', '2026-03-01T14:00:00.000Z', '2026-03-01T15:00:00.000Z', [1, 0]],
      ['2026-03-01 15:00', '2026-03-01T15:00:00.000Z', '2026-03-01T16:00:00.000Z', []],
      ['2026-03-01 16:00', '2026-03-01T16:00:00.000Z', '2026-03-01T17:00:00.000Z', [2]],
    ]);
  });

  it('groups 12 hours from the hour of the earliest timestamp, not from midnight', () => {
    const windows = split(['2026-03-01T15:30Z', '2026-03-02T02:59Z', '2026-03-02T03:00Z'], { unit: 'hour', count: 12 });
    expect(windows).toEqual([
      ['2026-03-01 15:00', '2026-03-01T15:00:00.000Z', '2026-03-02T03:00:00.000Z', [0, 1]],
      ['2026-03-02 03:00', '2026-03-02T03:00:00.000Z', '2026-03-02T15:00:00.000Z', [2]],
    ]);
  });

  it('starts ISO weeks on Monday 00:00 UTC', () => {
    // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
    const windows = split(['2026-03-02T00:00Z', '2026-03-01T23:59Z', '2026-03-16T08:00Z'], { unit: 'week', count: 1 });
    expect(windows).toEqual([
      ['2026-W09', '2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z', [1]],
      ['2026-W10', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', [0]],
      ['2026-W11', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', []],
      ['2026-W12', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z', [2]],
    ]);
  });

  it.each([
    ['2026-01-01T00:00Z', '2026-W01', '2025-12-29T00:00:00.000Z'],
    ['2025-12-29T00:00Z', '2026-W01', '2025-12-29T00:00:00.000Z'],
    ['2025-12-28T23:59Z', '2025-W52', '2025-12-22T00:00:00.000Z'],
    ['2027-01-01T00:00Z', '2026-W53', '2026-12-28T00:00:00.000Z'],
    ['2021-01-03T12:00Z', '2020-W53', '2020-12-28T00:00:00.000Z'],
    ['2024-12-30T00:00Z', '2025-W01', '2024-12-30T00:00:00.000Z'],
    ['1970-01-01T00:00Z', '1970-W01', '1969-12-29T00:00:00.000Z'],
  ])('puts %s in ISO week %s starting %s', (time, label, start) => {
    expect(split([time], { unit: 'week', count: 1 })).toEqual([
      [label, start, new Date(at(start) + 7 * 86_400_000).toISOString(), [0]],
    ]);
  });

  it('groups two weeks from the week of the earliest timestamp', () => {
    const windows = split(['2026-02-25T00:00Z', '2026-03-20T00:00Z'], { unit: 'week', count: 2 });
    expect(windows).toEqual([
      ['2026-W09', '2026-02-23T00:00:00.000Z', '2026-03-09T00:00:00.000Z', [0]],
      ['2026-W11', '2026-03-09T00:00:00.000Z', '2026-03-23T00:00:00.000Z', [1]],
    ]);
  });

  it('starts months on the 1st and keeps empty months between data', () => {
    const windows = split(['2026-04-15T00:00Z', '2026-01-31T23:59:59Z'], { unit: 'month', count: 1 });
    expect(windows).toEqual([
      ['2026-01', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', [1]],
      ['2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', []],
      ['2026-03', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', []],
      ['2026-04', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', [0]],
    ]);
    expect(split(['2024-02-29T12:00Z'], { unit: 'month', count: 1 })).toEqual([
      ['2024-02', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', [0]],
    ]);
  });

  it('groups three months from the month of the earliest timestamp, across a year end', () => {
    const windows = split(['2025-11-15T00:00Z', '2026-01-31T23:59Z', '2026-02-01T00:00Z'], { unit: 'month', count: 3 });
    expect(windows).toEqual([
      ['2025-11', '2025-11-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', [0, 1]],
      ['2026-02', '2026-02-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', [2]],
    ]);
  });

  it('handles the years 0001–0099, which Date.UTC would read as 19xx', () => {
    expect(split(['0050-03-10T00:00Z', '0050-01-15T00:00Z'], { unit: 'month', count: 1 })).toEqual([
      ['0050-01', '0050-01-01T00:00:00.000Z', '0050-02-01T00:00:00.000Z', [1]],
      ['0050-02', '0050-02-01T00:00:00.000Z', '0050-03-01T00:00:00.000Z', []],
      ['0050-03', '0050-03-01T00:00:00.000Z', '0050-04-01T00:00:00.000Z', [0]],
    ]);
  });

  it('puts a time just before 1970 with a fraction of a millisecond in the day before', () => {
    expect(summary(splitIntoWindows(new Float64Array([-0.5, 0]), { unit: 'day', count: 1 }))).toEqual([
      ['1969-12-31', '1969-12-31T00:00:00.000Z', '1970-01-01T00:00:00.000Z', [0]],
      ['1970-01-01', '1970-01-01T00:00:00.000Z', '1970-01-02T00:00:00.000Z', [1]],
    ]);
  });

  describe('in a time zone with daylight saving time', () => {
    const zone = process.env.TZ;
    afterEach(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it.each(['America/New_York', 'Europe/Berlin'])('still cuts 24 hours a day (%s)', (timeZone) => {
      process.env.TZ = timeZone;
      expect(new Date(at('2026-07-01T00:00Z')).getTimezoneOffset()).not.toBe(0);
      // 2026-03-07 to 2026-04-05: US clocks spring forward on 2026-03-08, European ones on 2026-03-29.
      const hourly = Float64Array.from({ length: 48 * 30 }, (_, i) => at('2026-03-07T00:00Z') + i * 30 * 60_000);
      const hours = splitIntoWindows(hourly, { unit: 'hour', count: 1 });
      expect(hours).toHaveLength(24 * 30);
      expect(hours.every((window) => window.rows.length === 2)).toBe(true);
      expect(hours[24 + 7].label).toBe('2026-03-08 07:00');
      const days = splitIntoWindows(hourly, { unit: 'day', count: 1 });
      expect(days.map((window) => window.rows.length)).toEqual(new Array(30).fill(48));
      expect(days.every((window) => Date.parse(window.end) - Date.parse(window.start) === 86_400_000)).toBe(true);
      expect(days[22].label).toBe('2026-03-29');
      expect(splitIntoWindows(hourly, { unit: 'week', count: 1 }).map((window) => window.label)).toEqual([
        '2026-W10',
        '2026-W11',
        '2026-W12',
        '2026-W13',
        '2026-W14',
      ]);
    });
  });

  it('refuses more than 10,000 windows, naming the span', () => {
    const far = times(['1970-01-01T00:00Z', '2026-03-01T00:00Z']);
    const hours = (at('2026-03-01T00:00Z') - at('1970-01-01T00:00Z')) / 3_600_000 + 1;
    expect(() => splitIntoWindows(far, { unit: 'hour', count: 1 })).toThrow(
      new InputError(
        `The timestamps run from 1970-01-01 00:00 to 2026-03-01 00:00: that is ${hours.toLocaleString('en-US')} windows of 1 hour, ` +
          'more than the 10,000 a trend can show. Choose longer windows, or look for stray timestamps far from the others.',
      ),
    );
    expect(splitIntoWindows(far, { unit: 'month', count: 1 })).toHaveLength(56 * 12 + 3);
  });
});

describe('splitIntoWindows by rows', () => {
  it('cuts runs of count rows in time order, the last one shorter; start and end are the first and last timestamps', () => {
    const windows = split(
      [
        '2026-03-05T00:00Z',
        '2026-03-01T00:00Z',
        null,
        '2026-03-03T00:00Z',
        '2026-03-02T00:00Z',
        '2026-03-04T00:00Z',
        '2026-03-01T00:00Z',
        '2026-03-06T00:00Z',
      ],
      { unit: 'rows', count: 3 },
    );
    expect(windows).toEqual([
      ['rows 1–3', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', [1, 6, 4]],
      ['rows 4–6', '2026-03-03T00:00:00.000Z', '2026-03-05T00:00:00.000Z', [3, 5, 0]],
      ['rows 7–7', '2026-03-06T00:00:00.000Z', '2026-03-06T00:00:00.000Z', [7]],
    ]);
  });

  it('makes one window when count exceeds the rows', () => {
    expect(split(['2026-03-02T00:00Z', '2026-03-01T00:00Z'], { unit: 'rows', count: 5000 })).toEqual([
      ['rows 1–2', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', [1, 0]],
    ]);
  });
});

describe('splitIntoWindows: order and missing timestamps', () => {
  /** Row indices with a time, sorted by time and then by row: the order expected. */
  function expectedOrder(values: Float64Array): number[] {
    const rows = Array.from(values.keys()).filter((row) => !Number.isNaN(values[row]));
    return rows.sort((a, b) => values[a] - values[b] || a - b);
  }

  it('keeps rows with equal times in file order, within and across windows', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const start = at('2026-03-01T00:00Z');
    // Few distinct times, so most rows tie; some missing.
    const values = Float64Array.from({ length: 20_000 }, () =>
      random() < 0.05 ? NaN : start + Math.floor(random() * 60) * 3_600_000,
    );
    const expected = expectedOrder(values);
    for (const spec of [
      { unit: 'hour', count: 1 },
      { unit: 'day', count: 1 },
      { unit: 'rows', count: 777 },
    ] as WindowSpec[]) {
      const windows = splitIntoWindows(values, spec);
      expect(windows.flatMap((window) => Array.from(window.rows))).toEqual(expected);
    }
  });

  it('sorts times that are already in order, in reverse, or all equal', () => {
    const ascending = Float64Array.from({ length: 1000 }, (_, i) => i * 1000);
    const descending = ascending.slice().reverse();
    const equal = new Float64Array(1000).fill(5);
    for (const values of [ascending, descending, equal]) {
      expect(splitIntoWindows(values, { unit: 'rows', count: 1000 })[0].rows).toEqual(
        Int32Array.from(expectedOrder(values)),
      );
    }
  });

  it('gives rows already in time order (ties and missing times among them) as the sort would, and sorts them when one row is out of order', () => {
    const start = at('2026-03-01T00:00Z');
    const inOrder = Float64Array.from({ length: 5000 }, (_, row) =>
      row % 97 === 3 ? NaN : start + Math.floor(row / 7) * 60_000,
    );
    const lastOutOfOrder = inOrder.slice();
    lastOutOfOrder[lastOutOfOrder.length - 1] = start;
    const everyRowTimed = inOrder.filter((time) => !Number.isNaN(time));
    for (const values of [inOrder, everyRowTimed, lastOutOfOrder]) {
      const { order, sorted } = timeOrder(values);
      const expected = expectedOrder(values);
      expect(Array.from(order)).toEqual(expected);
      expect(Array.from(sorted)).toEqual(expected.map((row) => values[row]));
    }
  });

  it('leaves out rows without a timestamp', () => {
    const windows = split([null, '2026-03-01T10:00Z', null, '2026-03-02T10:00Z', null], { unit: 'day', count: 1 });
    expect(windows.map(([, , , rows]) => rows)).toEqual([[1], [3]]);
  });

  it('makes no windows without timestamps', () => {
    expect(splitIntoWindows(new Float64Array(0), { unit: 'day', count: 1 })).toEqual([]);
    expect(splitIntoWindows(new Float64Array([NaN, NaN]), { unit: 'rows', count: 10 })).toEqual([]);
  });
});
