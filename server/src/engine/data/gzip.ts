/**
 * gzip-compressed CSV (`.csv.gz`, `.tsv.gz`, format `csv.gz`): the file's bytes
 * decompressed as a stream with node:zlib, in the chunks a plain file is read in, so that
 * every reader after it sees the same bytes in the same pieces as it would of the plain
 * file; what a bad gzip stream means for the user; and the decompressed size the gzip
 * trailer states.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { formatCount } from '../../protocol/text';
import { InputError } from '../inputError';

/** What a gzip file starts with (RFC 1952): a plain CSV never does, 0x8b not being UTF-8 there. */
const MAGIC = [0x1f, 0x8b];

const LINE_FEED = 0x0a;

/** The trailer's last field, ISIZE: the decompressed size modulo 2^32. */
const TRAILER_BYTES = 8;

export interface GzipFacts {
  /** The file starts as a gzip stream does. */
  gzip: boolean;
  /**
   * The bytes it holds decompressed (its size when it is not gzip): the trailer's, exact for
   * one gzip member of up to 4 GiB decompressed; otherwise a lower bound, as the trailer
   * holds the last member's size modulo 2^32.
   */
  decodedBytes: number;
}

/** Whether the file at `path`, of `bytes` bytes, is gzip, and its size decompressed; rejects as fs.open does. */
export async function gzipFacts(path: string, bytes: number): Promise<GzipFacts> {
  const handle = await open(path, 'r');
  try {
    if (!startsAsGzip(await bytesAt(handle, 0, MAGIC.length))) return { gzip: false, decodedBytes: bytes };
    if (bytes < TRAILER_BYTES) return { gzip: true, decodedBytes: 0 };
    const isize = (await bytesAt(handle, bytes - 4, 4)).readUInt32LE(0);
    // Deflate adds at most 5 bytes per 16 KiB block to data it cannot compress, gzip 18 to the stream.
    const leastDecoded = Math.max(0, bytes - 18 - 5 * Math.ceil(bytes / 16384));
    return { gzip: true, decodedBytes: Math.max(isize, leastDecoded) };
  } finally {
    await handle.close();
  }
}

/** Whether the file at `path` starts as a gzip stream does; rejects as fs.open does. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    return startsAsGzip(await bytesAt(handle, 0, MAGIC.length));
  } finally {
    await handle.close();
  }
}

/** The `length` bytes at `position`, fewer where the file ends. */
async function bytesAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

export function startsAsGzip(bytes: Buffer): boolean {
  return bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1];
}

/**
 * A stream of the file's decompressed bytes, in pieces of `chunkBytes` (the last one
 * shorter), as createReadStream gives a plain file's: zlib's pieces follow its input's.
 * Errors of the compressed stream come on `decompressed`, the file's on `file`;
 * `linesDecompressed` says how far the stream got, for them.
 */
export function decompressedStream(
  path: string,
  chunkBytes: number,
  fileChunkBytes = chunkBytes,
): { file: ReadStream; decompressed: Readable; linesDecompressed: () => number } {
  const file = createReadStream(path, { highWaterMark: fileChunkBytes });
  const gunzip = createGunzip({ chunkSize: chunkBytes });
  let lines = 0;
  gunzip.on('data', (piece: Buffer) => {
    for (let i = piece.indexOf(LINE_FEED); i !== -1; i = piece.indexOf(LINE_FEED, i + 1)) lines++;
  });
  const pieces = inPiecesOf(chunkBytes);
  gunzip.on('error', (error) => pieces.destroy(error));
  // A reader that stops early (the editor's first 64 KiB) closes the file.
  pieces.on('close', () => {
    gunzip.destroy();
    file.destroy();
  });
  return { file, decompressed: file.pipe(gunzip).pipe(pieces), linesDecompressed: () => lines };
}

function inPiecesOf(bytes: number): Transform {
  let held: Buffer[] = [];
  let heldBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= bytes) {
        const all = Buffer.concat(held, heldBytes);
        let at = 0;
        for (; all.length - at >= bytes; at += bytes) this.push(all.subarray(at, at + bytes));
        held = at < all.length ? [all.subarray(at)] : [];
        heldBytes = all.length - at;
      }
      done();
    },
    flush(done) {
      done(null, heldBytes > 0 ? Buffer.concat(held, heldBytes) : undefined);
    },
  });
}

/** Whether `error` is zlib's about the compressed stream (as opposed to the file system's). */
export function isGzipError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR';
}

/** What is wrong with the file, said after its name ("is truncated (…)"), for the editor's messages too. */
export function gzipFault(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR') return 'is truncated (its gzip data ends unfinished)';
  return `holds corrupt gzip data (${message})`;
}

/**
 * The fault of the gzip file at `path`, if it has one, and the lines decompressed whole
 * before it: the file decompressed to its end, the text thrown away. For a reader whose
 * error may come of damage that decompresses to text (the checksum that finds it is at the
 * end), to name the damage instead.
 */
export async function gzipDamage(path: string): Promise<{ error: Error; lines: number } | undefined> {
  const { decompressed, linesDecompressed } = decompressedStream(path, 1 << 20);
  try {
    for await (const _piece of decompressed);
    return undefined;
  } catch (error) {
    if (!isGzipError(error)) throw error;
    return { error: error as Error, lines: linesDecompressed() };
  }
}

/**
 * The reader's error for a bad gzip stream, with the last line decompressed whole before
 * it when there is one (`linesRead`): the fault lies after it. A checksum found wrong at the
 * end says nothing of where the damage is.
 */
export function gzipError(file: string, error: unknown, linesRead: number): InputError {
  const { message } = error as Error;
  const placed = linesRead > 0 && message !== 'incorrect data check' && message !== 'incorrect length check';
  const after = placed ? ` after line ${formatCount(linesRead)}` : '';
  const advice =
    (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'Copy or download it again' : 'Compress it again';
  return new InputError(`${file} ${gzipFault(error)}${after}. ${advice}.`, {
    file,
    ...(placed && { line: linesRead }),
  });
}

/** The fault of a file the config says is gzip and is not, said after its name. */
export const NOT_GZIP = 'is not gzip-compressed (it does not start with the bytes 1f 8b)';

/** The reader's error for it. */
export function notGzipError(file: string): InputError {
  return new InputError(`${file} ${NOT_GZIP}. If it is plain text, set \`format: csv\` for it.`, { file });
}
