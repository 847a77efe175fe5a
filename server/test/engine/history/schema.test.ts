/** The history file's schema: created on first write, migrated with a backup, refused when newer. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit, recordAudit } from '../../../src/engine/history/audit';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from '../../../src/engine/history/schema';
import { InputError } from '../../../src/engine/inputError';
import { queryValue, scratchFolder, writeSqlite } from './scratch';
import type { AuditEntry } from '../../../src/protocol/report';

const folder = scratchFolder('schema');
const entry: AuditEntry = {
  startedAt: '2026-01-31T09:30:00.000Z',
  reason: 'dataset drift',
  command: 'make retrain',
  cwd: '/srv/model',
  exitCode: 0,
  durationMs: 1234,
  trigger: 'auto',
  runId: 1,
};
const tables = (file: string) =>
  queryValue(
    file,
    "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)",
  );

describe('a new history file', () => {
  it('is created with every table, the current schema version and the application id', async () => {
    const file = path.join(folder, 'new', 'deeper', 'history.sqlite');
    await recordAudit(file, entry);
    expect(await tables(file)).toBe('audit,run_alerts,run_features,run_files,run_metrics,runs');
    expect(await queryValue(file, 'PRAGMA user_version')).toBe(SCHEMA_VERSION);
    expect(await queryValue(file, 'PRAGMA application_id')).toBe(APPLICATION_ID);
    expect(await readAudit(file)).toEqual([entry]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('may be an empty file (0 bytes, which holds nothing), which is taken as new', async () => {
    const empty = path.join(folder, 'empty.sqlite');
    writeFileSync(empty, '');
    await recordAudit(empty, entry);
    expect(await readAudit(empty)).toEqual([entry]);
  });

  it('reads as no entries when there is no file, without creating one', async () => {
    const missing = path.join(folder, 'missing.sqlite');
    expect(await readAudit(missing)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('a file of an older schema version', () => {
  it('is migrated on the next write, after a copy of it is kept as <file>.bak-v<version>', async () => {
    // A version 1 file, as the first release wrote it: runs but no audit table yet.
    const file = path.join(folder, 'v1.sqlite');
    await writeSqlite(
      file,
      `${MIGRATIONS[0]}; PRAGMA user_version = 1;
      INSERT INTO runs VALUES (7, '2025-12-01T00:00:00.000Z', 'cli', '../drift.yaml', 'abc', NULL, 4, 1, 0.25, 0.5, 0, 12.5, 'low', 0, 'none', '[]');`,
    );
    const before = readFileSync(file);
    expect(await readAudit(file)).toEqual([]); // readable as it is: reading migrates in memory only
    expect(readFileSync(file).equals(before)).toBe(true);

    await recordAudit(file, entry);
    expect(readFileSync(`${file}.bak-v1`).equals(before)).toBe(true);
    expect(await queryValue(file, 'PRAGMA user_version')).toBe(SCHEMA_VERSION);
    expect(await queryValue(file, "SELECT config_path || ' ' || risk_score FROM runs WHERE id = 7")).toBe(
      '../drift.yaml 12.5',
    );
    expect(await readAudit(file)).toEqual([entry]);
  });
});

describe('a file of a newer schema version', () => {
  it('is refused with an InputError naming it, and left as it is', async () => {
    const file = path.join(folder, 'future.sqlite');
    await writeSqlite(
      file,
      `PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${SCHEMA_VERSION + 1}; CREATE TABLE runs_v9 (id INTEGER);`,
    );
    const before = readFileSync(file);
    const error = await recordAudit(file, entry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${file} was written by a newer Drift Monitor (history schema version ${SCHEMA_VERSION + 1}; this one knows up to ${SCHEMA_VERSION}).`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
