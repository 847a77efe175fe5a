/**
 * Cell bytes → a number (a category code), without decoding the bytes: the reader looks up
 * every text cell of the file here and decodes a cell only the first time its bytes appear.
 * Open addressing with linear probing over a 32-bit FNV-1a hash of the bytes; a hit is
 * confirmed by comparing the bytes, so two texts with the same hash stay apart. The keys'
 * bytes are copied into the table, never kept as views on the file's chunks.
 */

/** What `get` returns for bytes not in the table. */
export const ABSENT = -2;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class ByteTextTable {
  /** Per slot, side by side so that a probe reads one cache line: the hash, then entry index + 1 (0: empty). */
  private slots: Int32Array;
  private mask: number;
  private entries = 0;
  /** Per entry, side by side: where its bytes start in keyBytes, how many, its value. */
  private records = new Int32Array(3 * 16);
  /** The keys' bytes, one after the other. */
  private keyBytes = new Uint8Array(256);
  private keyBytesUsed = 0;
  /** The entry found last: tried first, since files often repeat a cell for many rows (sorted or grouped by it). */
  private lastEntry = -1;
  /** The slot and hash of the last `get` that missed, for the `setMissed` that follows it. */
  private missedSlot = -1;
  private missedHash = 0;

  /**
   * `slots`: the table's first size, a power of two (small in tests, to make slots collide).
   * Small by default: a wide file has a table per text column, all of them probed for every
   * row, and most hold few texts; 300 tables of 1,024 slots no longer fit in the cache.
   */
  constructor(slots = 64) {
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.entries;
  }

  /** The value of the `entry`th bytes added. */
  value(entry: number): number {
    return this.records[3 * entry + 2];
  }

  /** The `entry`th bytes added, decoded as UTF-8. */
  keyText(entry: number): string {
    const start = this.records[3 * entry];
    return Buffer.from(this.keyBytes.buffer, start, this.records[3 * entry + 1]).toString('utf8');
  }

  /** The value of the bytes `bytes[start, end)`, or ABSENT. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const { records, keyBytes } = this;
    const last = this.lastEntry;
    if (last >= 0 && this.sameBytes(last, bytes, start, end)) return records[3 * last + 2];
    const hash = hashBytes(bytes, start, end);
    const { slots, mask } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1] - 1;
      if (entry < 0) {
        this.missedSlot = slot;
        this.missedHash = hash;
        return ABSENT;
      }
      if (slots[2 * slot] !== hash || records[3 * entry + 1] !== length) continue;
      let at = records[3 * entry];
      let i = start;
      while (i < end && keyBytes[at] === bytes[i]) {
        at++;
        i++;
      }
      if (i === end) {
        this.lastEntry = entry;
        return records[3 * entry + 2];
      }
    }
  }

  /** Adds the bytes the last `get` did not find, with `value`; nothing else may come between the two calls. */
  setMissed(bytes: Uint8Array, start: number, end: number, value: number): void {
    const entry = this.entries++;
    if (3 * entry === this.records.length) this.records = grown(this.records, 2 * this.records.length);
    const length = end - start;
    if (this.keyBytesUsed + length > this.keyBytes.length) {
      const larger = new Uint8Array(Math.max(2 * this.keyBytes.length, this.keyBytesUsed + length));
      larger.set(this.keyBytes.subarray(0, this.keyBytesUsed));
      this.keyBytes = larger;
    }
    this.keyBytes.set(bytes.subarray(start, end), this.keyBytesUsed);
    this.records[3 * entry] = this.keyBytesUsed;
    this.records[3 * entry + 1] = length;
    this.records[3 * entry + 2] = value;
    this.keyBytesUsed += length;
    this.slots[2 * this.missedSlot] = this.missedHash;
    this.slots[2 * this.missedSlot + 1] = entry + 1;
    this.lastEntry = entry;
    // At most half full, so that probes stay short.
    if (4 * this.entries > this.slots.length) this.rehash();
  }

  /** Whether the bytes of `entry` are `bytes[start, end)`; compared from the end, where cells that share a start (dates) differ. */
  private sameBytes(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const { records, keyBytes } = this;
    if (records[3 * entry + 1] !== end - start) return false;
    let at = records[3 * entry] + (end - start);
    for (let i = end - 1; i >= start; i--) if (keyBytes[--at] !== bytes[i]) return false;
    return true;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = this.slots.length / 2 - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i] & this.mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = old[i];
      this.slots[2 * slot + 1] = old[i + 1];
    }
  }
}

/** 32-bit FNV-1a of `bytes[start, end)`, as a signed integer. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
  return hash;
}

function grown(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(capacity);
  larger.set(array);
  return larger;
}
