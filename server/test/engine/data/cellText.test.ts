import { describe, expect, it } from 'vitest';
import { countLineBreaks, quoteCell, trimSpaces } from '../../../src/engine/data/cellText';

describe('cellText', () => {
  it('counts \\r\\n, \\n and a lone \\r as one line break each', () => {
    expect(countLineBreaks('a\r\nb\nc\rd')).toBe(3);
    expect(countLineBreaks('\r\n\r\n')).toBe(2);
    expect(countLineBreaks('plain')).toBe(0);
  });

  it('trims spaces and tabs, not line breaks', () => {
    expect(trimSpaces(' \ta b\t ')).toBe('a b');
    expect(trimSpaces('\n')).toBe('\n');
  });

  it('quotes a cell on one line, cut to 40 characters', () => {
    expect(quoteCell('two\r\nlines')).toBe("'two\\nlines'");
    expect(quoteCell('x'.repeat(41))).toBe(`'${'x'.repeat(40)}…'`);
  });
});
