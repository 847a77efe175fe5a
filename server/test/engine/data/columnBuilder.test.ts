import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../../src/engine/data/columnBuilder';

/** A numerical column of `rows` cells, read with room reserved for `capacity`. */
function numbers(rows: number, capacity: number): Float64Array {
  const builder = new ColumnBuilder('x', 'data.csv', undefined);
  builder.reserve(capacity);
  for (let i = 0; i < rows; i++) builder.append(String(i), i + 2);
  const column = builder.finish();
  if (column.kind !== 'numerical') throw new Error('expected a numerical column');
  return column.values;
}

describe('ColumnBuilder.finish', () => {
  it('keeps the array it filled when the spare room is small, so that a wide file is not held twice', () => {
    const values = numbers(1000, 1050);
    expect(Array.from(values)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(values.buffer.byteLength).toBe(8 * 1050);
  });

  it('copies the column when most of the room was never used', () => {
    const values = numbers(1000, 1500);
    expect(values.length).toBe(1000);
    expect(values.buffer.byteLength).toBe(8 * 1000);
  });
});
