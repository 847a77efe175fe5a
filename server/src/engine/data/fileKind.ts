/**
 * Only regular files are read: opening a named pipe blocks until someone writes to it, and a
 * device or a socket never ends, so every path the user names (config, data files, headers
 * for hover, run history) is looked at with stat first, and is named for what it is.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../inputError';

/** What the path is when it is not a regular file ('is a named pipe'), or undefined for a file. */
export function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a named pipe';
  if (stats.isSocket()) return 'is a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device';
  return 'is not a regular file';
}

/**
 * The stats of `path` when it is a regular file; otherwise an InputError naming
 * `displayPath` ("data.csv is a named pipe, not a file"). A missing path is left to the
 * caller (undefined), which knows what a missing file means there.
 */
export async function regularFileStats(path: string, displayPath: string): Promise<Stats | undefined> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const what = notAFile(stats);
  if (what) throw new InputError(`${displayPath} ${what}, not a file.`, { file: displayPath });
  return stats;
}
