/**
 * Reading and changing a history file. Reads take the file as it is (writes replace it
 * whole, so a reader never sees half of one). A change locks the file, reads it, brings
 * its schema up to date (keeping a copy of the old file first), applies the change and
 * writes a temporary file renamed over the old one. A damaged or foreign file is never
 * written: it stops with an InputError naming it.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../inputError';
import { regularFileStats } from '../data/fileKind';
import { fileSystem } from './fileSystem';
import { withLock } from './lock';
import { migrate, schemaState, SCHEMA_VERSION } from './schema';
import { sqlite, type Database } from './sqlite';
import { writeProblem } from './writeProblem';

/** `read` on the file's data, or undefined when there is no file yet. The file is left unchanged; an older schema is brought up to date in memory. */
export async function readHistory<T>(historyPath: string, read: (db: Database) => T): Promise<T | undefined> {
  const bytes = await readExisting(historyPath);
  if (!bytes) return undefined;
  const db = await openChecked(historyPath, bytes);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Applies `change` to the file (created when missing) in one transaction, under the file's lock. */
export async function changeHistory<T>(historyPath: string, change: (db: Database) => T): Promise<T> {
  await fileSystem.mkdir(dirname(historyPath), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`Cannot create the folder of the run history ${historyPath} (${writeProblem(error)}).`, {
      file: historyPath,
    });
  });
  return withLock(`${historyPath}.lock`, async () => {
    const existing = await regularFileStats(historyPath, historyPath);
    if (existing) await checkWritable(historyPath, existing);
    const bytes = await readExisting(historyPath);
    const db = await openChecked(historyPath, bytes, { backUp: true });
    try {
      db.exec('BEGIN');
      const result = change(db);
      db.exec('COMMIT');
      await replace(historyPath, db.export(), existing);
      return result;
    } finally {
      db.close();
    }
  });
}

async function readExisting(historyPath: string): Promise<Uint8Array | undefined> {
  try {
    if (!(await regularFileStats(historyPath, historyPath))) return undefined;
    const bytes = await fileSystem.readFile(historyPath);
    return bytes.length > 0 ? bytes : undefined;
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(
      `Cannot read the run history ${historyPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { file: historyPath },
    );
  }
}

/** The database in `bytes` (a new one when undefined), checked to be a history and migrated to the current schema. */
async function openChecked(
  historyPath: string,
  bytes: Uint8Array | undefined,
  { backUp = false } = {},
): Promise<Database> {
  const db = await openDatabase(historyPath, bytes);
  try {
    const state = inspect(db, historyPath);
    // A history that does not exist yet is made here; an existing file must be one we made.
    if (bytes && !state.ours)
      throw new InputError(
        `${historyPath} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`,
        { file: historyPath },
      );
    if (state.version > SCHEMA_VERSION) {
      throw new InputError(
        `${historyPath} was written by a newer Drift Monitor (history schema version ${state.version}; this one knows up to ${SCHEMA_VERSION}).`,
        { file: historyPath },
      );
    }
    if (state.version < SCHEMA_VERSION) {
      // The old file stays as it was, next to the migrated one, should the migration lose anything.
      if (bytes && backUp) await fileSystem.copyFile(historyPath, `${historyPath}.bak-v${state.version}`);
      migrate(db, state.version);
    }
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function openDatabase(historyPath: string, bytes: Uint8Array | undefined): Promise<Database> {
  const { Database } = await sqlite();
  try {
    return new Database(bytes);
  } catch (error) {
    throw unreadable(historyPath, error);
  }
}

function inspect(db: Database, historyPath: string): ReturnType<typeof schemaState> {
  try {
    const problems = db.exec('PRAGMA quick_check')[0]?.values.map(([problem]) => String(problem)) ?? [];
    if (problems.length > 0 && problems[0] !== 'ok') throw new Error(problems.slice(0, 3).join('; '));
    return schemaState(db);
  } catch (error) {
    throw unreadable(historyPath, error);
  }
}

function unreadable(historyPath: string, error: unknown): InputError {
  return new InputError(
    `${historyPath} is not a readable SQLite database (${(error as Error)?.message ?? String(error)}); it is left as it is: move it away, or set history.path to another file.`,
    { file: historyPath },
  );
}

/**
 * A read-only history is the user's decision: it is not replaced (renaming over a file needs
 * only a writable folder, and root may write any file), and the run goes on unrecorded.
 */
async function checkWritable(historyPath: string, stats: Stats): Promise<void> {
  const writable =
    (stats.mode & 0o222) !== 0 &&
    (await fileSystem.access(historyPath, constants.W_OK).then(
      () => true,
      () => false,
    ));
  if (!writable)
    throw new InputError(
      `${historyPath} is read-only; it is left as it is, and the run is not recorded in it: make it writable, or set history.path to another file.`,
      { file: historyPath },
    );
}

/**
 * Writes next to the file, then renames over it, so the file is always whole. The new file
 * keeps the old one's mode, and its owner where this process may set it.
 */
async function replace(historyPath: string, bytes: Uint8Array, old: Stats | undefined): Promise<void> {
  const temporary = `${historyPath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fileSystem.writeFile(temporary, bytes);
    if (old) {
      await fileSystem.chmod(temporary, old.mode & 0o7777);
      // EPERM unless root or the owner already: the file is then this user's, as any file they rewrite.
      await fileSystem.chown(temporary, old.uid, old.gid).catch(() => undefined);
    }
    await fileSystem.rename(temporary, historyPath);
  } catch (error) {
    await fileSystem.unlink(temporary).catch(() => undefined);
    throw new InputError(
      `Cannot write the run history ${historyPath}: ${writeProblem(error)}${old ? '; it is left as it was' : ''}.`,
      {
        file: historyPath,
      },
    );
  }
}
