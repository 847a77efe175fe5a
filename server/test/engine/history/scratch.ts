/** Test helpers: scratch folders, and SQLite files written directly with sql.js. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { sqlite } from '../../../src/engine/history/sqlite';

/** A new empty folder, removed after the test file. */
export function scratchFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `drift-history-${prefix}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes an SQLite database made by running `sql` on an empty one. */
export async function writeSqlite(file: string, sql: string): Promise<void> {
  const db = new (await sqlite()).Database();
  db.exec(sql);
  writeFileSync(file, db.export());
  db.close();
}

/** The first value of `sql` on the database in `file`. */
export async function queryValue(file: string, sql: string): Promise<unknown> {
  const db = new (await sqlite()).Database(readFileSync(file));
  try {
    return db.exec(sql)[0]?.values[0][0];
  } finally {
    db.close();
  }
}
