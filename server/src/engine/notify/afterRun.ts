/**
 * The alert channels as each front end runs them, once its own report is out: what went out is
 * told to the front end's reporter, what did not is a warning, and nothing fails the run or
 * changes the CLI's exit code. The CLI reports on stderr (cli/notify.ts), the language server
 * in its log and a notification (lsp/notify.ts).
 */
import type { DriftConfig } from '../config/model';
import type { Report } from '../../protocol/report';
import { describeOutcome, sendNotifications, type NotifyOptions } from './notify';

export interface Reporter {
  info(line: string): void;
  warn(line: string): void;
}

/** Sends the report's alerts to the config's channels, telling `reporter` how each went. */
export async function runAlertChannels(
  config: DriftConfig,
  report: Report,
  reporter: Reporter,
  options: NotifyOptions = {},
): Promise<void> {
  if (!config.notifications) return;
  try {
    const { channels, warnings } = await sendNotifications(config, report, options);
    for (const outcome of channels)
      (outcome.status === 'failed' ? reporter.warn : reporter.info)(describeOutcome(outcome));
    for (const warning of warnings) reporter.warn(warning);
  } catch (error) {
    // A bug in the channels must not cost the user the analysis it follows.
    reporter.warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
