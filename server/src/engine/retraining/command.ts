/** The retraining command a finished analysis calls for: the config's hook with the report's reasons. */
import type { DriftConfig } from '../config/model';
import type { Report, AuditEntry } from '../../protocol/report';
import type { RetrainingCommand } from '../../protocol/messages';
import { seconds } from '../../protocol/text';

/** The variables Drift Monitor sets for the command; `retraining.env` may not use the prefix. */
export const RESERVED_ENV_PREFIX = 'DRIFT_MONITOR_';

/**
 * Null when the config has no `retraining.command`, or the report does not recommend retraining:
 * not needed, or blocked by too few labels (retrainingNotRun in protocol/text.ts says which).
 */
export function retrainingCommand(config: DriftConfig, report: Report): RetrainingCommand | null {
  const hook = config.retraining.hook;
  if (!hook || report.retraining.state !== 'recommended') return null;
  const { reasons, priority } = report.retraining;
  return {
    command: hook.command,
    cwd: hook.cwd,
    auto: hook.auto,
    reason: reasonsLine(reasons),
    env: {
      ...hook.env,
      [`${RESERVED_ENV_PREFIX}CONFIG`]: config.configPath,
      [`${RESERVED_ENV_PREFIX}REFERENCE`]: config.reference.path,
      [`${RESERVED_ENV_PREFIX}CURRENT`]: config.current.path,
      [`${RESERVED_ENV_PREFIX}PRIORITY`]: priority,
      [`${RESERVED_ENV_PREFIX}REASONS`]: reasons.join('\n'),
    },
  };
}

/** The reasons on one line, "a; b", each without its own final full stop. */
export function reasonsLine(reasons: readonly string[]): string {
  return reasons.map((reason) => reason.replace(/\.$/, '')).join('; ');
}

/** How a run of the command ended. */
export interface RetrainingOutcome {
  /** ISO 8601. */
  startedAt: string;
  /** Null when the command did not start or was ended by a signal. */
  exitCode: number | null;
  durationMs: number;
}

export function auditEntry(
  command: RetrainingCommand,
  outcome: RetrainingOutcome,
  trigger: AuditEntry['trigger'],
  runId?: number,
): AuditEntry {
  return {
    ...outcome,
    reason: command.reason,
    command: command.command,
    cwd: command.cwd,
    trigger,
    ...(runId !== undefined && { runId }),
  };
}

/** "exit code 0 after 12.3 s", for the CLI and the editor alike. */
export function outcomeText({ exitCode, durationMs }: Pick<RetrainingOutcome, 'exitCode' | 'durationMs'>): string {
  return `${exitCode === null ? 'no exit code (it did not start, or was stopped)' : `exit code ${exitCode}`} after ${seconds(durationMs)}`;
}
