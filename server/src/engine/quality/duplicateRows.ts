/**
 * Duplicate rows, counted as pandas' `df.duplicated().sum()`: every row equal in all columns
 * to an earlier row. Each row is hashed from the typed arrays, column by column, and looked up
 * in an open-addressing table of each group's first row (one table per part of the rows split
 * by hash); a hash match is confirmed by comparing the values, so a collision never counts.
 */
import type { Table } from '../data/table';
import type { DuplicateRows } from '../../protocol/report';
import type { Column } from '../data/column';

/** Duplicate rows of a file over all its columns, as read (typed values, not the text). */
export function duplicateRows(table: Table): DuplicateRows {
  const columns = table.header.map((name) => table.columns.get(name)!);
  const rows = duplicateRowCount(columns, table.rows);
  return { rows, share: rows / table.rows };
}

/**
 * How many of the first `rows` rows equal an earlier row in every one of `columns`.
 * NaN equals NaN (a missing value matches a missing value) and −0 equals 0.
 *
 * Equal rows have equal hashes, so the rows are first split by the top bits of their hash
 * into parts small enough that each part's table stays in the processor's cache, then
 * counted part by part: the same count (rows beyond the first of each group, whatever the
 * order they are met in) without a cache miss per row in one table of the whole file.
 */
export function duplicateRowCount(columns: Column[], rows: number): number {
  const hashes = rowHashes(columns, rows);
  let partBits = 0;
  while (partBits < MAX_PART_BITS && rows >>> partBits > PART_ROWS) partBits++;
  if (partBits === 0) return countInPart(columns, hashes, null, 0, rows);

  // Rows by part, each part's rows in row order, with their hashes alongside.
  const parts = 1 << partBits;
  const shift = 32 - partBits;
  const starts = new Int32Array(parts + 1);
  for (let row = 0; row < rows; row++) starts[(hashes[row] >>> shift) + 1]++;
  for (let part = 0; part < parts; part++) starts[part + 1] += starts[part];
  const next = starts.slice(0, parts);
  const order = new Int32Array(rows);
  const orderedHashes = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const hash = hashes[row];
    const at = next[hash >>> shift]++;
    order[at] = row;
    orderedHashes[at] = hash;
  }

  let largest = 0;
  for (let part = 0; part < parts; part++) largest = Math.max(largest, starts[part + 1] - starts[part]);
  const entries = new Int32Array(2 * slotCount(largest));
  let duplicates = 0;
  for (let part = 0; part < parts; part++)
    duplicates += countInPart(columns, orderedHashes, order, starts[part], starts[part + 1], entries);
  return duplicates;
}

/** About this many rows per part: a table of twice as many slots of 8 bytes, some 256 KB. */
const PART_ROWS = 1 << 14;
/** At most 2^12 parts, whose counters and write positions stay in cache while rows are split. */
const MAX_PART_BITS = 12;

/**
 * Duplicates among the rows order[start … end) (rows start … end when `order` is null), whose
 * hashes are hashes[start … end), in an open-addressing table held in `entries` (made to fit when not given; zeroed when done).
 */
function countInPart(
  columns: Column[],
  hashes: Int32Array,
  order: Int32Array | null,
  start: number,
  end: number,
  entries?: Int32Array,
): number {
  // Linear probing at load ≤ 1/2. Slot i is entries[2i] = 1 + the first row of a group (0 when
  // empty) and entries[2i + 1] = its hash, side by side so that a probe rejects a different hash
  // without reading the row; a matching hash is confirmed on the values.
  const size = slotCount(end - start);
  const table = entries ?? new Int32Array(2 * size);
  const mask = size - 1;
  let duplicates = 0;
  for (let k = start; k < end; k++) {
    const row = order === null ? k : order[k];
    const hash = hashes[k];
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = table[2 * slot] - 1;
      if (held < 0) {
        table[2 * slot] = row + 1;
        table[2 * slot + 1] = hash;
        break;
      }
      if (table[2 * slot + 1] === hash && sameRow(columns, held, row)) {
        duplicates++;
        break;
      }
    }
  }
  if (entries !== undefined) entries.fill(0, 0, 2 * size);
  return duplicates;
}

/** The smallest power of two at least twice `rows`. */
function slotCount(rows: number): number {
  let size = 2;
  while (size < 2 * rows) size *= 2;
  return size;
}

/**
 * A 32-bit hash per row (MurmurHash3 over the column values), built one column at a time so
 * that each pass reads one array in order. A second hash would only spare the value
 * comparison of rows whose 32-bit hashes collide, a few hundred in a million.
 */
function rowHashes(columns: Column[], rows: number): Int32Array {
  const hashes = new Int32Array(rows);
  for (const column of columns) {
    if (column.kind === 'categorical') {
      const { codes } = column;
      for (let row = 0; row < rows; row++) hashes[row] = mix(hashes[row], codes[row]);
      continue;
    }
    const { values } = column;
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
    for (let row = 0; row < rows; row++) {
      const value = values[row];
      // Equal values must hash alike: one bit pattern for every NaN, and +0 for −0.
      if (value !== value) hashes[row] = mix(mix(hashes[row], 0), NAN_HIGH_WORD);
      else if (value === 0) hashes[row] = mix(mix(hashes[row], 0), 0);
      else hashes[row] = mix(mix(hashes[row], words[2 * row]), words[2 * row + 1]);
    }
  }
  for (let row = 0; row < rows; row++) hashes[row] = finish(hashes[row]);
  return hashes;
}

/** The high word of the one NaN every NaN is hashed as (payloads and signs ignored). */
const NAN_HIGH_WORD = 0x7ff80000;

/** One MurmurHash3 round. */
function mix(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  hash ^= Math.imul(k, 0x1b873593);
  hash = (hash << 13) | (hash >>> 19);
  return (Math.imul(hash, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the low bits that pick the slot. */
function finish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function sameRow(columns: Column[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.kind === 'categorical') {
      if (column.codes[a] !== column.codes[b]) return false;
    } else {
      const x = column.values[a];
      const y = column.values[b];
      if (x !== y && !(x !== x && y !== y)) return false;
    }
  }
  return true;
}
