/**
 * Recording a finished analysis for the front ends. A recording that fails never fails
 * the analysis: it becomes a warning. Recordings still being written are tracked, so that
 * a read of the history right after an analysis sees it.
 */
import { recordRun, type RunToRecord } from './recordRun';

const pending = new Map<string, Set<Promise<unknown>>>();

/** Records `run` when its config's history is enabled; resolves to the run's id, or undefined when it was not recorded (with `warn` told why). */
export async function recordQuietly(run: RunToRecord, warn: (message: string) => void): Promise<number | undefined> {
  const { enabled, path: historyPath } = run.config.history;
  if (!enabled) return undefined;
  const recording = recordRun(historyPath, run);
  const ofFile = pending.get(historyPath) ?? new Set();
  pending.set(historyPath, ofFile.add(recording));
  try {
    return await recording;
  } catch (error) {
    warn(`the run was not recorded in the run history: ${(error as Error)?.message ?? String(error)}`);
    return undefined;
  } finally {
    ofFile.delete(recording);
    if (ofFile.size === 0 && pending.get(historyPath) === ofFile) pending.delete(historyPath);
  }
}

/** Settles once the recordings into `historyPath` started so far have. */
export async function recorded(historyPath: string): Promise<void> {
  await Promise.allSettled([...(pending.get(historyPath) ?? [])]);
}
