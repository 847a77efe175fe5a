/**
 * The retraining hook's requests: the command the last analysis of a config calls for, with the
 * shell and the words the editor's task and notification need (GET_RETRAINING_COMMAND), and the
 * record of a run in the audit log (RECORD_RETRAINING, RETRAINING_ENDED).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { DriftConfig } from '../engine/config/model';
import { loadConfig } from '../engine/config/load';
import { auditEntry, outcomeText, reasonsLine, retrainingCommand } from '../engine/retraining/command';
import { recordEditorRetraining } from '../engine/retraining/editorAudit';
import { retrainingShell } from '../engine/retraining/shell';
import {
  GET_RETRAINING_COMMAND,
  RECORD_RETRAINING,
  RETRAINING_ENDED,
  type GetRetrainingCommandParams,
  type RecordRetrainingParams,
  type RetrainingEndedParams,
  type RetrainingEndedResult,
  type RetrainingTask,
} from '../protocol/messages';
import type { RetrainingDecision } from '../protocol/report';
import type { AnalysisRuns } from './analysisRuns';
import { answering } from './requestErrors';
import { pathOf } from './uris';
import type { WorkspaceTrust } from './workspaceTrust';

/** A notification holds a line or two: the first reasons, then how many more. */
const REASONS_SHOWN = 2;

/** "a; b (and 3 more), priority high". */
export function reasonsShown({ reasons, priority }: RetrainingDecision): string {
  const shown = reasonsLine(reasons.slice(0, REASONS_SHOWN));
  const more = reasons.length > REASONS_SHOWN ? ` (and ${reasons.length - REASONS_SHOWN} more)` : '';
  return `${shown}${more}, priority ${priority}`;
}

export function handleRetraining(
  connection: Connection,
  runs: AnalysisRuns,
  trust: Pick<WorkspaceTrust, 'isTrusted'>,
): void {
  // The history of the config the recommending analysis ran with; after a server restart, the saved file's.
  const configOf = async (uri: string): Promise<DriftConfig> =>
    runs.last(uri)?.config ?? (await loadConfig(pathOf(uri)));

  connection.onRequest(GET_RETRAINING_COMMAND, ({ uri }: GetRetrainingCommandParams): RetrainingTask | null => {
    // Restricted Mode runs nothing: there is no command to hand out (the report says it was held back).
    if (!trust.isTrusted) return null;
    const run = runs.last(uri);
    const command = run && retrainingCommand(run.config, run.report);
    if (!run || !command) return null;
    const shell = retrainingShell();
    return {
      ...command,
      shell: { executable: shell.executable, args: shell.args },
      reasonsShown: reasonsShown(run.report.retraining),
    };
  });

  connection.onRequest(
    RECORD_RETRAINING,
    ({ uri, entry, reportGeneratedAt }: RecordRetrainingParams): Promise<boolean> =>
      answering(async () => recordEditorRetraining(await configOf(uri), entry, reportGeneratedAt)),
  );

  connection.onRequest(
    RETRAINING_ENDED,
    async ({
      uri,
      command,
      startedAt,
      exitCode,
      durationMs,
      trigger,
      reportGeneratedAt,
    }: RetrainingEndedParams): Promise<RetrainingEndedResult> => {
      const outcome = { startedAt, exitCode, durationMs };
      try {
        const recorded = await recordEditorRetraining(
          await configOf(uri),
          auditEntry(command, outcome, trigger),
          reportGeneratedAt,
        );
        return { recorded, outcome: outcomeText(outcome) };
      } catch (error) {
        return { recorded: false, outcome: outcomeText(outcome), problem: (error as Error).message };
      }
    },
  );
}
