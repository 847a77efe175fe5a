/**
 * The alert channels as each front end runs them, once its own report is out: what went out is
 * told to the front end's reporter, what did not is a warning, and nothing fails the run or
 * changes the CLI's exit code. The CLI reports on stderr (cli/notify.ts), the language server
 * in its log and a notification (lsp/notify.ts).
 */
import type { DriftConfig } from '../config/model';
import type { Report } from '../../protocol/report';
import { channelSecrets, describeOutcome, sendNotifications, type NotifyOptions } from './notify';
import { redact } from './secrets';

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
  // Every line is scrubbed here, whatever produced it: no secret reaches a terminal, a log or a notification.
  const secrets = channelSecrets(config.notifications, options);
  const info = (line: string) => reporter.info(redact(line, secrets));
  const warn = (line: string) => reporter.warn(redact(line, secrets));
  try {
    const { channels, warnings } = await sendNotifications(config, report, options);
    for (const outcome of channels) (outcome.status === 'failed' ? warn : info)(describeOutcome(outcome));
    for (const warning of warnings) warn(warning);
  } catch (error) {
    // A bug in the channels must not cost the user the analysis it follows.
    warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
