/** Duplicate rows: equal in every column, typed values, NaN equal to NaN; hash matches always confirmed on the values. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixedKind } from '../../../src/engine/data/columnBuilder';
import { readTable } from '../../../src/engine/data/readTable';
import { duplicateRowCount, duplicateRows } from '../../../src/engine/quality/duplicateRows';
import type { CategoricalColumn, Column, NumericalColumn } from '../../../src/engine/data/column';

const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-duplicates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function duplicatesIn(csv: string, kinds: Record<string, FixedKind> = {}) {
  const path = join(scratch, 'data.csv');
  writeFileSync(path, csv);
  return duplicateRows(
    await readTable(path, { displayPath: 'data.csv', kinds: new Map(Object.entries(kinds)), requiredColumns: [] }),
  );
}

function numbers(values: number[]): NumericalColumn {
  return {
    kind: 'numerical',
    name: 'n',
    values: Float64Array.from(values),
    missing: 0,
    nonNumeric: 0,
    nonNumericLines: [],
  };
}

function codes(values: number[]): CategoricalColumn {
  return {
    kind: 'categorical',
    name: 'c',
    codes: Int32Array.from(values),
    categories: ['a', 'b', 'c'],
    missing: 0,
    nonNumeric: 0,
    nonNumericLines: [],
  };
}

/** The count as pandas would make it: row keys as text. */
function countByText(columns: Column[], rows: number): number {
  const seen = new Set<string>();
  for (let row = 0; row < rows; row++)
    seen.add(columns.map((c) => (c.kind === 'numerical' ? String(c.values[row]) : c.codes[row])).join('|'));
  return rows - seen.size;
}

describe('duplicate rows', () => {
  it('counts every row of a group after its first, as pandas duplicated().sum()', async () => {
    expect(await duplicatesIn('a,b\n1,x\n1,x\n2,x\n1,x\n2,x\n3,y\n')).toEqual({ rows: 3, share: 0.5 });
  });

  it('needs every column equal: rows differing only in the last column are not duplicates', async () => {
    expect(await duplicatesIn('a,b,c,d\n1,x,2.5,p\n1,x,2.5,q\n1,x,2.5,r\n1,x,2.6,p\n')).toEqual({ rows: 0, share: 0 });
  });

  it('compares typed values: 1 and 1.0 are equal, and every missing token is the same missing value', async () => {
    expect(await duplicatesIn('a,b\n1,x\n1.0,x\n1.00,x\n')).toEqual({ rows: 2, share: 2 / 3 });
    expect(await duplicatesIn('a,b\nNaN,x\n,x\nNA,x\n0,x\n')).toEqual({ rows: 2, share: 0.5 });
    expect(await duplicatesIn('a,b\n1,\n1,NaN\n1,none\n')).toEqual({ rows: 1, share: 1 / 3 });
  });

  it('treats text in a numerical column (NaN) like a missing value, as the typed column holds them', async () => {
    expect(await duplicatesIn('a,b\noops,1\n,1\n', { a: { kind: 'numerical', declared: false } })).toEqual({
      rows: 1,
      share: 0.5,
    });
  });

  it('does not mistake values swapped between columns or rows of missing in other places for duplicates', () => {
    expect(duplicateRowCount([numbers([1, 2]), numbers([2, 1])], 2)).toBe(0);
    expect(duplicateRowCount([numbers([NaN, 0]), numbers([0, NaN])], 2)).toBe(0);
    expect(duplicateRowCount([codes([-1, 0]), codes([0, -1])], 2)).toBe(0);
    expect(duplicateRowCount([numbers([NaN, 0, NaN])], 3)).toBe(1);
  });

  it('does not mistake numbers whose two 32-bit halves are swapped for each other', () => {
    const words = new Uint32Array([0x3ff00000, 0x40000000, 0x40000000, 0x3ff00000]);
    const values = Array.from(new Float64Array(words.buffer));
    expect(values[0]).not.toBe(values[1]);
    expect(duplicateRowCount([numbers(values)], 2)).toBe(0);
  });

  it('treats −0 as 0 and every NaN as one value', () => {
    const otherNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0];
    expect(Number.isNaN(otherNaN)).toBe(true);
    expect(duplicateRowCount([numbers([0, -0, NaN, otherNaN, -NaN])], 5)).toBe(3);
  });

  it('confirms every hash match on the values: 300,000 distinct numbers hold a dozen pairs with equal 32-bit hashes', () => {
    // Any good 32-bit hash collides about n² / 2³³ ≈ 10 times here (this one 13 times, e.g. rows 34,002 and 50,897).
    const values = Array.from({ length: 300_000 }, (_, i) => i / 7);
    expect(duplicateRowCount([numbers(values)], values.length)).toBe(0);
    expect(duplicateRowCount([numbers([...values, values[34_002], values[50_897]])], values.length + 2)).toBe(2);
  });

  it('agrees with counting by text on many rows with many near-identical keys', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const rows = 50_000;
    const columns: Column[] = [
      numbers(Array.from({ length: rows }, () => [NaN, 0, 0.1, 1e300, -1][next(5)])),
      codes(Array.from({ length: rows }, () => next(4) - 1)),
      numbers(Array.from({ length: rows }, () => next(40))),
      codes(Array.from({ length: rows }, () => next(3))),
    ];
    const expected = countByText(columns, rows);
    expect(expected).toBeGreaterThan(40_000);
    expect(duplicateRowCount(columns, rows)).toBe(expected);
  });
});
