/**
 * The alert channels against real servers on loopback: what arrives, retries, giving up,
 * dedupe on the same data, and the minimum severity. The analysis is the demo's, run once.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { sendNotifications, type NotifyOptions } from '../../../src/engine/notify/notify';
import type { Report } from '../../../src/protocol/report';
import { DEMO_ALERTS, project } from './project';
import { mailServer, webhookServer, type MailServer, type WebhookServer } from './servers';

/** Short pauses: the tests wait for real retries. */
const FAST: NotifyOptions['retry'] = { attempts: 3, firstDelayMs: 20, timeoutMs: 2000 };
const HIGH_ALERTS = DEMO_ALERTS.filter((a) => a.severity === 'high');

let report: Report;
let webhook: WebhookServer | undefined;
let mail: MailServer | undefined;

beforeAll(async () => {
  report = await analyze(project('').config, { configShown: 'drift.yaml' });
});

afterEach(async () => {
  await webhook?.close();
  await mail?.close();
  webhook = mail = undefined;
});

/** host:port of a URL: where the outcome says the alerts went. */
const host = (url: string) => new URL(url).host;

const webhookConfig = (url: string, extra = '') => `notifications:\n${extra}  webhook:\n    url: ${url}\n`;

describe('the webhook', () => {
  it('POSTs the high alerts as JSON: Slack-compatible text and the structured summary, with headers from environment variables', async () => {
    webhook = await webhookServer();
    const { config } = project(
      `notifications:\n  webhook:\n    url: ${webhook.url}\n    header_env:\n      Authorization: DRIFT_WEBHOOK_TOKEN\n`,
    );
    const result = await sendNotifications(config, report, {
      env: { DRIFT_WEBHOOK_TOKEN: 'Bearer s3cret' },
      retry: FAST,
    });

    expect(result).toEqual({
      channels: [
        {
          channel: 'webhook',
          status: 'sent',
          alerts: 4,
          attempts: 1,
          minSeverity: 'high',
          destination: host(webhook.url),
        },
      ],
      warnings: [],
    });
    expect(webhook.requests).toHaveLength(1);
    const [request] = webhook.requests;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(request.body)).toEqual({
      text: [
        'Drift Monitor: 4 high alerts in drift.yaml, risk 45/100 (high)',
        'Retraining recommended (priority high).',
        "• [high] 'income' drifted: mean 57440 → 71770 (normed Wasserstein 0.523, threshold 0.1).",
        "• [high] 'loan_amount' drifted: mean 15920 → 25450 (normed Wasserstein 1.188, threshold 0.1).",
        "• [high] 'default_probability' (model) drifted: mean 0.1741 → 0.2331 (normed Wasserstein 0.3444, threshold 0.1).",
        '• [high] Concept drift or input drift: errors of model rose (error rate 15.7% → 18.9%) while income and loan_amount (high), employment_type (low) drifted: the drifted inputs may explain it, or the relation between inputs and target changed; the data cannot tell which.',
      ].join('\n'),
      alerts: HIGH_ALERTS,
      risk: { score: 45, level: 'high' },
      dataset: { features: 8, driftedFeatures: 3, share: 0.375, threshold: 0.5, drifted: false },
      retraining: {
        state: 'recommended',
        retrain: true,
        priority: 'high',
        minRows: 385,
        reasons: [
          'concept drift or input drift: errors rose while income and loan_amount (high), employment_type (low) drifted, under drift.share',
        ],
      },
      config: 'drift.yaml',
      generatedAt: report.generatedAt,
    });
  });

  it('takes the URL from the variable url_env names', async () => {
    webhook = await webhookServer();
    const { config } = project('notifications:\n  webhook:\n    url_env: SLACK_WEBHOOK_URL\n');
    const result = await sendNotifications(config, report, { env: { SLACK_WEBHOOK_URL: webhook.url }, retry: FAST });
    expect(result.channels[0].status).toBe('sent');
    expect(webhook.requests).toHaveLength(1);
  });

  it('retries after 500s and succeeds on the third attempt', async () => {
    webhook = await webhookServer([500, 503, 200]);
    const { config } = project(webhookConfig(webhook.url));
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.channels).toEqual([
      {
        channel: 'webhook',
        status: 'sent',
        alerts: 4,
        attempts: 3,
        minSeverity: 'high',
        destination: host(webhook.url),
      },
    ]);
    expect(webhook.requests).toHaveLength(3);
    // Every attempt carries the same summary.
    expect(new Set(webhook.requests.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after three attempts and reports why, without recording the alerts as sent', async () => {
    webhook = await webhookServer([500]);
    const { config, ledgerPath } = project(webhookConfig(webhook.url));
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.channels).toEqual([
      {
        channel: 'webhook',
        status: 'failed',
        alerts: 4,
        attempts: 3,
        minSeverity: 'high',
        destination: host(webhook.url),
        error: 'the webhook answered HTTP 500 Internal Server Error: server trouble',
      },
    ]);
    expect(webhook.requests).toHaveLength(3);
    expect(existsSync(ledgerPath)).toBe(false);
  });

  it('does not retry an answer that trying again cannot change (404)', async () => {
    webhook = await webhookServer([404]);
    const { config } = project(webhookConfig(webhook.url));
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.channels[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'the webhook answered HTTP 404 Not Found: server trouble',
    });
    expect(webhook.requests).toHaveLength(1);
  });

  it('gives each attempt a timeout', async () => {
    webhook = await webhookServer([null]);
    const { config } = project(webhookConfig(webhook.url));
    const result = await sendNotifications(config, report, {
      retry: { attempts: 2, firstDelayMs: 10, timeoutMs: 300 },
    });
    expect(result.channels[0]).toMatchObject({ status: 'failed', attempts: 2, error: 'no answer within 0.3 s' });
    expect(webhook.requests).toHaveLength(2);
  });

  it('reports a server that is not there', async () => {
    webhook = await webhookServer();
    const url = webhook.url;
    await webhook.close();
    webhook = undefined;
    const { config } = project(webhookConfig(url));
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.channels[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'cannot reach the webhook (ECONNREFUSED)',
    });
  });

  it('names a missing environment variable and makes no attempt', async () => {
    webhook = await webhookServer();
    const { config } = project(
      `notifications:\n  webhook:\n    url: ${webhook.url}\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n`,
    );
    const result = await sendNotifications(config, report, { env: {}, retry: FAST });
    expect(result.channels).toEqual([
      {
        channel: 'webhook',
        status: 'failed',
        alerts: 4,
        attempts: 0,
        minSeverity: 'high',
        destination: host(webhook.url),
        error:
          'the environment variable DRIFT_WEBHOOK_TOKEN (named by notifications.webhook.header_env.Authorization) is not set.',
      },
    ]);
    expect(webhook.requests).toHaveLength(0);
  });
});

describe('dedupe', () => {
  it('sends the same alerts on the same data once, and again when the data changes', async () => {
    webhook = await webhookServer();
    const { config, ledgerPath, touchCurrent } = project(webhookConfig(webhook.url));
    expect((await sendNotifications(config, report, { retry: FAST })).channels[0]).toMatchObject({
      status: 'sent',
      alerts: 4,
    });
    const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'));
    expect(ledger.version).toBe(1);
    expect(Object.keys(ledger.channels.webhook)).toHaveLength(4);

    expect((await sendNotifications(config, report, { retry: FAST })).channels).toEqual([
      { channel: 'webhook', status: 'nothing-to-send', alerts: 0, attempts: 0, minSeverity: 'high' },
    ]);
    expect(webhook.requests).toHaveLength(1);

    // The same alert text, but the current file is no longer the same data.
    touchCurrent();
    expect((await sendNotifications(config, report, { retry: FAST })).channels[0]).toMatchObject({
      status: 'sent',
      alerts: 4,
    });
    expect(webhook.requests).toHaveLength(2);
    expect(Object.keys(JSON.parse(readFileSync(ledgerPath, 'utf8')).channels.webhook)).toHaveLength(8);
  });

  it('keeps a record per channel: a channel that failed sends on the next run', async () => {
    webhook = await webhookServer([500, 500, 500, 200]);
    mail = await mailServer();
    const { config } = project(
      `notifications:\n  webhook:\n    url: ${webhook.url}\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n`,
    );
    const first = await sendNotifications(config, report, { retry: FAST });
    expect(first.channels.map((c) => [c.channel, c.status])).toEqual([
      ['webhook', 'failed'],
      ['email', 'sent'],
    ]);
    const second = await sendNotifications(config, report, { retry: FAST });
    expect(second.channels.map((c) => [c.channel, c.status])).toEqual([
      ['webhook', 'sent'],
      ['email', 'nothing-to-send'],
    ]);
    expect(mail.mails).toHaveLength(1);
  });

  it('sends every time with dedupe: false', async () => {
    webhook = await webhookServer();
    const { config, ledgerPath } = project(webhookConfig(webhook.url, '  dedupe: false\n'));
    await sendNotifications(config, report, { retry: FAST });
    await sendNotifications(config, report, { retry: FAST });
    expect(webhook.requests).toHaveLength(2);
    expect(existsSync(ledgerPath)).toBe(false);
  });

  it('warns about a damaged record, sends, and starts the record afresh', async () => {
    webhook = await webhookServer();
    const { config, ledgerPath } = project(webhookConfig(webhook.url));
    await sendNotifications(config, report, { retry: FAST });
    writeFileSync(ledgerPath, '{ "version": 1, "chan');
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.warnings).toEqual([
      `${ledgerPath} is not a list of sent alerts (not JSON of the expected shape): alerts sent before may be sent again.`,
    ]);
    expect(result.channels[0].status).toBe('sent');
    expect(Object.keys(JSON.parse(readFileSync(ledgerPath, 'utf8')).channels.webhook)).toHaveLength(4);
  });
});

describe('minimum severity', () => {
  it('sends low alerts too when notifications.min_severity is low', async () => {
    webhook = await webhookServer();
    const { config } = project(webhookConfig(webhook.url, '  min_severity: low\n'));
    await sendNotifications(config, report, { retry: FAST });
    expect(JSON.parse(webhook.requests[0].body).alerts).toEqual(DEMO_ALERTS);
    expect(JSON.parse(webhook.requests[0].body).text.split('\n')[0]).toBe(
      'Drift Monitor: 4 high and 1 low alerts in drift.yaml, risk 45/100 (high)',
    );
  });

  it("lets a channel's own min_severity override the shared one", async () => {
    webhook = await webhookServer();
    mail = await mailServer();
    const { config } = project(
      `notifications:\n  min_severity: low\n  webhook:\n    url: ${webhook.url}\n    min_severity: high\n  email:\n    host: 127.0.0.1\n    port: ${mail.port}\n    from: drift@example.com\n    to: [ops@example.com]\n`,
    );
    const result = await sendNotifications(config, report, { retry: FAST });
    expect(result.channels.map((c) => [c.channel, c.alerts, c.minSeverity])).toEqual([
      ['webhook', 4, 'high'],
      ['email', 5, 'low'],
    ]);
    expect(JSON.parse(webhook.requests[0].body).alerts.map((a: { column: string }) => a.column)).toEqual(
      HIGH_ALERTS.map((a) => a.column),
    );
  });

  it('sends nothing when no alert is severe enough', async () => {
    webhook = await webhookServer();
    const { config } = project(webhookConfig(webhook.url));
    const calm = { ...report, alerts: report.alerts.filter((a) => a.severity !== 'high') };
    expect((await sendNotifications(config, calm, { retry: FAST })).channels[0].status).toBe('nothing-to-send');
    expect(webhook.requests).toHaveLength(0);
  });
});

describe('e-mail', () => {
  const emailConfig = (port: number, extra = '') =>
    `notifications:\n  email:\n    host: 127.0.0.1\n    port: ${port}\n    from: Drift Monitor <drift@example.com>\n    to: [ops@example.com, ml-team@example.com]\n${extra}`;

  it('sends a plain-text message with the subject and every alert, logging in with credentials from environment variables', async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'pa55word' });
    const { config } = project(emailConfig(mail.port, '    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n'));
    const result = await sendNotifications(config, report, {
      env: { SMTP_USER: 'drift-bot', SMTP_PASSWORD: 'pa55word' },
      retry: FAST,
    });

    expect(result.channels).toEqual([
      {
        channel: 'email',
        status: 'sent',
        alerts: 4,
        attempts: 1,
        minSeverity: 'high',
        destination: `127.0.0.1:${mail.port} to ops@example.com, ml-team@example.com`,
      },
    ]);
    expect(mail.logins).toEqual([{ username: 'drift-bot', password: 'pa55word' }]);
    expect(mail.mails).toHaveLength(1);
    const [message] = mail.mails;
    expect(message.envelope).toEqual({ from: 'drift@example.com', to: ['ops@example.com', 'ml-team@example.com'] });
    expect(message.headers.subject).toBe('Drift Monitor: 4 high alerts in drift.yaml');
    expect(message.headers.from).toBe('Drift Monitor <drift@example.com>');
    expect(message.headers.to).toBe('ops@example.com, ml-team@example.com');
    expect(message.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
    expect(message.text).toBe(
      [
        'Drift Monitor: 4 high alerts in drift.yaml.',
        '',
        'Risk 45/100 (high). No dataset drift: 3 of 8 input features drifted (38%, limit 50%).',
        'Retraining recommended (priority high).',
        '',
        ...HIGH_ALERTS.flatMap((a, i) => [
          `${i + 1}. [high] ${a.kind}: ${a.column}`,
          `   ${a.message}`,
          `   What to do: ${a.recommendation}`,
          '',
        ]),
        `Report generated at ${report.generatedAt} by drift-monitor.`,
        '',
      ].join('\n'),
    );
  });

  it("logs in with the editor's stored password instead of password_env's variable", async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'from-secret-storage' });
    const { config } = project(emailConfig(mail.port, '    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n'));
    const result = await sendNotifications(config, report, {
      env: { SMTP_USER: 'drift-bot' },
      storedPassword: 'from-secret-storage',
      retry: FAST,
    });
    expect(result.channels[0].status).toBe('sent');
    expect(mail.logins).toEqual([{ username: 'drift-bot', password: 'from-secret-storage' }]);
  });

  it('names the missing password variable, and where else a password can come from', async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'pa55word' });
    const { config } = project(emailConfig(mail.port, '    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n'));
    const result = await sendNotifications(config, report, {
      env: { SMTP_USER: 'drift-bot' },
      passwordHint: 'or run "Drift Monitor: Set Notification Password"',
      retry: FAST,
    });
    expect(result.channels[0]).toMatchObject({
      status: 'failed',
      attempts: 0,
      error:
        'the environment variable SMTP_PASSWORD (named by notifications.email.password_env) is not set (or run "Drift Monitor: Set Notification Password").',
    });
    expect(mail.logins).toEqual([]);
  });

  it('does not retry a refused login', async () => {
    mail = await mailServer({ username: 'drift-bot', password: 'pa55word' });
    const { config } = project(emailConfig(mail.port, '    user_env: SMTP_USER\n    password_env: SMTP_PASSWORD\n'));
    const result = await sendNotifications(config, report, {
      env: { SMTP_USER: 'drift-bot', SMTP_PASSWORD: 'wrong' },
      retry: FAST,
    });
    expect(result.channels[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(result.channels[0].error).toMatch(
      new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${mail.port} refused the login \\(.*Invalid username or password`),
    );
    expect(mail.logins).toHaveLength(1);
    expect(mail.mails).toHaveLength(0);
  });
});
