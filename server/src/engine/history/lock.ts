/**
 * An exclusive lock between processes: a lock file created with O_EXCL (`wx`). sql.js
 * holds a database in memory, so each write reads the file, changes it and replaces it
 * under this lock. The lock file names its holder (`pid host time`); a lock whose holder
 * is a process of this host that no longer exists (killed mid-write) is taken over at
 * once, and any lock is taken over once it is stale.
 */
import { hostname } from 'node:os';
import { InputError } from '../inputError';
import { fileSystem } from './fileSystem';
import { writeProblem } from './writeProblem';

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
  while (!(await acquire(lockFile))) {
    if (await removeIfAbandoned(lockFile, staleAfter)) continue;
    if (Date.now() > deadline)
      throw new InputError(`${lockFile} is held by another run; if none is running, delete it.`, { file: lockFile });
    // Random back-off so that waiting writers do not retry in step.
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
  try {
    return await work();
  } finally {
    await fileSystem.unlink(lockFile).catch(() => undefined);
  }
}

/** Creates the lock file naming this process; false when another holds it. A lock that cannot be written (a full disk) is removed again. */
async function acquire(lockFile: string): Promise<boolean> {
  let handle;
  try {
    handle = await fileSystem.open(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new InputError(`Cannot create the lock file ${lockFile}: ${writeProblem(error)}.`, { file: lockFile });
  }
  try {
    await handle.writeFile(`${process.pid} ${hostname()} ${new Date().toISOString()}\n`);
    await handle.close();
    return true;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fileSystem.unlink(lockFile).catch(() => undefined);
    throw new InputError(`Cannot create the lock file ${lockFile}: ${writeProblem(error)}.`, { file: lockFile });
  }
}

/** Removes a lock whose holder is gone or that is stale; true when the lock may be tried again at once. */
async function removeIfAbandoned(lockFile: string, staleAfter: number): Promise<boolean> {
  try {
    const [holder, info] = await Promise.all([fileSystem.readFile(lockFile, 'utf8'), fileSystem.stat(lockFile)]);
    if (!holderIsGone(holder) && Date.now() - info.mtimeMs < staleAfter) return false;
    await fileSystem.unlink(lockFile);
    return true;
  } catch (error) {
    // Released meanwhile: try again at once.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * True when the lock's text names a process of this host that does not exist. A lock
 * being written (empty yet), from another host, or of another format is not known to be
 * gone: it waits to be stale.
 */
function holderIsGone(holder: string): boolean {
  const [pid, host] = holder.trim().split(' ');
  if (!/^\d+$/.test(pid) || host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
