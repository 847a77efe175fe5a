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
import { secretProblem, urlProblem } from './notificationsConfig';
import { DEFAULT_RETRY, withRetries, type Delivery, type RetryPolicy } from './retry';
import { redact, urlHost } from './secrets';
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
  /** Where the alerts went or were to go: a host (and port), and for e-mail the recipients; never a secret. */
  destination?: string;
  /** Why they could not be sent, with every secret of the channels taken out. */
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
  /** Undefined when the address is not known (a variable not set). */
  destination: string | undefined;
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
  const secrets = channelSecrets(settings, options);
  const outcomes = channels.map(async ({ name, minSeverity, destination, send, due }): Promise<ChannelOutcome> => {
    const unsent = ledger ? due.filter((alert) => !wasSent(ledger, name, fingerprint(alert))) : due;
    if (unsent.length === 0) return { channel: name, status: 'nothing-to-send', alerts: 0, attempts: 0, minSeverity };
    const delivery = await send(unsent);
    const to = destination === undefined ? {} : { destination };
    if (!delivery.ok)
      return {
        channel: name,
        status: 'failed',
        alerts: unsent.length,
        attempts: delivery.attempts,
        minSeverity,
        ...to,
        // Servers and network libraries quote what they were given: addresses, user names, even passwords.
        error: redact(delivery.error, secrets),
      };
    if (settings.dedupe) {
      await recordSent(file, name, unsent.map(fingerprint), new Date().toISOString()).catch((error: Error) =>
        warnings.push(`${error.message}: the alerts just sent may be sent again.`),
      );
    }
    return { channel: name, status: 'sent', alerts: unsent.length, attempts: delivery.attempts, minSeverity, ...to };
  });
  return { channels: await Promise.all(outcomes), warnings };
}

/**
 * Every secret the channels may hold: the values of the variables the config names, the stored
 * password, and the parts of a URL from `url_env` that may carry a token (its path, as Slack's
 * do, its query, its user name and password), also as a library writes the URL back.
 */
export function channelSecrets(settings: NotificationsConfig, options: NotifyOptions = {}): string[] {
  const env = options.env ?? process.env;
  const { webhook, email } = settings;
  const names = [webhook?.urlEnv, ...Object.values(webhook?.headerEnv ?? {}), email?.passwordEnv].filter(
    (name): name is string => name !== undefined,
  );
  const values = names.map((name) => env[name]).filter((value): value is string => !!value);
  const url = webhook?.urlEnv ? env[webhook.urlEnv] : undefined;
  return [...values, ...(url ? urlSecrets(url) : []), ...(options.storedPassword ? [options.storedPassword] : [])];
}

function urlSecrets(text: string): string[] {
  if (!URL.canParse(text)) return [];
  const url = new URL(text);
  const parts = [url.href, url.search, url.username, url.password];
  return url.pathname === '/' ? parts : [...parts, url.pathname];
}

/** "Sent 3 alerts to the webhook at hooks.example.com.", "Could not send …: why." */
export function describeOutcome(outcome: ChannelOutcome): string {
  const channel = outcome.channel === 'webhook' ? 'to the webhook' : 'by e-mail';
  const at = outcome.destination ? ` ${outcome.channel === 'webhook' ? 'at' : 'through'} ${outcome.destination}` : '';
  const to = outcome.status === 'nothing-to-send' ? channel : `${channel}${at}`;
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
    const url = webhook.url ?? env[webhook.urlEnv!];
    channels.push({
      name: 'webhook',
      minSeverity: webhook.minSeverity,
      destination: url && !urlProblem(url) ? urlHost(url) : undefined,
      send: (alerts) =>
        deliver(policy, () => {
          const sendsHeaders = Object.keys(webhook.headerEnv).length > 0;
          const url = webhook.url ?? webhookUrlFrom(env, webhook.urlEnv!, sendsHeaders);
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
      destination: `${email.host}:${email.port} to ${email.to.join(', ')}`,
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

/** The URL from the environment, refused (without an attempt) when it is not http(s) or would give a secret away; its value is never quoted. */
function webhookUrlFrom(env: NodeJS.ProcessEnv, name: string, sendsHeaders: boolean): string {
  const url = variable(env, name, 'notifications.webhook.url_env');
  const where = `the environment variable ${name} (named by notifications.webhook.url_env)`;
  const problem = urlProblem(url);
  if (problem) throw new Error(`${where} must hold an http:// or https:// address; its value ${problem}.`);
  const secret = secretProblem(url, sendsHeaders);
  if (secret) throw new Error(`not sent: the address in ${where} ${secret.problem}; ${secret.remedy}.`);
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
