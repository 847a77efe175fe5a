/**
 * The alert channels as each front end runs them, once its own report is out: what went out is
 * told, what did not is a warning, and nothing fails the run or changes the CLI's exit code.
 */
import * as path from 'node:path';
import type { DriftConfig } from '../config/model';
import type { Report } from '../protocol';
import { describeOutcome, sendNotifications, type NotifyOptions } from './notify';

interface Reporter {
  info(line: string): void;
  warn(line: string): void;
}

/** What the language server needs of its connection. */
interface EditorConnection {
  console: { info(message: string): void; warn(message: string): void };
  window: { showWarningMessage(message: string): Promise<unknown> };
}

/** Where else the editor's SMTP password can come from (the command is in package.json). */
const PASSWORD_HINT = 'or run "Drift Monitor: Set Notification Password"';

/** The CLI: warnings on stderr; what was sent too, unless quiet (stdout keeps the summary alone). */
export function notifyFromCli(config: DriftConfig, report: Report, quiet: boolean): Promise<void> {
  return notify(config, report, {
    info: (line) => {
      if (!quiet) process.stderr.write(`drift-monitor: ${line}\n`);
    },
    warn: (line) => process.stderr.write(`drift-monitor: warning: ${line}\n`),
  });
}

/** The language server: every line in its log (the output channel), failures also as a warning notification. */
export function notifyFromEditor(connection: EditorConnection, config: DriftConfig, report: Report, storedPassword: string): Promise<void> {
  const reporter = {
    info: (line: string) => connection.console.info(`Alert channels: ${line}`),
    warn: (line: string) => {
      connection.console.warn(`Alert channels: ${line}`);
      // A request: a client that cannot show it refuses it, and the log line stands.
      connection.window.showWarningMessage(`Drift Monitor alert channels: ${line}`).catch(() => undefined);
    },
  };
  // An unsaved config has no folder for the record of sent alerts (nor for its relative paths).
  if (config.notifications && !path.isAbsolute(config.configPath)) {
    reporter.info('not sent for an unsaved config: save it to send its alerts.');
    return Promise.resolve();
  }
  return notify(config, report, reporter, { storedPassword, passwordHint: PASSWORD_HINT });
}

async function notify(config: DriftConfig, report: Report, reporter: Reporter, options: NotifyOptions = {}): Promise<void> {
  if (!config.notifications) return;
  try {
    const { channels, warnings } = await sendNotifications(config, report, options);
    for (const outcome of channels) (outcome.status === 'failed' ? reporter.warn : reporter.info)(describeOutcome(outcome));
    for (const warning of warnings) reporter.warn(warning);
  } catch (error) {
    // A bug in the channels must not cost the user the analysis it follows.
    reporter.warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
