/**
 * `drift-monitor history <config.yaml>`: the runs recorded for a config, or the
 * retraining audit log, as a table, as JSON, or (the audit log) as CSV.
 */
import * as path from 'node:path';
import { loadConfig } from '../engine/config/load';
import { InputError } from '../engine/inputError';
import { auditCsv, readAudit } from '../engine/history/audit';
import { readRuns, type RecordedRun } from '../engine/history/readRuns';
import { parseCommandLine } from './commandLine';
import { textTable } from './textTable';
import { writeOutput } from './writeOutput';
import type { AuditEntry } from '../protocol/report';
import { formatNumber, percent, retrainingHeadline, seconds } from '../protocol/text';
import type { CliIo } from './io';

const HISTORY_SYNTAX = {
  usage: 'drift-monitor history <config.yaml> [--json] [--audit] [--csv out.csv]',
  help: 'drift-monitor history --help',
};

export const HISTORY_USAGE = `  ${HISTORY_SYNTAX.usage}

Lists the analyses recorded in the config's run history (history.path), oldest first.
  --json             print the full records (files with their hashes, every feature's verdict,
                     metrics, alerts) as JSON
  --audit            the retraining audit log instead of the runs
  --csv FILE         write the audit log as CSV`;

export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        audit: { type: 'boolean', default: false },
        csv: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    HISTORY_SYNTAX,
  );
  if (values.help) {
    io.stdout.write(`Usage:\n${HISTORY_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`Usage:\n${HISTORY_USAGE}`);
  const configPath = positionals[0];
  const config = await loadConfig(path.resolve(io.cwd, configPath), configPath);
  const historyPath = config.history.path;
  const relative = path.relative(io.cwd, historyPath);
  const shownHistory = relative.startsWith('..') || path.isAbsolute(relative) ? historyPath : relative;

  if (values.audit || values.csv !== undefined) {
    const entries = await readAudit(historyPath);
    if (values.csv !== undefined) await writeOutput(values.csv, auditCsv(entries), io.cwd);
    if (values.json) io.stdout.write(JSON.stringify(entries, null, 2) + '\n');
    else if (values.csv === undefined) io.stdout.write(auditText(entries, shownHistory));
    return 0;
  }
  const runs = await readRuns(historyPath, config.configPath);
  io.stdout.write(values.json ? JSON.stringify(runs, null, 2) + '\n' : runsText(runs, configPath, shownHistory));
  return 0;
}

function runsText(runs: RecordedRun[], configShown: string, historyShown: string): string {
  if (runs.length === 0) return `No runs of ${configShown} recorded in ${historyShown} yet.\n`;
  const header = ['run', 'time (UTC)', 'by', 'files (sha256)', 'drifted features', 'risk', 'retraining'];
  const rows = runs.map((run) => [
    String(run.id),
    time(run.startedAt),
    run.trigger,
    run.files.map((f) => `${f.written} (${f.sha256.slice(0, 8)})`).join(', '),
    `${run.dataset.driftedFeatures} of ${run.dataset.features} (${percent(run.dataset.share, 0)})${run.dataset.drifted ? ' DRIFT' : ''}`,
    `${formatNumber(run.risk.score)} ${run.risk.level}`,
    retrainingHeadline(run.retraining),
  ]);
  return (
    [
      `${runs.length} run${runs.length === 1 ? '' : 's'} of ${configShown} in ${historyShown}`,
      '',
      ...textTable(header, rows, new Set([0])),
    ].join('\n') + '\n'
  );
}

function auditText(entries: AuditEntry[], historyShown: string): string {
  if (entries.length === 0) return `No retraining recorded in ${historyShown} yet.\n`;
  const header = ['time (UTC)', 'by', 'command', 'exit code', 'duration', 'run', 'reason'];
  const rows = entries.map((e) => [
    time(e.startedAt),
    e.trigger,
    oneLine(e.command),
    e.exitCode === null ? 'none' : String(e.exitCode),
    seconds(e.durationMs),
    e.runId === undefined ? '' : String(e.runId),
    oneLine(e.reason),
  ]);
  return (
    [`Retraining audit log in ${historyShown}`, '', ...textTable(header, rows, new Set([3, 4, 5]))].join('\n') + '\n'
  );
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** 2026-01-31T09:30:00.000Z → 2026-01-31 09:30:00 */
const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
