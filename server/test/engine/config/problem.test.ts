/** Where a config problem points: at a key or a value, at least one character wide. */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { problemAt, span } from '../../../src/engine/config/problem';

describe('problemAt', () => {
  const text = 'drift:\n  method: ks\nreference: ""\n';
  const document = parseDocument(text);

  it('points at the key or at the value the path leads to', () => {
    const onKey = problemAt(document, ['drift', 'method'], 'key', 'error', 'code', 'message');
    expect(text.slice(onKey.start, onKey.end)).toBe('method');
    const onValue = problemAt(document, ['drift', 'method'], 'value', 'warning', 'code', 'message');
    expect(text.slice(onValue.start, onValue.end)).toBe('ks');
    expect(onValue).toMatchObject({ severity: 'warning', code: 'code', message: 'message' });
  });

  it('is at least one character wide, and at the start where the path leads nowhere', () => {
    const empty = problemAt(document, ['reference'], 'value', 'error', 'code', 'message');
    expect(empty.end - empty.start).toBeGreaterThanOrEqual(1);
    expect(problemAt(document, ['nowhere', 0], 'value', 'error', 'code', 'message')).toMatchObject({
      start: 0,
      end: 1,
    });
    expect(span([5, 5])).toEqual({ start: 5, end: 6 });
    expect(span([5, 9])).toEqual({ start: 5, end: 9 });
  });
});
