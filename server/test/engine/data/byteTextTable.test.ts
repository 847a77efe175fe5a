import { describe, expect, it } from 'vitest';
import { ABSENT, ByteTextTable, hashBytes } from '../../../src/engine/data/byteTextTable';

const bytes = (text: string) => Buffer.from(text);

/** Looks `text` up, adding it with `value` when absent; returns what the table held before. */
function getOrSet(table: ByteTextTable, text: string, value: number): number {
  const key = bytes(text);
  const found = table.get(key, 0, key.length);
  if (found === ABSENT) table.setMissed(key, 0, key.length, value);
  return found;
}

describe('ByteTextTable', () => {
  it('finds every key again, through slot collisions and growth from two slots', () => {
    const table = new ByteTextTable(2);
    const texts = Array.from({ length: 5000 }, (_, i) => `text ${i} é`);
    texts.forEach((text, i) => expect(getOrSet(table, text, i)).toBe(ABSENT));
    expect(table.size).toBe(texts.length);
    texts.forEach((text, i) => expect(getOrSet(table, text, -1)).toBe(i));
    expect(table.keyText(1234)).toBe(texts[1234]);
    expect(table.value(1234)).toBe(1234);
  });

  it('keeps apart two texts with the same hash', () => {
    // Two 5-letter texts that FNV-1a maps to one 32-bit hash.
    expect(hashBytes(bytes('t7pfs'), 0, 5)).toBe(hashBytes(bytes('tovja'), 0, 5));
    const table = new ByteTextTable(4);
    expect(getOrSet(table, 't7pfs', 0)).toBe(ABSENT);
    expect(getOrSet(table, 'tovja', 1)).toBe(ABSENT);
    expect(getOrSet(table, 't7pfs', -1)).toBe(0);
    expect(getOrSet(table, 'tovja', -1)).toBe(1);
  });

  it('tells apart keys that are prefixes of each other, the empty key among them', () => {
    const table = new ByteTextTable(2);
    ['', 'a', 'ab', 'abc', 'b'].forEach((text, i) => expect(getOrSet(table, text, i)).toBe(ABSENT));
    ['', 'a', 'ab', 'abc', 'b'].forEach((text, i) => expect(getOrSet(table, text, -1)).toBe(i));
  });

  it('reads a key from the middle of a buffer, and keeps no view on it', () => {
    const table = new ByteTextTable();
    const chunk = bytes('x,Paris,y');
    expect(table.get(chunk, 2, 7)).toBe(ABSENT);
    table.setMissed(chunk, 2, 7, 7);
    chunk.fill(0);
    expect(getOrSet(table, 'Paris', -1)).toBe(7);
  });
});
