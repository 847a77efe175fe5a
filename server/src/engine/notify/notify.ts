/**
 * The alert channels after an analysis: per channel, the alerts at or above its minimum severity
 * that it has not sent before (dedupe), sent with retries, then recorded as sent. A channel that
 * cannot deliver says why in its outcome; nothing here fails the analysis.
 */
import type { AlertSeverity, DriftConfig, NotificationsConfig } from '../config/model';
import type { Alert, Report } from '../../protocol/report';
import { emailMessage, sendEmail, type EmailChannel } from './email';
import { alertFingerprint, dataIdentity } from './fingerprint';
import { ledgerPath, readLedger, recordSent, wasSent, type ChannelName, type Ledger } from './ledger';
import { urlProblem } from './notificationsConfig';
import { DEFAULT_RETRY, withRetries, type Delivery, type RetryPolicy } from './retry';
import { postWebhook, webhookPayload } from './webhook';

export interface NotifyOptions {
  /** Where the variables the config names are looked up; this process's environment by default. */
  env?: NodeJS.ProcessEnv;
  /** An SMTP password kept by the editor (SecretStorage); used instead of the variable `password_env` names. */
  storedPassword?: string;
  /** Added to the message when there is no SMTP password: where else one can come from. */
  passwordHint?: string;
  retry?: RetryPolicy;
}

export interface ChannelOutcome {
  channel: ChannelName;
  /** `nothing-to-send`: no alert at or above the channel's minimum that it has not sent before. */
  status: 'sent' | 'nothing-to-send' | 'failed';
  /** The alerts sent, or that could not be. */
  alerts: number;
  attempts: number;
  minSeverity: AlertSeverity;
  error?: string;
}

export interface NotifyResult {
  channels: ChannelOutcome[];
  /** Trouble with the record of sent alerts (.drift-monitor/notified.json): delivery went on, but alerts may be sent twice. */
  warnings: string[];
}

const RANK: Record<AlertSeverity, number> = { low: 1, moderate: 2, high: 3 };

interface Channel {
  name: ChannelName;
  minSeverity: AlertSeverity;
  send: (alerts: Alert[]) => Promise<Delivery>;
}

export async function sendNotifications(
  config: DriftConfig,
  report: Report,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  const settings = config.notifications;
  const warnings: string[] = [];
  if (!settings) return { channels: [], warnings };
  const channels = channelsOf(settings, report, options).map((channel) => ({
    ...channel,
    due: report.alerts.filter((alert) => RANK[alert.severity] >= RANK[channel.minSeverity]),
  }));
  const file = ledgerPath(config.configPath);
  let fingerprint = (_alert: Alert) => '';
  let ledger: Ledger | undefined;
  // Hashing the data is the costly part: only when there is something to send.
  if (settings.dedupe && channels.some(({ due }) => due.length > 0)) {
    const data = await dataIdentity(config.reference.path, config.current.path);
    fingerprint = (alert) => alertFingerprint(alert, data);
    ledger = await readLedger(file).catch((error: Error) => {
      warnings.push(`${error.message}: alerts sent before may be sent again.`);
      return undefined;
    });
  }
  const outcomes = channels.map(async ({ name, minSeverity, send, due }): Promise<ChannelOutcome> => {
    const unsent = ledger ? due.filter((alert) => !wasSent(ledger, name, fingerprint(alert))) : due;
    if (unsent.length === 0) return { channel: name, status: 'nothing-to-send', alerts: 0, attempts: 0, minSeverity };
    const delivery = await send(unsent);
    if (!delivery.ok)
      return {
        channel: name,
        status: 'failed',
        alerts: unsent.length,
        attempts: delivery.attempts,
        minSeverity,
        error: delivery.error,
      };
    if (settings.dedupe) {
      await recordSent(file, name, unsent.map(fingerprint), new Date().toISOString()).catch((error: Error) =>
        warnings.push(`${error.message}: the alerts just sent may be sent again.`),
      );
    }
    return { channel: name, status: 'sent', alerts: unsent.length, attempts: delivery.attempts, minSeverity };
  });
  return { channels: await Promise.all(outcomes), warnings };
}

/** "Sent 3 alerts to the webhook.", "Could not send …: why." */
export function describeOutcome(outcome: ChannelOutcome): string {
  const to = outcome.channel === 'webhook' ? 'to the webhook' : 'by e-mail';
  const alerts = `${outcome.alerts} alert${outcome.alerts === 1 ? '' : 's'}`;
  if (outcome.status === 'sent') return `Sent ${alerts} ${to}.`;
  if (outcome.status === 'nothing-to-send') return `No new alerts (${outcome.minSeverity} or worse) to send ${to}.`;
  const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
  return `Could not send ${alerts} ${to}${tries}: ${outcome.error}`;
}

function channelsOf(settings: NotificationsConfig, report: Report, options: NotifyOptions): Channel[] {
  const env = options.env ?? process.env;
  const policy = options.retry ?? DEFAULT_RETRY;
  const channels: Channel[] = [];
  const { webhook, email } = settings;
  if (webhook) {
    channels.push({
      name: 'webhook',
      minSeverity: webhook.minSeverity,
      send: (alerts) =>
        deliver(policy, () => {
          const url = webhook.url ?? webhookUrlFrom(env, webhook.urlEnv!);
          const headers = Object.fromEntries(
            Object.entries(webhook.headerEnv).map(([header, name]) => [
              header,
              variable(env, name, `notifications.webhook.header_env.${header}`),
            ]),
          );
          const payload = webhookPayload(report, alerts);
          return (signal) => postWebhook(url, headers, payload, signal);
        }),
    });
  }
  if (email) {
    channels.push({
      name: 'email',
      minSeverity: email.minSeverity,
      send: (alerts) =>
        deliver(policy, () => {
          const login = emailLogin(email, env, options);
          const message = emailMessage(report, alerts);
          return () => sendEmail(email, login, message, policy.timeoutMs);
        }),
    });
  }
  return channels;
}

/** Reads what the channel needs from the environment (what is missing fails at once, without an attempt), then sends with retries. */
async function deliver(policy: RetryPolicy, prepare: () => (signal: AbortSignal) => Promise<void>): Promise<Delivery> {
  let attempt: (signal: AbortSignal) => Promise<void>;
  try {
    attempt = prepare();
  } catch (error) {
    return { ok: false, attempts: 0, error: (error as Error).message };
  }
  return withRetries(policy, attempt);
}

function variable(env: NodeJS.ProcessEnv, name: string, key: string, hint = ''): string {
  const value = env[name];
  if (value) return value;
  throw new Error(`the environment variable ${name} (named by ${key}) is not set${hint}.`);
}

function webhookUrlFrom(env: NodeJS.ProcessEnv, name: string): string {
  const url = variable(env, name, 'notifications.webhook.url_env');
  const problem = urlProblem(url);
  if (problem)
    throw new Error(
      `the environment variable ${name} (named by notifications.webhook.url_env) must hold an http:// or https:// address; its value ${problem}.`,
    );
  return url;
}

/** No login without `user_env`; with it, the editor's stored password or else the variable `password_env` names. */
function emailLogin(
  email: EmailChannel,
  env: NodeJS.ProcessEnv,
  options: NotifyOptions,
): { user: string; pass: string } | undefined {
  if (!email.userEnv) return undefined;
  const user = variable(env, email.userEnv, 'notifications.email.user_env');
  if (options.storedPassword) return { user, pass: options.storedPassword };
  const hint = options.passwordHint ? ` (${options.passwordHint})` : '';
  if (!email.passwordEnv)
    throw new Error(
      `there is no SMTP password for the user in ${email.userEnv}: name the environment variable holding it in notifications.email.password_env${hint}.`,
    );
  return { user, pass: variable(env, email.passwordEnv, 'notifications.email.password_env', hint) };
}
