/**
 * `drift-monitor analyze --retrain`: before the analysis, check that there is a command to run
 * and a folder to run it in; after it, run the command when the report recommends retraining,
 * record the run in the audit log and say how it ended.
 */
import * as path from 'node:path';
import type { DriftConfig } from '../engine/config/model';
import { recordAudit } from '../engine/history/audit';
import { InputError } from '../engine/inputError';
import type { Report, AuditEntry } from '../protocol/report';
import { auditEntry, outcomeText, retrainingCommand } from '../engine/retraining/command';
import { folderProblem } from '../engine/retraining/configProblems';
import { runRetrainingCommand } from '../engine/retraining/runCommand';
import type { CliIo, Writer } from './io';
import { retrainingNotRun } from '../protocol/text';

/** Throws an InputError naming the config when `--retrain` cannot run anything. */
export async function checkRetraining(config: DriftConfig, configShown: string): Promise<void> {
  const hook = config.retraining.hook;
  if (!hook)
    throw new InputError(
      `--retrain: ${configShown} has no \`retraining.command\`, so there is nothing to run. Add the command that retrains the model under \`retraining:\` (see the README, "Retraining hook").`,
      { file: configShown },
    );
  const folder = path.dirname(config.configPath);
  const problem = await folderProblem(path.relative(folder, hook.cwd) || '.', folder);
  if (problem) throw new InputError(`${configShown}: \`retraining.cwd\` ${problem}`, { file: configShown });
}

/**
 * False when the command ran and failed (a non-zero exit code, a signal, or it could not
 * start). Messages go to stdout unless `quiet`; a failure always goes to stderr.
 */
export async function retrainAfterAnalysis(
  config: DriftConfig,
  report: Report,
  { quiet, runId }: { quiet: boolean; runId?: number },
  io: CliIo,
): Promise<boolean> {
  const say = (line: string) => (quiet ? undefined : io.stdout.write(line + '\n'));
  const command = retrainingCommand(config, report);
  if (!command) {
    // Not needed, or blocked: nothing ran and nothing failed, so the exit code is not changed.
    say(retrainingNotRun(report.retraining));
    return true;
  }
  say(`\nRetraining recommended: running \`${command.command}\` in ${command.cwd}`);
  const run = await runRetrainingCommand(command);
  const recorded = await recordInAuditLog(config, auditEntry(command, run, 'cli', runId), io.stderr);
  const failed = run.exitCode !== 0;
  if (failed)
    io.stderr.write(
      `drift-monitor: the retraining command failed: ${outcomeText(run)}${run.failure ? `, ${run.failure}` : ''}${recorded}.\n`,
    );
  else say(`Retraining command finished: ${outcomeText(run)}${recorded}.`);
  return !failed;
}

/**
 * Where the run was recorded, to end the outcome's line. As with the runs themselves, a
 * history that cannot be written is a warning: the command has run either way.
 */
async function recordInAuditLog(config: DriftConfig, entry: AuditEntry, stderr: Writer): Promise<string> {
  if (!config.history.enabled) return '; not recorded (history.enabled is false)';
  try {
    await recordAudit(config.history.path, entry);
    return `; recorded in the audit log (${config.history.path})`;
  } catch (error) {
    stderr.write(
      `drift-monitor: warning: the retraining was not recorded in the audit log: ${(error as Error)?.message ?? String(error)}\n`,
    );
    return '';
  }
}
