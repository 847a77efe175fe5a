/**
 * `drift-monitor analyze` with alert channels: the CLI run in this process, posting to a
 * webhook server on loopback in this process too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { project } from './project';
import { webhookServer, type WebhookServer } from './servers';
import { runCli } from '../../cli/runCli';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

/** stderr without progress lines (a slow machine may print some). */
const messages = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('drift-monitor:'));

let webhook: WebhookServer | undefined;
afterEach(async () => {
  await webhook?.close();
  webhook = undefined;
});

const withWebhook = (url: string) =>
  `notifications:\n  webhook:\n    url: ${url}\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n`;

describe('drift-monitor analyze with notifications', () => {
  it('posts the new high alerts to the webhook after the analysis, once per data', async () => {
    webhook = await webhookServer();
    const { configPath, dir, touchCurrent } = project(withWebhook(webhook.url));
    const json = join(dir, 'report.json');
    const env = { DRIFT_WEBHOOK_TOKEN: 'Bearer ci-token' };

    const first = await run(['analyze', configPath, '--json', json, '--no-history'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^income +feature +numerical +wasserstein +0\.52\d* +0\.1 +DRIFT +high$/m);
    expect(messages(first.stderr)).toEqual([
      `drift-monitor: Sent 4 alerts to the webhook at ${new URL(webhook.url).host}.`,
    ]);
    expect(webhook.requests).toHaveLength(1);
    expect(webhook.requests[0].headers.authorization).toBe('Bearer ci-token');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const sent = JSON.parse(webhook.requests[0].body);
    expect(sent.config).toBe(configPath);
    expect(sent.generatedAt).toBe(report.generatedAt);
    expect(sent.risk).toEqual({ score: report.risk.score, level: report.risk.level });
    expect(sent.alerts.map((a: { column: string }) => a.column)).toEqual([
      'income',
      'loan_amount',
      'default_probability',
      'model',
    ]);
    expect(sent.text.split('\n')[0]).toBe(
      `Drift Monitor: 4 high alerts in ${configPath}, risk ${report.risk.score}/100 (${report.risk.level})`,
    );

    const again = await run(['analyze', configPath, '--no-history'], env);
    expect(again.code).toBe(0);
    expect(messages(again.stderr)).toEqual(['drift-monitor: No new alerts (high or worse) to send to the webhook.']);
    expect(webhook.requests).toHaveLength(1);

    touchCurrent();
    expect(messages((await run(['analyze', configPath, '--quiet', '--no-history'], env)).stderr)).toEqual([]);
    expect(webhook.requests).toHaveLength(2);
  });

  it('warns on stderr when the webhook keeps failing, and keeps the exit code and the outputs', async () => {
    webhook = await webhookServer([500]);
    const { configPath, dir } = project(withWebhook(webhook.url));
    const json = join(dir, 'report.json');
    const failing = await run(['analyze', configPath, '--json', json, '--quiet', '--no-history'], {
      DRIFT_WEBHOOK_TOKEN: 'Bearer ci-token',
    });
    expect(failing.code).toBe(0);
    expect(messages(failing.stderr)).toEqual([
      `drift-monitor: warning: Could not send 4 alerts to the webhook at ${new URL(webhook.url).host} after 3 attempts: the webhook answered HTTP 500 Internal Server Error: server trouble`,
    ]);
    expect(webhook.requests).toHaveLength(3);
    expect(JSON.parse(readFileSync(json, 'utf8')).alerts).toHaveLength(5);

    // --fail-on decides the exit code as it would without channels.
    const failOn = await run(['analyze', configPath, '--fail-on', 'alert:high', '--quiet', '--no-history'], {
      DRIFT_WEBHOOK_TOKEN: 'Bearer ci-token',
    });
    expect(failOn.code).toBe(1);
    expect(messages(failOn.stderr)).toHaveLength(1);
  });

  it('names a missing environment variable in its warning', async () => {
    webhook = await webhookServer();
    const { configPath } = project(withWebhook(webhook.url));
    const env = { ...process.env };
    delete env.DRIFT_WEBHOOK_TOKEN;
    const result = await run(['analyze', configPath, '--quiet', '--no-history'], env as Record<string, string>);
    expect(result.code).toBe(0);
    expect(messages(result.stderr)).toEqual([
      `drift-monitor: warning: Could not send 4 alerts to the webhook at ${new URL(webhook.url).host}: the environment variable DRIFT_WEBHOOK_TOKEN (named by notifications.webhook.header_env.Authorization) is not set.`,
    ]);
    expect(webhook.requests).toHaveLength(0);
  });

  it('sends nothing with --no-notify', async () => {
    webhook = await webhookServer();
    const { configPath } = project(withWebhook(webhook.url));
    const result = await run(['analyze', configPath, '--no-notify', '--no-history'], {
      DRIFT_WEBHOOK_TOKEN: 'Bearer ci-token',
    });
    expect(result.code).toBe(0);
    expect(messages(result.stderr)).toEqual([]);
    expect(webhook.requests).toHaveLength(0);
  });

  it('rejects a config with a secret where a variable name belongs: exit 2, the file, line and column', async () => {
    const { configPath } = project(
      'notifications:\n  webhook:\n    url: https://example.com/hook\n    header_env: { Authorization: Bearer abc123 }\n',
    );
    const result = await run(['analyze', configPath, '--no-history']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^drift-monitor: ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 22, column 34: \`notifications\\.webhook\\.header_env\\.Authorization\` takes the name of an environment variable`,
      ),
    );
    expect(result.stderr).not.toContain('abc123');
  });

  it('rejects a webhook URL with a password in it as a config error: exit 2, at the URL, nothing sent, the password not shown', async () => {
    const { configPath } = project('notifications:\n  webhook:\n    url: https://bot:pa55-word@127.0.0.1:9/hook\n');
    const result = await run(['analyze', configPath, '--no-history']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^drift-monitor: ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 21, column 10: \`notifications\\.webhook\\.url\` has a user name or password in it`,
      ),
    );
    expect(result.stderr).not.toContain('pa55-word');
  });
});
