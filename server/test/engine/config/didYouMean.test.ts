import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/engine/config/didYouMean';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('threshold', 'threshold')).toBe(0);
    expect(editDistance('thresold', 'threshold')).toBe(1);
    expect(editDistance('thershold', 'threshold')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests the closest candidate within a third of the length', () => {
    expect(didYouMean('thresold', ['method', 'threshold', 'share'])).toBe('threshold');
    expect(didYouMean('Income', ['income', 'age'])).toBe('income');
    expect(didYouMean('kss', ['ks', 'psi'])).toBe('ks');
  });
  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('zzz', ['reference', 'current'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
