/**
 * The history file's tables, as a list of migrations: MIGRATIONS[i] brings a file from
 * schema version i to i + 1 (PRAGMA user_version). A file is known as ours by its
 * PRAGMA application_id, so a foreign SQLite file is never taken for an old history.
 */
import type { Database } from './sqlite';

/** 'DrMo': written in the file header by the first migration. */
export const APPLICATION_ID = 0x44724d6f;

export const MIGRATIONS: readonly string[] = [
  // 1: the runs and what they found.
  `PRAGMA application_id = ${APPLICATION_ID};
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    trigger TEXT NOT NULL CHECK (trigger IN ('cli', 'editor')),
    config_path TEXT NOT NULL,
    config_sha256 TEXT NOT NULL,
    task TEXT,
    features INTEGER NOT NULL,
    drifted_features INTEGER NOT NULL,
    drift_share REAL NOT NULL,
    drift_share_threshold REAL NOT NULL,
    dataset_drifted INTEGER NOT NULL,
    risk_score REAL NOT NULL,
    risk_level TEXT NOT NULL,
    retrain INTEGER NOT NULL,
    retrain_priority TEXT NOT NULL,
    retrain_reasons TEXT NOT NULL
  );
  CREATE INDEX runs_by_config ON runs (config_path, started_at);
  CREATE TABLE run_files (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('reference', 'current', 'dataset')),
    name TEXT,
    path TEXT NOT NULL,
    written TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    sampled_from INTEGER
  );
  CREATE INDEX run_files_by_run ON run_files (run_id);
  CREATE INDEX run_files_by_path ON run_files (path, size_bytes, modified_ms);
  CREATE TABLE run_features (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT NOT NULL,
    model TEXT,
    method TEXT NOT NULL,
    statistic REAL,
    threshold REAL NOT NULL,
    drifted INTEGER NOT NULL,
    severity TEXT NOT NULL,
    score REAL NOT NULL,
    tests TEXT NOT NULL,
    PRIMARY KEY (run_id, name)
  );
  CREATE TABLE run_metrics (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    data TEXT NOT NULL,
    metric TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (run_id, model, data, metric)
  );
  CREATE TABLE run_alerts (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    "values" TEXT NOT NULL
  );
  CREATE INDEX run_alerts_by_run ON run_alerts (run_id);`,
  // 2: the retraining hook's audit log. run_id has no foreign key on purpose: an entry is
  // kept even when the run it names was not recorded (history off, recording failed).
  `CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    "when" TEXT NOT NULL,
    reason TEXT NOT NULL,
    command TEXT NOT NULL,
    cwd TEXT NOT NULL,
    exit_code INTEGER,
    duration_ms REAL NOT NULL,
    trigger TEXT NOT NULL CHECK (trigger IN ('editor', 'cli', 'auto')),
    run_id INTEGER
  );
  CREATE INDEX audit_by_when ON audit ("when");`,
  // 3: the retraining verdict's state, and the labels a blocked one still needs. Runs recorded
  // before have NULL here; readRuns.ts derives their state from what they did record.
  `ALTER TABLE runs ADD COLUMN retrain_state TEXT CHECK (retrain_state IN ('not-needed', 'recommended', 'blocked'));
  ALTER TABLE runs ADD COLUMN retrain_labels_needed INTEGER;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface SchemaState {
  version: number;
  /**
   * Made by Drift Monitor: its application id. An SQLite file without it is someone else's,
   * even one with no tables yet (a new database made for another purpose), and is never
   * taken over; only a history that does not exist yet is created.
   */
  ours: boolean;
}

export function schemaState(db: Database): SchemaState {
  return { version: pragmaNumber(db, 'user_version'), ours: pragmaNumber(db, 'application_id') === APPLICATION_ID };
}

/** Applies the migrations from `from` on, each in a transaction with its new version. */
export function migrate(db: Database, from: number): void {
  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.exec(`BEGIN; ${MIGRATIONS[version]}; PRAGMA user_version = ${version + 1}; COMMIT;`);
  }
}

function pragmaNumber(db: Database, name: string): number {
  return Number(db.exec(`PRAGMA ${name}`)[0]?.values[0][0] ?? 0);
}
