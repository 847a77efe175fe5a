/**
 * The channels keep their secrets: a credential never crosses the network in clear text to
 * another machine, and no secret set in the environment (or echoed back by a server) appears in
 * the CLI's output, the report, the run history or the record of sent alerts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { sendNotifications, type NotifyOptions } from '../../../src/engine/notify/notify';
import type { Report } from '../../../src/protocol/report';
import { runCli } from '../../cli/runCli';
import { project, type Project } from './project';
import { anotherMachine, mailServer, webhookServer, type MailServer, type WebhookServer } from './servers';

const FAST: NotifyOptions['retry'] = { attempts: 3, firstDelayMs: 20, timeoutMs: 2000 };
/** Secrets no output may hold, each long and unlike any other text of a run. */
const TOKEN = 'tok-7f3a9c2e51d04b8a';
const QUERY_TOKEN = 'qry-0b9e44d1c7a25f36';
const PASSWORD = 'pw-5c81e2a9f0d7b364';

let webhook: WebhookServer | undefined;
let mail: MailServer | undefined;
let report: Report;

beforeAll(async () => {
  report = await analyze(project('').config, { configShown: 'drift.yaml' });
});

afterEach(async () => {
  await webhook?.close();
  await mail?.close();
  webhook = mail = undefined;
});

/** Every file the run left in the project's `.drift-monitor` folder (the run history, the record of sent alerts), as text. */
function stateFiles({ dir }: Project): string[] {
  const folder = join(dir, '.drift-monitor');
  return readdirSync(folder).map((name) => readFileSync(join(folder, name), 'latin1'));
}

/** `analyze` in this process, recording the run in the history and writing the report: every output a secret could reach. */
async function analyzeWithOutputs(p: Project, env: Record<string, string>) {
  const json = join(p.dir, 'report.json');
  const run = await runCli(['analyze', p.configPath, '--json', json], { env });
  expect(run.code).toBe(0);
  const outputs = [run.stdout, run.stderr, readFileSync(json, 'utf8'), ...stateFiles(p)];
  return { ...run, outputs };
}

const expectNoSecret = (outputs: string[], ...secrets: string[]) => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
};

describe('secrets in what the CLI prints, reports and records', () => {
  it('refuses a url_env address with a user name and password in it, without an attempt and without quoting it', async () => {
    webhook = await webhookServer();
    const p = project('notifications:\n  webhook:\n    url_env: DRIFT_WEBHOOK_URL\n');
    const url = webhook.url.replace('//', `//drift:${TOKEN}@`) + `?token=${QUERY_TOKEN}`;
    const run = await analyzeWithOutputs(p, { DRIFT_WEBHOOK_URL: url });
    expect(run.stderr).toContain(
      'drift-monitor: warning: Could not send 4 alerts to the webhook at 127.0.0.1:' +
        `${new URL(webhook.url).port}: not sent: the address in the environment variable DRIFT_WEBHOOK_URL (named by notifications.webhook.url_env) has a user name or password in it`,
    );
    expect(webhook.requests).toHaveLength(0);
    expectNoSecret(run.outputs, TOKEN, QUERY_TOKEN);
  });

  it('quotes a server that echoes the secret header back without the secret, and keeps a query token of url_env out too', async () => {
    webhook = await webhookServer([401], 0, { troubleBody: (r) => `invalid token ${r.headers.authorization}` });
    const p = project(
      'notifications:\n  webhook:\n    url_env: DRIFT_WEBHOOK_URL\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n',
    );
    const run = await analyzeWithOutputs(p, {
      DRIFT_WEBHOOK_URL: `${webhook.url}?token=${QUERY_TOKEN}`,
      DRIFT_WEBHOOK_TOKEN: `Bearer ${TOKEN}`,
    });
    expect(webhook.requests).toHaveLength(1);
    expect(webhook.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(run.stderr).toContain('the webhook answered HTTP 401 Unauthorized: invalid token ***');
    expectNoSecret(run.outputs, TOKEN, QUERY_TOKEN);
  });

  it('quotes an SMTP server that echoes the password in its refusal without the password', async () => {
    mail = await mailServer(
      { username: 'drift-bot', password: 'another' },
      { refusal: (l) => `no such login ${l.password}` },
    );
    const p = project(
      `notifications:\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n`,
    );
    const run = await analyzeWithOutputs(p, { SMTP_USER: 'drift-bot', SMTP_PASSWORD: PASSWORD });
    expect(mail.logins).toEqual([{ username: 'drift-bot', password: PASSWORD }]);
    expect(run.stderr).toMatch(/refused the login \(.*no such login \*\*\*\)/);
    expectNoSecret(run.outputs, PASSWORD);
  });
});

describe('credentials never cross the network in clear text', () => {
  it('does not log in to another machine that offers no STARTTLS, and says why', async () => {
    const machine = await anotherMachine();
    if (!machine) return expect.fail('this machine has no name or address other than loopback');
    mail = await mailServer({ username: 'drift-bot', password: PASSWORD }, { host: machine.address });
    const { config } = project(
      `notifications:\n  email:\n    host: ${machine.name}\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n`,
    );
    const result = await sendNotifications(config, report, {
      env: { SMTP_USER: 'drift-bot', SMTP_PASSWORD: PASSWORD },
      retry: FAST,
    });
    expect(result.channels[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(result.channels[0].error).toMatch(
      new RegExp(
        `^not sent: the SMTP server ${machine.name}:${mail.port} does not offer TLS \\(STARTTLS\\), and the login is not sent in clear text to another machine`,
      ),
    );
    expect(mail.logins).toEqual([]);
    expect(mail.mails).toEqual([]);
  });

  it('does not send header secrets over plain http to another machine named by url_env', async () => {
    const machine = await anotherMachine();
    if (!machine) return expect.fail('this machine has no name or address other than loopback');
    webhook = await webhookServer([200], 0, { host: machine.address });
    const { config } = project(
      'notifications:\n  webhook:\n    url_env: DRIFT_WEBHOOK_URL\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n',
    );
    const url = new URL(webhook.url);
    url.hostname = machine.name;
    const result = await sendNotifications(config, report, {
      env: { DRIFT_WEBHOOK_URL: url.toString(), DRIFT_WEBHOOK_TOKEN: `Bearer ${TOKEN}` },
      retry: FAST,
    });
    expect(result.channels[0]).toMatchObject({
      status: 'failed',
      attempts: 0,
      error: `not sent: the address in the environment variable DRIFT_WEBHOOK_URL (named by notifications.webhook.url_env) is plain http:// to ${url.host}, so the \`header_env\` secrets would cross the network in clear text; use https:// (plain http:// is only for this machine: localhost, 127.0.0.1 or ::1).`,
    });
    expect(webhook.requests).toHaveLength(0);
  });

  it('does not follow a redirect, which would carry the header secrets to an address the config does not name', async () => {
    const elsewhere = await webhookServer();
    try {
      webhook = await webhookServer([307], 0, { answerHeaders: { location: elsewhere.url } });
      const { config } = project(
        `notifications:\n  webhook:\n    url: ${webhook.url}\n    header_env: { X-Api-Key: DRIFT_WEBHOOK_TOKEN }\n`,
      );
      const result = await sendNotifications(config, report, { env: { DRIFT_WEBHOOK_TOKEN: TOKEN }, retry: FAST });
      expect(result.channels[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        error:
          'the webhook answered HTTP 307 (a redirect, not followed: the alerts and their headers go only to the address the config names)',
      });
      expect(webhook.requests).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('still sends plain http with header secrets to this machine (loopback)', async () => {
    webhook = await webhookServer();
    const { config } = project(
      'notifications:\n  webhook:\n    url_env: DRIFT_WEBHOOK_URL\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n',
    );
    const result = await sendNotifications(config, report, {
      env: { DRIFT_WEBHOOK_URL: webhook.url.replace('127.0.0.1', 'localhost'), DRIFT_WEBHOOK_TOKEN: `Bearer ${TOKEN}` },
      retry: FAST,
    });
    expect(result.channels[0].status).toBe('sent');
    expect(webhook.requests).toHaveLength(1);
  });
});
