/**
 * The audit log of retraining: each time the retraining command ran, why, and how it
 * ended. Kept in the run history file (table `audit`).
 */
import Papa from 'papaparse';
import { changeHistory, readHistory } from './historyFile';
import { selectAll } from './sqlite';
import type { AuditEntry } from '../../protocol/report';

/** Adds `entry` to the history at `historyPath` (created when missing). */
export async function recordAudit(historyPath: string, entry: AuditEntry): Promise<void> {
  await changeHistory(historyPath, (db) => {
    db.run(
      'INSERT INTO audit ("when", reason, command, cwd, exit_code, duration_ms, trigger, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        entry.startedAt,
        entry.reason,
        entry.command,
        entry.cwd,
        entry.exitCode,
        entry.durationMs,
        entry.trigger,
        entry.runId ?? null,
      ],
    );
  });
}

interface AuditRow {
  when: string;
  reason: string;
  command: string;
  cwd: string;
  exit_code: number | null;
  duration_ms: number;
  trigger: AuditEntry['trigger'];
  run_id: number | null;
}

/** Every entry, oldest first; none when there is no history file yet. */
export async function readAudit(historyPath: string): Promise<AuditEntry[]> {
  const rows = await readHistory(historyPath, (db) =>
    selectAll<AuditRow>(db, 'SELECT * FROM audit ORDER BY "when", id'),
  );
  return (rows ?? []).map((row) => ({
    startedAt: row.when,
    reason: row.reason,
    command: row.command,
    cwd: row.cwd,
    exitCode: row.exit_code,
    durationMs: row.duration_ms,
    trigger: row.trigger,
    ...(row.run_id === null ? {} : { runId: row.run_id }),
  }));
}

/** The entries as CSV, one row each, for spreadsheets. */
export function auditCsv(entries: AuditEntry[]): string {
  const fields = ['started_at', 'reason', 'command', 'cwd', 'exit_code', 'duration_ms', 'trigger', 'run_id'];
  const data = entries.map((e) => [
    e.startedAt,
    e.reason,
    e.command,
    e.cwd,
    e.exitCode ?? '',
    e.durationMs,
    e.trigger,
    e.runId ?? '',
  ]);
  // Formula-looking cells are escaped: the reason and the command are free text.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\n' }) + '\n';
}
