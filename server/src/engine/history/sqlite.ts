/**
 * SQLite through sql.js (WebAssembly), so the history works in every VS Code build
 * without native modules. The engine is loaded once per process.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

export type { Database } from 'sql.js';

let engine: Promise<SqlJsStatic> | undefined;

/** sql.js's engine; its .wasm file is copied next to the bundle (dist/) by esbuild.mjs, and is in node_modules for the sources (tests). */
export function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs({ locateFile: () => wasmFile() });
  return engine;
}

function wasmFile(): string {
  const bundled = join(__dirname, 'sql-wasm.wasm');
  return existsSync(bundled) ? bundled : createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

/** The rows of `sql` as plain objects keyed by column name. */
export function selectAll<Row>(db: Database, sql: string, params: (string | number | null)[] = []): Row[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as Row);
    return rows;
  } finally {
    statement.free();
  }
}
