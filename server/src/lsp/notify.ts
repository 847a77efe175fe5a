/** The language server's alert channels: every line in its log (the output channel), failures also as a warning notification. */
import * as path from 'node:path';
import type { DriftConfig } from '../engine/config/model';
import { runAlertChannels } from '../engine/notify/afterRun';
import type { EmailAccount } from '../protocol/messages';
import type { Report } from '../protocol/report';

/** What the language server needs of its connection. */
interface EditorConnection {
  console: { info(message: string): void; warn(message: string): void };
  window: { showWarningMessage(message: string): Promise<unknown> };
}

/** Asks the editor for the password it stores for `account` (GET_NOTIFICATION_PASSWORD); null when none. */
export type StoredPassword = (account: EmailAccount) => Promise<string | null>;

/** Where else the editor's SMTP password can come from (the command is in package.json). */
const PASSWORD_HINT = 'or run "Drift Monitor: Set Notification Password"';

/** The account `config` e-mails from: its SMTP host and the user the variable `user_env` names, when set. */
export function emailAccount(config: DriftConfig, env: NodeJS.ProcessEnv = process.env): EmailAccount | null {
  const email = config.notifications?.email;
  const user = email?.userEnv ? env[email.userEnv] : undefined;
  return email && user ? { host: email.host, user } : null;
}

/** The language server: every line in its log (the output channel), failures also as a warning notification. */
export async function notifyFromEditor(
  connection: EditorConnection,
  config: DriftConfig,
  report: Report,
  storedPassword: StoredPassword,
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
    return;
  }
  // Only the password stored for this host and user is asked for; a client that cannot answer has none.
  const account = emailAccount(config);
  const password = account ? await storedPassword(account).catch(() => null) : null;
  return runAlertChannels(config, report, reporter, {
    ...(typeof password === 'string' && password !== '' && { storedPassword: password }),
    passwordHint: PASSWORD_HINT,
  });
}
