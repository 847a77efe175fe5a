/**
 * The alert channels after an analysis started from the editor: the language server (dist/server.js
 * over JSON-RPC) answers with the report first, then sends; the password can come from the editor's
 * settings; failures come back as a warning notification and in the log.
 */
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from '../../lsp/lspClient';
import { project } from './project';
import { mailServer, webhookServer, type MailServer, type WebhookServer } from './servers';
import { GET_NOTIFICATION_PASSWORD, RUN_ANALYSIS, type EmailAccount } from '../../../src/protocol/messages';

const SHOW_MESSAGE = 'window/showMessageRequest';
const LOG_MESSAGE = 'window/logMessage';
const WARNING = 2;

let client: LspClient | undefined;
let webhook: WebhookServer | undefined;
let mail: MailServer | undefined;

afterEach(async () => {
  await client?.stop();
  await webhook?.close();
  await mail?.close();
  client = webhook = mail = undefined;
});

/** Starts the server as the editor would, answering its message boxes as dismissed (and keeping them). */
async function start(settings?: object): Promise<LspClient> {
  const started = await LspClient.start(settings);
  started.connection.onRequest(SHOW_MESSAGE, (params: unknown) => {
    started.notifications.push({ method: SHOW_MESSAGE, params });
    return null;
  });
  return started;
}

/** The first notification (or message box) `method` whose message includes `text`, waiting for it. */
async function notification(
  method: string,
  text: string,
  timeoutMs = 20_000,
): Promise<{ type: number; message: string }> {
  const started = Date.now();
  for (;;) {
    const found = client!.notifications.find(
      (n) => n.method === method && (n.params as { message: string }).message.includes(text),
    );
    if (found) return found.params as { type: number; message: string };
    if (Date.now() - started > timeoutMs) throw new Error(`no ${method} with "${text}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('alert channels after an analysis in the editor', () => {
  it('answers with the report before the webhook is done, and logs what was sent', async () => {
    webhook = await webhookServer([200], 1500);
    const { configPath } = project(`notifications:\n  webhook:\n    url: ${webhook.url}\n`);
    client = await start();
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() });
    expect(report.alerts).toHaveLength(5);
    // The webhook holds its answer back: the report did not wait for it.
    expect(
      client.notifications.some(
        (n) => n.method === LOG_MESSAGE && (n.params as { message: string }).message.includes('Sent'),
      ),
    ).toBe(false);
    expect((await notification(LOG_MESSAGE, 'Alert channels:')).message).toBe(
      `Alert channels: Sent 4 alerts to the webhook at ${new URL(webhook.url).host}.`,
    );
    expect(JSON.parse(webhook.requests[0].body).config).toBe('drift.yaml');
  });

  it('e-mails with the password the editor stores (SecretStorage) for this host and user, the user from the environment', async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'from-secret-storage' });
    const { configPath } = project(
      `notifications:\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n    user_env: DRIFT_TEST_SMTP_USER\n    password_env: DRIFT_TEST_SMTP_PASSWORD\n`,
    );
    // The server inherits the environment the editor was started with.
    process.env.DRIFT_TEST_SMTP_USER = 'drift-bot';
    try {
      client = await start();
    } finally {
      delete process.env.DRIFT_TEST_SMTP_USER;
    }
    const asked: EmailAccount[] = [];
    client.connection.onRequest(GET_NOTIFICATION_PASSWORD, (account: EmailAccount) => {
      asked.push(account);
      return 'from-secret-storage';
    });
    await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() });
    expect((await notification(LOG_MESSAGE, 'Alert channels:')).message).toBe(
      `Alert channels: Sent 4 alerts by e-mail through 127.0.0.1:${mail.port} to ops@example.com.`,
    );
    expect(asked).toEqual([{ host: '127.0.0.1', user: 'drift-bot' }]);
    expect(mail.logins).toEqual([{ username: 'drift-bot', password: 'from-secret-storage' }]);
    expect(mail.mails[0].headers.subject).toBe('Drift Monitor: 4 high alerts in drift.yaml');
  });

  it('shows a warning naming the missing variable and the editor command, and the analysis still succeeds', async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'pa55word' });
    const { configPath } = project(
      `notifications:\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n    user_env: DRIFT_TEST_SMTP_USER\n    password_env: DRIFT_TEST_SMTP_PASSWORD\n`,
    );
    process.env.DRIFT_TEST_SMTP_USER = 'drift-bot';
    try {
      client = await start();
    } finally {
      delete process.env.DRIFT_TEST_SMTP_USER;
    }
    const report = await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() });
    expect(report.alerts).toHaveLength(5);
    const warning = await notification(SHOW_MESSAGE, 'alert channels');
    expect(warning).toEqual({
      type: WARNING,
      actions: [],
      message: `Drift Monitor alert channels: Could not send 4 alerts by e-mail through 127.0.0.1:${mail.port} to ops@example.com: the environment variable DRIFT_TEST_SMTP_PASSWORD (named by notifications.email.password_env) is not set (or run "Drift Monitor: Set Notification Password").`,
    });
    expect((await notification(LOG_MESSAGE, 'Alert channels:')).type).toBe(WARNING);
    expect(mail.mails).toHaveLength(0);
  });

  it('keeps running for a client that cannot show message boxes: the warning stays in the log', async () => {
    webhook = await webhookServer([404]);
    const { configPath } = project(`notifications:\n  webhook:\n    url: ${webhook.url}\n`);
    client = await LspClient.start();
    await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() });
    expect(await notification(LOG_MESSAGE, 'Alert channels:')).toEqual({
      type: WARNING,
      message: `Alert channels: Could not send 4 alerts to the webhook at ${new URL(webhook.url).host}: the webhook answered HTTP 404 Not Found: server trouble`,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.alive).toBe(true);
    expect(
      await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() }),
    ).toMatchObject({ version: 1 });
  });

  it('keeps the stored password out of its log and notifications when the SMTP server quotes it back', async () => {
    const stored = 'pw-stored-91c4e7a02b';
    mail = await mailServer(
      { username: 'drift-bot', password: 'another' },
      { refusal: (l) => `bad login ${l.password}` },
    );
    const { configPath } = project(
      `notifications:\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n    user_env: DRIFT_TEST_SMTP_USER\n    password_env: DRIFT_TEST_SMTP_PASSWORD\n`,
    );
    process.env.DRIFT_TEST_SMTP_USER = 'drift-bot';
    try {
      client = await start();
    } finally {
      delete process.env.DRIFT_TEST_SMTP_USER;
    }
    client.connection.onRequest(GET_NOTIFICATION_PASSWORD, () => stored);
    await client.connection.sendRequest(RUN_ANALYSIS, { uri: pathToFileURL(configPath).toString() });
    expect((await notification(SHOW_MESSAGE, 'alert channels')).message).toMatch(
      /refused the login \(.*bad login \*\*\*\)/,
    );
    expect(mail.logins).toEqual([{ username: 'drift-bot', password: stored }]);
    expect(JSON.stringify(client.notifications)).not.toContain(stored);
  });
});
