import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import { notAWindowSize, parseWindowSpec, WINDOW_SPEC_PATTERN } from '../../../src/engine/windows/windowSpec';

const valid: [string, ReturnType<typeof parseWindowSpec>][] = [
  ['1h', { unit: 'hour', count: 1 }],
  ['12h', { unit: 'hour', count: 12 }],
  ['1d', { unit: 'day', count: 1 }],
  ['7d', { unit: 'day', count: 7 }],
  ['1w', { unit: 'week', count: 1 }],
  ['2w', { unit: 'week', count: 2 }],
  ['1mo', { unit: 'month', count: 1 }],
  ['3mo', { unit: 'month', count: 3 }],
  ['9999h', { unit: 'hour', count: 9999 }],
  ['5000 rows', { unit: 'rows', count: 5000 }],
  ['1 rows', { unit: 'rows', count: 1 }],
  ['999999999 rows', { unit: 'rows', count: 999_999_999 }],
];

const invalid = [
  '',
  'd',
  '1',
  '0d',
  '01d',
  '-1d',
  '1.5d',
  '1e3h',
  '1m',
  '1y',
  '1D',
  '1MO',
  '1 d',
  ' 1d',
  '1d ',
  '10000h',
  '5000rows',
  '5000  rows',
  '5000 row',
  '5000 Rows',
  '0 rows',
  '1000000000 rows',
  '1d,2d',
  'daily',
];

describe('parseWindowSpec', () => {
  it.each(valid)('reads %j', (text, spec) => {
    expect(parseWindowSpec(text)).toEqual(spec);
  });

  it.each(invalid)('rejects %j', (text) => {
    expect(() => parseWindowSpec(text)).toThrow(InputError);
  });

  it('lists the accepted forms when it rejects one', () => {
    expect(() => parseWindowSpec('daily')).toThrow(
      "'daily' is not a window size: write 1 to 9999 followed by h (hours), d (days), w (weeks, Monday to Sunday) or mo (calendar months), " +
        "as in 1h, 12h, 1d, 7d, 1w, 2w, 1mo, 3mo; or a number of rows, as in '5000 rows'.",
    );
  });
});

describe('notAWindowSize', () => {
  it.each([
    ['1y', 'there is no year unit: write 12mo for a year'],
    ['2 years', 'there is no year unit: write 12mo for a year'],
    ['1m', 'm is ambiguous: write mo for calendar months (there are no minute windows)'],
    ['30min', 'the shortest calendar window is 1h'],
    ['5000rows', "write the count, one space and 'rows', as in '5000 rows'"],
    ['5000 Rows', "write the count, one space and 'rows', as in '5000 rows'"],
  ])('says what to write instead of %j', (text, hint) => {
    expect(notAWindowSize(text)).toBe(
      `'${text}' is not a window size (${hint}): write 1 to 9999 followed by h (hours), d (days), w (weeks, Monday to Sunday) or mo (calendar months), ` +
        "as in 1h, 12h, 1d, 7d, 1w, 2w, 1mo, 3mo; or a number of rows, as in '5000 rows'.",
    );
  });
});

describe('WINDOW_SPEC_PATTERN', () => {
  // Ajv compiles JSON Schema patterns with the u flag.
  const pattern = new RegExp(WINDOW_SPEC_PATTERN, 'u');

  it('accepts in a JSON Schema exactly what parseWindowSpec accepts', () => {
    for (const [text] of valid) expect(pattern.test(text)).toBe(true);
    for (const text of invalid) expect(pattern.test(text)).toBe(false);
  });
});
