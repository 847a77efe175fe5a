/**
 * The `notifications` section of a config: the checks the schema cannot express (addresses,
 * variable names where a secret may have been written instead, webhook addresses that would
 * give a secret away) and the defaults filled in.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import {
  DEFAULT_NOTIFICATION_SEVERITY,
  DEFAULT_SMTP_PORT,
  type AlertSeverity,
  type NotificationsConfig,
} from '../config/model';
import { keyRange, locate, valueRange } from '../config/nodes';
import type { ConfigProblem } from '../config/problem';
import { hasUserinfo, isLoopbackHost } from './secrets';

/** The shape the schema guarantees. */
export interface RawNotifications {
  min_severity?: AlertSeverity;
  dedupe?: boolean;
  webhook?: { url?: string; url_env?: string; min_severity?: AlertSeverity; header_env?: Record<string, string> };
  email?: {
    host: string;
    port?: number;
    secure?: boolean;
    from: string;
    to: string[];
    user_env?: string;
    password_env?: string;
    min_severity?: AlertSeverity;
  };
}

export function toNotifications(raw: RawNotifications): NotificationsConfig {
  const minSeverity = raw.min_severity ?? DEFAULT_NOTIFICATION_SEVERITY;
  const { webhook, email } = raw;
  return {
    dedupe: raw.dedupe ?? true,
    ...(webhook && {
      webhook: {
        url: webhook.url,
        urlEnv: webhook.url_env,
        minSeverity: webhook.min_severity ?? minSeverity,
        headerEnv: webhook.header_env ?? {},
      },
    }),
    ...(email && {
      email: {
        host: email.host,
        port: email.port ?? (email.secure ? DEFAULT_SMTP_PORT.secure : DEFAULT_SMTP_PORT.starttls),
        secure: email.secure ?? false,
        from: email.from,
        to: email.to,
        userEnv: email.user_env,
        passwordEnv: email.password_env,
        minSeverity: email.min_severity ?? minSeverity,
      },
    }),
  };
}

/** POSIX shells' rule for variable names. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** `user@host`, alone or as `Name <user@host>`. */
const ADDRESS = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+)$/;

export function notificationProblems(document: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isMap(locate(document, ['notifications']).node)) return problems;
  const at = (segments: string[]) => locate(document, ['notifications', ...segments]);
  const add = (
    range: [number, number] | undefined,
    message: string,
    code: string,
    severity: ConfigProblem['severity'] = 'error',
  ) => {
    const [start, end] = range ?? [0, 1];
    problems.push({ message, severity, start, end: Math.max(end, start + 1), code });
  };
  const onValue = (node: Node | null | undefined) => (node ? valueRange(node) : undefined);
  const onKey = (segments: string[]) => {
    const { pair } = locate(document, segments);
    return pair && keyRange(pair);
  };

  /**
   * A value where a variable's name belongs. Not a name: most likely the secret itself, which the
   * message does not repeat (diagnostics end up in logs).
   */
  const checkEnvName = (segments: string[], holding: string) => {
    const { node } = at(segments);
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return;
    const where = `\`notifications.${segments.join('.')}\``;
    const example = exampleName(segments);
    if (!ENV_NAME.test(node.value)) {
      add(
        onValue(node),
        `${where} takes the name of an environment variable holding ${holding} (letters, digits and _, for example \`${example}\`), not the value itself: put the value in an environment variable and write its name here.`,
        'env-name-expected',
      );
    } else if (!/[A-Z]/.test(node.value)) {
      add(
        onValue(node),
        `${where} names an environment variable, and their names are usually upper case (for example \`${example}\`): if this is ${holding} itself, put it in an environment variable and write its name here.`,
        'env-name-lowercase',
        'warning',
      );
    }
  };

  const webhook = at(['webhook']).node;
  const email = at(['email']).node;
  if (!isMap(webhook) && !isMap(email))
    add(
      onKey(['notifications']),
      '`notifications` has no channel: add `webhook` or `email` (or remove it).',
      'no-notification-channel',
      'warning',
    );

  if (isMap(webhook)) {
    const url = at(['webhook', 'url']).node;
    const urlEnv = at(['webhook', 'url_env']).node;
    if (!url && !urlEnv)
      add(
        onKey(['notifications', 'webhook']),
        '`notifications.webhook` needs `url` (the address to POST to) or `url_env` (the name of an environment variable holding it).',
        'webhook-needs-url',
      );
    else if (url && urlEnv)
      add(onValue(urlEnv), '`notifications.webhook` takes `url` or `url_env`, not both.', 'webhook-url-twice');
    const headers = at(['webhook', 'header_env']).node;
    if (isScalar(url) && typeof url.value === 'string') {
      const problem = urlProblem(url.value);
      const secret = problem ? undefined : secretProblem(url.value, isMap(headers) && headers.items.length > 0);
      if (problem)
        add(
          onValue(url),
          `\`notifications.webhook.url\` must be an http:// or https:// address: this one ${problem}.`,
          'bad-webhook-url',
        );
      else if (secret)
        add(onValue(url), `\`notifications.webhook.url\` ${secret.problem}: ${secret.remedy}.`, secret.code);
      else if (new URL(url.value).search)
        add(
          onValue(url),
          '`notifications.webhook.url` has a query (`?…`), where webhooks often carry a token, and a config is read by everyone who has the repository: if it holds one, keep the URL in an environment variable and name it in `url_env`.',
          'webhook-url-query',
          'warning',
        );
    }
    checkEnvName(['webhook', 'url_env'], 'the URL');
    for (const pair of isMap(headers) ? headers.items.filter(isPair) : []) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!HEADER_NAME.test(name))
        add(
          keyRange(pair),
          `\`${name}\` is not an HTTP header name (letters, digits and - only, for example \`Authorization\`).`,
          'bad-header-name',
        );
      checkEnvName(['webhook', 'header_env', name], `the ${name} header's value`);
    }
  }

  if (isMap(email)) {
    const to = at(['email', 'to']).node;
    for (const address of [at(['email', 'from']).node, ...(isSeq(to) ? (to.items as Node[]) : [])]) {
      if (
        isScalar(address) &&
        typeof address.value === 'string' &&
        address.value !== '' &&
        !ADDRESS.test(address.value.trim())
      ) {
        add(
          onValue(address),
          `\`${address.value}\` is not an e-mail address (\`name@example.com\`, or \`Name <name@example.com>\`).`,
          'bad-email-address',
        );
      }
    }
    checkEnvName(['email', 'user_env'], 'the SMTP user name');
    checkEnvName(['email', 'password_env'], 'the SMTP password');
    if (at(['email', 'password_env']).pair && !at(['email', 'user_env']).pair) {
      add(
        onKey(['notifications', 'email', 'password_env']),
        '`notifications.email.password_env` needs `user_env`: the name of an environment variable holding the user name to log in with.',
        'password-without-user',
      );
    }
  }
  return problems;
}

/** Why `text` is not an http(s) URL, or undefined when it is one. */
export function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'cannot be read as a URL';
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `uses ${url.protocol}`;
}

/** A webhook address that would let a secret out: credentials written into it, or header secrets over plain http to another machine. */
export interface SecretProblem {
  problem: string;
  remedy: string;
  code: 'webhook-url-credentials' | 'webhook-secret-in-clear';
}

/** Why sending to the http(s) URL `text` would give a secret away, or undefined when it would not. */
export function secretProblem(text: string, sendsHeaders: boolean): SecretProblem | undefined {
  const url = new URL(text);
  if (hasUserinfo(url))
    return {
      problem: 'has a user name or password in it (`user:pass@`)',
      remedy:
        'keep the secret in an environment variable and send it as a header with `header_env` (for example `Authorization`), or keep the whole URL in an environment variable named by `url_env`',
      code: 'webhook-url-credentials',
    };
  if (sendsHeaders && url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return {
      problem: `is plain http:// to ${url.host}, so the \`header_env\` secrets would cross the network in clear text`,
      remedy: 'use https:// (plain http:// is only for this machine: localhost, 127.0.0.1 or ::1)',
      code: 'webhook-secret-in-clear',
    };
  return undefined;
}

function exampleName(segments: string[]): string {
  const last = segments.at(-1);
  if (last === 'password_env') return 'SMTP_PASSWORD';
  if (last === 'user_env') return 'SMTP_USER';
  if (last === 'url_env') return 'DRIFT_WEBHOOK_URL';
  return 'DRIFT_WEBHOOK_TOKEN';
}
