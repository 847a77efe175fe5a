/** The rules that call a column an identifier, a counter or free text, at their edges. */
import { describe, expect, it } from 'vitest';
import { identifierEvidence } from '../../../src/engine/analysis/identifierColumns';
import type { ColumnPair } from '../../../src/engine/analysis/columnPair';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

const numbers = (values: number[]): NumericalColumn => ({
  kind: 'numerical',
  name: 'x',
  values: Float64Array.from(values),
  missing: values.filter(Number.isNaN).length,
  nonNumeric: 0,
  nonNumericLines: [],
});

const texts = (values: (string | null)[]): CategoricalColumn => {
  const categories = [...new Set(values.filter((v): v is string => v !== null))];
  return {
    kind: 'categorical',
    name: 'x',
    codes: Int32Array.from(values.map((v) => (v === null ? -1 : categories.indexOf(v)))),
    categories,
    missing: values.filter((v) => v === null).length,
    nonNumeric: values.length,
    nonNumericLines: [],
  };
};

const numberPair = (name: string, reference: number[], current: number[]): ColumnPair => ({
  name,
  role: 'feature',
  kind: 'numerical',
  reference: numbers(reference),
  current: numbers(current),
});

const textPair = (reference: (string | null)[], current: (string | null)[]): ColumnPair => ({
  name: 'x',
  role: 'feature',
  kind: 'categorical',
  reference: texts(reference),
  current: texts(current),
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const made = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** A fixed permutation of 0…n-1 (n coprime with 37). */
const shuffled = (n: number) => made(n, (i) => (i * 37) % n);

describe('identifierEvidence', () => {
  it('counter: whole numbers rising (or falling) in both files, gaps and missing cells allowed', () => {
    expect(
      identifierEvidence(
        numberPair(
          'n',
          made(50, (i) => 2 * i),
          [NaN, 200, 201, NaN, 205],
        ),
      ),
    ).toEqual({
      rule: 'counter',
      direction: 'rise',
    });
    expect(
      identifierEvidence(
        numberPair(
          'n',
          made(50, (i) => -i),
          [-100, -101],
        ),
      ),
    ).toEqual({
      rule: 'counter',
      direction: 'fall',
    });
  });

  it('no counter: a tie, a step back, opposite directions, decimals, or fewer than 50 reference values', () => {
    const rising = range(50);
    expect(identifierEvidence(numberPair('n', [...rising, 49], [100, 101]))).toBeUndefined();
    expect(identifierEvidence(numberPair('n', rising, [101, 100]))).toBeUndefined();
    expect(
      identifierEvidence(
        numberPair(
          'n',
          rising.map((i) => i + 0.5),
          [100.5, 101.5],
        ),
      ),
    ).toBeUndefined();
    expect(identifierEvidence(numberPair('n', range(49), [100, 101]))).toBeUndefined();
    // An infinity is not a whole number, even at the end of a rising run.
    expect(identifierEvidence(numberPair('n', rising, [100, Infinity]))).toBeUndefined();
    expect(identifierEvidence(numberPair('n', [-Infinity, ...rising], [100, 101]))).toBeUndefined();
  });

  it('named: the whole column read even when its order is settled early (a shuffled id is still an id)', () => {
    const shuffled = range(60).map((i) => (i * 37) % 60);
    expect(identifierEvidence(numberPair('user_id', shuffled, [...shuffled].reverse()))).toEqual({
      rule: 'named',
      reference: 1,
      current: 1,
    });
    // Not named: unordered from the third value on, so neither a counter nor an identifier.
    expect(identifierEvidence(numberPair('n', shuffled, shuffled))).toBeUndefined();
  });

  it('named: distinct whole numbers named as identifiers, by the last word of the name', () => {
    for (const name of ['user_id', 'ID', 'order-key', 'customerId', 'accountID', 'session uuid'])
      expect(identifierEvidence(numberPair(name, shuffled(100), shuffled(101))), name).toEqual({
        rule: 'named',
        reference: 1,
        current: 1,
      });
    for (const name of ['income', 'valid', 'monkey', 'idle', 'paid'])
      expect(identifierEvidence(numberPair(name, shuffled(100), shuffled(101))), name).toBeUndefined();
  });

  it('named needs 95% distinct in both files', () => {
    const repeats = (n: number, distinct: number) => made(n, (i) => ((i * 37) % n) % distinct);
    expect(identifierEvidence(numberPair('user_id', repeats(100, 95), shuffled(101)))).toMatchObject({
      rule: 'named',
      reference: 0.95,
    });
    expect(identifierEvidence(numberPair('user_id', repeats(100, 94), shuffled(101)))).toBeUndefined();
    expect(identifierEvidence(numberPair('user_id', shuffled(101), repeats(100, 94)))).toBeUndefined();
  });

  it('distinct: text 95% distinct in both files, missing cells aside', () => {
    const codes = (n: number, distinct: number) => made(n, (i) => `c${i % distinct}`);
    expect(identifierEvidence(textPair([...codes(100, 95), null, null], codes(10, 10)))).toEqual({
      rule: 'distinct',
      reference: 0.95,
      current: 1,
    });
    expect(identifierEvidence(textPair(codes(100, 94), codes(10, 10)))).toBeUndefined();
    expect(identifierEvidence(textPair(codes(49, 49), codes(10, 10)))).toBeUndefined();
  });

  it('free text: 50% distinct and 20 characters on average, in both files', () => {
    const sentences = (n: number, distinct: number, pad: number) =>
      made(n, (i) => `sentence ${i % distinct}`.padEnd(pad, '.'));
    expect(identifierEvidence(textPair(sentences(100, 50, 20), sentences(100, 50, 20)))).toEqual({
      rule: 'free-text',
      reference: 0.5,
      current: 0.5,
      meanLength: 20,
    });
    expect(identifierEvidence(textPair(sentences(100, 50, 19), sentences(100, 50, 19)))).toBeUndefined();
    expect(identifierEvidence(textPair(sentences(100, 49, 30), sentences(100, 50, 30)))).toBeUndefined();
  });
});
