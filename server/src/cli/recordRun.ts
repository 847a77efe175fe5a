/** The CLI's run history: each analysis recorded unless --no-history; a failed recording is a warning on stderr. */
import { readFile } from 'node:fs/promises';
import type { DriftConfig } from '../engine/config/model';
import { recordQuietly } from '../engine/history/recording';
import type { Report } from '../protocol/report';
import type { Writer } from './io';

/** The CLI's recording: the config text is read again from the file for its hash; problems are warnings on stderr. */
export async function recordCliRun(config: DriftConfig, report: Report, stderr: Writer): Promise<number | undefined> {
  const warn = (message: string) => void stderr.write(`drift-monitor: warning: ${message}\n`);
  let configText: string;
  try {
    configText = await readFile(config.configPath, 'utf8');
  } catch (error) {
    warn(
      `the run was not recorded in the run history: cannot read ${config.configPath} again (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
    return undefined;
  }
  return recordQuietly({ report, config, configText, trigger: 'cli' }, warn);
}
