/** Runs the retraining command in the CLI's terminal: its output streams there as it comes. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { RetrainingOutcome } from './command';
import { retrainingShell } from './shell';
import type { RetrainingCommand } from '../../protocol/messages';

export interface RetrainingRun extends RetrainingOutcome {
  /** Why it did not start, or the signal that ended it. */
  failure?: string;
}

export function runRetrainingCommand(command: RetrainingCommand): Promise<RetrainingRun> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const ended = (exitCode: number | null, failure?: string): RetrainingRun => ({
    startedAt,
    exitCode,
    durationMs: Math.round(performance.now() - started),
    ...(failure && { failure }),
  });
  return new Promise((resolve) => {
    // The command line is handed to the shell whole (see shell.ts); stdin, stdout and stderr are the CLI's own.
    const child = spawn(command.command, {
      shell: retrainingShell().executable,
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: 'inherit',
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(ended(null, `it could not start: ${error.code ?? error.message}`)),
    );
    child.once('exit', (code, signal) => resolve(ended(code, signal ? `ended by ${signal}` : undefined)));
  });
}
