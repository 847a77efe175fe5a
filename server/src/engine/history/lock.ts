/**
 * An exclusive lock between processes: a lock file created with O_EXCL (`wx`). sql.js
 * holds a database in memory, so each write reads the file, changes it and replaces it
 * under this lock. A lock left by a process that died is taken over once it is stale.
 */
import { open, stat, unlink } from 'node:fs/promises';
import { InputError } from '../inputError';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeout?: number;
  /** A lock file older than this (ms) is taken as left by a dead process. A write holds it well under a second. */
  staleAfter?: number;
}

export async function withLock<T>(
  lockFile: string,
  work: () => Promise<T>,
  { timeout = 15_000, staleAfter = 30_000 }: LockOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await removeIfStale(lockFile, staleAfter)) continue;
    if (Date.now() > deadline)
      throw new InputError(`${lockFile} is held by another run; if none is running, delete it.`, { file: lockFile });
    // Random back-off so that waiting writers do not retry in step.
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
  try {
    return await work();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}

async function removeIfStale(lockFile: string, staleAfter: number): Promise<boolean> {
  try {
    if (Date.now() - (await stat(lockFile)).mtimeMs < staleAfter) return false;
    await unlink(lockFile);
    return true;
  } catch (error) {
    // Released meanwhile: try again at once.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}
