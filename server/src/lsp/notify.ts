/** The language server's alert channels: every line in its log (the output channel), failures also as a warning notification. */
import * as path from 'node:path';
import type { DriftConfig } from '../engine/config/model';
import { runAlertChannels } from '../engine/notify/afterRun';
import type { Report } from '../protocol/report';

/** What the language server needs of its connection. */
interface EditorConnection {
  console: { info(message: string): void; warn(message: string): void };
  window: { showWarningMessage(message: string): Promise<unknown> };
}

/** Where else the editor's SMTP password can come from (the command is in package.json). */
const PASSWORD_HINT = 'or run "Drift Monitor: Set Notification Password"';

/** The language server: every line in its log (the output channel), failures also as a warning notification. */
export function notifyFromEditor(
  connection: EditorConnection,
  config: DriftConfig,
  report: Report,
  storedPassword: string,
): Promise<void> {
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
  return runAlertChannels(config, report, reporter, { storedPassword, passwordHint: PASSWORD_HINT });
}
