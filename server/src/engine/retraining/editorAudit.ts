/**
 * The audit entries of retraining run from the editor, recorded by the language server (the
 * client never opens the history file), linked like the CLI's to the recorded analysis that
 * recommended them.
 */
import type { DriftConfig } from '../config/model';
import { recordAudit } from '../history/audit';
import { readRuns } from '../history/readRuns';
import { recorded } from '../history/recording';
import type { AuditEntry } from '../../protocol/report';

/** False when the config's history is off (`history.enabled: false`): nothing is recorded. */
export async function recordEditorRetraining(
  config: DriftConfig,
  entry: AuditEntry,
  reportGeneratedAt: string,
): Promise<boolean> {
  if (!config.history.enabled) return false;
  const runId = await recordedRunId(config, reportGeneratedAt);
  await recordAudit(config.history.path, { ...entry, ...(runId !== undefined && { runId }) });
  return true;
}

/** The id of the history's run of that analysis (recorded with its report's `generatedAt`), if it was recorded. */
async function recordedRunId(config: DriftConfig, reportGeneratedAt: string): Promise<number | undefined> {
  // The server records an analysis in the background; it may still be writing it.
  await recorded(config.history.path);
  const runs = await readRuns(config.history.path, config.configPath);
  return runs.filter((run) => run.startedAt === reportGeneratedAt).at(-1)?.id;
}
