import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import {
  classLabels,
  normalizeLabel,
  pairedLabels,
  positiveLabel,
  sortLabels,
} from '../../../src/engine/performance/labels';
import { numbers, texts } from './columns';

describe('normalizeLabel', () => {
  it('reads numbers by value', () => {
    for (const text of ['1', '1.0', ' 1 ', '01', '1e0', '+1']) expect(normalizeLabel(text)).toBe('1');
    expect(normalizeLabel('1.50')).toBe('1.5');
    expect(normalizeLabel('-0')).toBe('0');
  });
  it('folds the case of true, false, yes and no only', () => {
    expect(['true', 'True', 'TRUE', 'tRuE'].map(normalizeLabel)).toEqual(['true', 'true', 'true', 'true']);
    expect(['False', 'YES', 'No', ' no '].map(normalizeLabel)).toEqual(['false', 'yes', 'no', 'no']);
    expect(['Cat', ' cat', 'Y', 'N'].map(normalizeLabel)).toEqual(['Cat', 'cat', 'Y', 'N']);
  });
});

describe('classLabels', () => {
  it('labels a numerical column by value, sorted numerically; NaN is missing', () => {
    const { codes, labels } = classLabels(numbers([10, 2, null, -1, 1.5, 2]));
    expect(labels).toEqual(['-1', '1.5', '2', '10']);
    expect(Array.from(codes)).toEqual([3, 2, -1, 0, 1, 2]);
  });
  it('merges categories that normalize alike', () => {
    const { codes, labels } = classLabels(texts(['Yes', 'no', 'YES', null, ' no', '1.0', '1']));
    expect(labels).toEqual(['1', 'no', 'yes']);
    expect(Array.from(codes)).toEqual([2, 1, 2, -1, 1, 0, 0]);
  });
  it('sorts numbers as text when some labels are text', () => {
    expect(classLabels(texts(['10', '2', 'x'])).labels).toEqual(['10', '2', 'x']);
  });
});

describe('pairedLabels', () => {
  it('puts both columns on one list built from the rows where both are present', () => {
    const paired = pairedLabels(numbers([0, 1, 1, null, 2]), texts(['0', '1.0', 'TRUE', '5', null]));
    expect(paired.labels).toEqual(['0', '1', 'true']);
    expect(Array.from(paired.truth)).toEqual([0, 1, 1, -1, -1]);
    expect(Array.from(paired.predicted)).toEqual([0, 1, 2, -1, -1]);
  });
  it('rejects columns of different lengths', () => {
    expect(() => pairedLabels(numbers([1]), numbers([1, 2]))).toThrow(RangeError);
  });
});

describe('sortLabels = sorted() in Python', () => {
  it('compares text by code point, not by UTF-16 unit', () => {
    expect(sortLabels(['\u{1F600}', '\uFF01', 'b', 'a', 'B'])).toEqual(['B', 'a', 'b', '\uFF01', '\u{1F600}']);
  });
  it('sorts all-number labels by value', () => {
    expect(sortLabels(['10', '9', '-2', '1e+21', 'Infinity'])).toEqual(['-2', '9', '10', '1e+21', 'Infinity']);
  });
});

describe('positiveLabel', () => {
  it('takes the first of 1, true, yes', () => {
    expect(positiveLabel(['0', '1']).label).toBe('1');
    expect(positiveLabel(['false', 'true']).label).toBe('true');
    expect(positiveLabel(['no', 'yes']).label).toBe('yes');
    expect(positiveLabel(['1', 'yes']).label).toBe('1');
    expect(positiveLabel(['0', '1']).reason).toContain("first of '1', 'true', 'yes'");
  });
  it('takes the absent partner when 0, false or no is the only label', () => {
    expect(positiveLabel(['0'])).toEqual({ label: '1', reason: expect.stringContaining("absent '1'") });
    expect(positiveLabel(['no']).label).toBe('yes');
  });
  it('else takes the last label', () => {
    expect(positiveLabel(['ham', 'spam'])).toEqual({ label: 'spam', reason: expect.stringContaining('last label') });
    expect(positiveLabel(['a']).label).toBe('a');
  });
  it('takes the configured label, normalized like the data', () => {
    expect(positiveLabel(['ham', 'spam'], 'ham')).toEqual({
      label: 'ham',
      reason: 'set by performance.positive_class',
    });
    expect(positiveLabel(['false', 'true'], 'FALSE').label).toBe('false');
    expect(positiveLabel(['0', '1'], '0.0').label).toBe('0');
    expect(positiveLabel(['0'], '1')).toEqual({ label: '1', reason: expect.stringContaining('does not occur') });
  });
  it('rejects a configured label that is neither of two', () => {
    expect(() => positiveLabel(['0', '1'], 'yes')).toThrow(InputError);
    expect(() => positiveLabel(['0', '1'], 'yes')).toThrow(
      "performance.positive_class 'yes' is not one of the labels in the data: '0' and '1'.",
    );
  });
  it('needs one or two labels', () => {
    expect(() => positiveLabel([])).toThrow(RangeError);
    expect(() => positiveLabel(['a', 'b', 'c'])).toThrow(RangeError);
  });
});
