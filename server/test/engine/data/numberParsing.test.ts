import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../src/engine/data/numberParsing';

describe('parseNumber', () => {
  it('parses decimal literals exactly as Number does', () => {
    for (const text of [
      '0',
      '-0',
      '+7',
      '1.',
      '.5',
      '-1.25',
      '1e5',
      '2.5E-3',
      '1.e5',
      '0.1',
      '123456789012345',
      '1234567890123456789',
      '9007199254740993',
      '1e22',
      '1e23',
      '4.9e-324',
      '1e400',
      '00012.50',
    ]) {
      expect(Object.is(parseNumber(text), Number(text)), text).toBe(true);
    }
  });

  it('agrees with Number on random literals', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    for (let i = 0; i < 20_000; i++) {
      const exponent = random() < 0.3 ? `e${random() < 0.5 ? '-' : ''}${Math.floor(random() * 40)}` : '';
      const text = `${random() < 0.5 ? '-' : ''}${digits(1 + Math.floor(random() * 18))}.${digits(Math.floor(random() * 18))}${exponent}`;
      expect(parseNumber(text), text).toBe(Number(text));
    }
  });

  it('with a decimal comma, reads 15,46 as Number reads 15.46, and a point as no number', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    for (let i = 0; i < 5_000; i++) {
      const text = `${random() < 0.5 ? '-' : ''}${digits(1 + Math.floor(random() * 18))}.${digits(1 + Math.floor(random() * 18))}`;
      expect(parseNumber(text.replace('.', ','), ','), text).toBe(Number(text));
      expect(parseNumber(text, ','), text).toBeNaN();
    }
    expect(parseNumber(' 7 ', ',')).toBe(7);
    expect(parseNumber('2,5E-3', ',')).toBe(0.0025);
    expect(parseNumber('1,5,2', ',')).toBeNaN();
  });

  it('parses inf and infinity in any letter case, with a sign', () => {
    expect(parseNumber('inf')).toBe(Infinity);
    expect(parseNumber('-Infinity')).toBe(-Infinity);
    expect(parseNumber('+INF')).toBe(Infinity);
  });

  it('trims spaces and tabs only', () => {
    expect(parseNumber(' 1.5\t')).toBe(1.5);
    expect(parseNumber('1\n')).toBeNaN();
  });

  it('rejects everything else', () => {
    for (const text of [
      '',
      ' ',
      '-',
      '.',
      '.inf',
      '-.inf',
      '1e',
      '1e+',
      '0x10',
      '1,5',
      '1_000',
      'NaN',
      'nan',
      '1 2',
      '--1',
      'e5',
      'infinit',
      '1.5.2',
    ]) {
      expect(parseNumber(text), text).toBeNaN();
    }
  });
});
