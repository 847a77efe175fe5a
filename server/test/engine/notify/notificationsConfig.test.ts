/** The `notifications` key: defaults, the checks with their messages, and the schema's help in the editor. */
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { ColumnProfileCache } from '../../../src/engine/data/columnProfiles';
import { completions } from '../../../src/lsp/completion';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { hover } from '../../../src/lsp/hover';
import { configFromText } from '../../../src/engine/config/load';
import { parseConfig } from '../../../src/engine/config/parse';
import { InputError } from '../../../src/engine/inputError';

const CONFIG = '/home/user/project/monitoring/drift.yaml';
const FILES = 'reference: r.csv\ncurrent: c.csv\n';

/** The problems as [code, severity, the text they point at, message]. */
function problems(notifications: string) {
  const text = FILES + notifications;
  return parseConfig(text, CONFIG).problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end), p.message]);
}

describe('notifications in the config', () => {
  it('is absent without the key', () => {
    expect(parseConfig(FILES, CONFIG).config?.notifications).toBeUndefined();
  });

  it('fills in the defaults: high and worse, dedupe on, STARTTLS on port 587', () => {
    const { config, problems } = parseConfig(
      FILES +
        'notifications:\n  webhook: { url: "https://hooks.example.com/drift" }\n  email: { host: smtp.example.com, from: drift@example.com, to: [ops@example.com] }\n',
      CONFIG,
    );
    expect(problems).toEqual([]);
    expect(config?.notifications).toEqual({
      dedupe: true,
      webhook: { url: 'https://hooks.example.com/drift', urlEnv: undefined, minSeverity: 'high', headerEnv: {} },
      email: {
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        from: 'drift@example.com',
        to: ['ops@example.com'],
        userEnv: undefined,
        passwordEnv: undefined,
        minSeverity: 'high',
      },
    });
  });

  it('reads every key; a channel minimum overrides the shared one, TLS defaults to port 465', () => {
    const text = `${FILES}notifications:
  min_severity: moderate
  dedupe: false
  webhook:
    url_env: SLACK_WEBHOOK_URL
    min_severity: low
    header_env:
      Authorization: DRIFT_WEBHOOK_TOKEN
      X-Team: TEAM_NAME
  email:
    host: smtp.example.com
    secure: true
    from: Drift Monitor <drift@example.com>
    to: [ops@example.com, ml@example.com]
    user_env: SMTP_USER
    password_env: SMTP_PASSWORD
`;
    const { config, problems } = parseConfig(text, CONFIG);
    expect(problems).toEqual([]);
    expect(config?.notifications).toEqual({
      dedupe: false,
      webhook: {
        url: undefined,
        urlEnv: 'SLACK_WEBHOOK_URL',
        minSeverity: 'low',
        headerEnv: { Authorization: 'DRIFT_WEBHOOK_TOKEN', 'X-Team': 'TEAM_NAME' },
      },
      email: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        from: 'Drift Monitor <drift@example.com>',
        to: ['ops@example.com', 'ml@example.com'],
        userEnv: 'SMTP_USER',
        passwordEnv: 'SMTP_PASSWORD',
        minSeverity: 'moderate',
      },
    });
  });

  it('says when a secret seems written where the name of an environment variable belongs, without repeating it', () => {
    const found = problems(
      'notifications:\n  email:\n    host: smtp.example.com\n    from: a@example.com\n    to: [b@example.com]\n    user_env: SMTP_USER\n    password_env: "hunter2!"\n',
    );
    expect(found).toEqual([
      [
        'env-name-expected',
        'error',
        '"hunter2!"',
        '`notifications.email.password_env` takes the name of an environment variable holding the SMTP password (letters, digits and _, for example `SMTP_PASSWORD`), not the value itself: put the value in an environment variable and write its name here.',
      ],
    ]);
    expect(found[0][3]).not.toContain('hunter2');
  });

  it('checks header values and url_env the same way, and warns about a name that is not upper case', () => {
    const found = problems(
      'notifications:\n  webhook:\n    url_env: https://hooks.slack.com/services/T0/B0/XYZ\n    header_env:\n      Authorization: Bearer abc123\n      X-Token: token42\n',
    );
    expect(found.map(([code, severity, at]) => [code, severity, at])).toEqual([
      ['env-name-expected', 'error', 'https://hooks.slack.com/services/T0/B0/XYZ'],
      ['env-name-expected', 'error', 'Bearer abc123'],
      ['env-name-lowercase', 'warning', 'token42'],
    ]);
    expect(found[1][3]).toBe(
      "`notifications.webhook.header_env.Authorization` takes the name of an environment variable holding the Authorization header's value (letters, digits and _, for example `DRIFT_WEBHOOK_TOKEN`), not the value itself: put the value in an environment variable and write its name here.",
    );
    expect(found[2][3]).toBe(
      "`notifications.webhook.header_env.X-Token` names an environment variable, and their names are usually upper case (for example `DRIFT_WEBHOOK_TOKEN`): if this is the X-Token header's value itself, put it in an environment variable and write its name here.",
    );
  });

  it('wants an http(s) URL, exactly one of url and url_env, and header names', () => {
    expect(problems('notifications:\n  webhook:\n    url: ftp://example.com/hook\n')).toEqual([
      [
        'bad-webhook-url',
        'error',
        'ftp://example.com/hook',
        '`notifications.webhook.url` must be an http:// or https:// address: this one uses ftp:.',
      ],
    ]);
    expect(problems('notifications:\n  webhook:\n    url: hooks.example.com/drift\n')).toEqual([
      [
        'bad-webhook-url',
        'error',
        'hooks.example.com/drift',
        '`notifications.webhook.url` must be an http:// or https:// address: this one cannot be read as a URL.',
      ],
    ]);
    expect(problems('notifications:\n  webhook:\n    min_severity: low\n')).toEqual([
      [
        'webhook-needs-url',
        'error',
        'webhook',
        '`notifications.webhook` needs `url` (the address to POST to) or `url_env` (the name of an environment variable holding it).',
      ],
    ]);
    expect(problems('notifications:\n  webhook:\n    url: https://example.com/hook\n    url_env: HOOK_URL\n')).toEqual([
      ['webhook-url-twice', 'error', 'HOOK_URL', '`notifications.webhook` takes `url` or `url_env`, not both.'],
    ]);
    expect(
      problems('notifications:\n  webhook:\n    url: https://example.com/hook\n    header_env: { "X Token": TOKEN }\n'),
    ).toEqual([
      [
        'bad-header-name',
        'error',
        '"X Token"',
        '`X Token` is not an HTTP header name (letters, digits and - only, for example `Authorization`).',
      ],
    ]);
  });

  it('rejects a webhook URL that would give a secret away, at the URL and without repeating it', () => {
    const withCredentials = problems(
      'notifications:\n  webhook:\n    url: https://bot:pa55-word@hooks.example.com/drift\n',
    );
    expect(withCredentials).toEqual([
      [
        'webhook-url-credentials',
        'error',
        'https://bot:pa55-word@hooks.example.com/drift',
        '`notifications.webhook.url` has a user name or password in it (`user:pass@`): keep the secret in an environment variable and send it as a header with `header_env` (for example `Authorization`), or keep the whole URL in an environment variable named by `url_env`.',
      ],
    ]);
    expect(withCredentials[0][3]).not.toContain('pa55-word');

    expect(
      problems(
        'notifications:\n  webhook:\n    url: http://hooks.example.com/drift\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n',
      ),
    ).toEqual([
      [
        'webhook-secret-in-clear',
        'error',
        'http://hooks.example.com/drift',
        '`notifications.webhook.url` is plain http:// to hooks.example.com, so the `header_env` secrets would cross the network in clear text: use https:// (plain http:// is only for this machine: localhost, 127.0.0.1 or ::1).',
      ],
    ]);
    // Plain http without secrets, or with them to this machine, crosses no network with a secret.
    for (const url of ['http://hooks.example.com/drift', 'https://hooks.example.com/drift'])
      expect(problems(`notifications:\n  webhook:\n    url: ${url}\n`)).toEqual([]);
    for (const host of ['localhost:8080', '127.0.0.1', '127.8.9.10', '[::1]:9000'])
      expect(
        problems(
          `notifications:\n  webhook:\n    url: http://${host}/drift\n    header_env: { Authorization: DRIFT_WEBHOOK_TOKEN }\n`,
        ),
      ).toEqual([]);
  });

  it('warns about a query in a webhook URL written in the config: it may carry a token', () => {
    expect(problems('notifications:\n  webhook:\n    url: https://chat.example.com/hook?key=k1&token=t1\n')).toEqual([
      [
        'webhook-url-query',
        'warning',
        'https://chat.example.com/hook?key=k1&token=t1',
        '`notifications.webhook.url` has a query (`?…`), where webhooks often carry a token, and a config is read by everyone who has the repository: if it holds one, keep the URL in an environment variable and name it in `url_env`.',
      ],
    ]);
  });

  it('checks e-mail addresses, a password without a user, and a section without a channel', () => {
    expect(
      problems(
        'notifications:\n  email:\n    host: smtp.example.com\n    from: drift-monitor\n    to: [ops@example.com, "Ops <ops@example.com>", ops at example.com]\n',
      ),
    ).toEqual([
      [
        'bad-email-address',
        'error',
        'drift-monitor',
        '`drift-monitor` is not an e-mail address (`name@example.com`, or `Name <name@example.com>`).',
      ],
      [
        'bad-email-address',
        'error',
        'ops at example.com',
        '`ops at example.com` is not an e-mail address (`name@example.com`, or `Name <name@example.com>`).',
      ],
    ]);
    expect(
      problems(
        'notifications:\n  email:\n    host: smtp.example.com\n    from: a@example.com\n    to: [b@example.com]\n    password_env: SMTP_PASSWORD\n',
      ),
    ).toEqual([
      [
        'password-without-user',
        'error',
        'password_env',
        '`notifications.email.password_env` needs `user_env`: the name of an environment variable holding the user name to log in with.',
      ],
    ]);
    expect(problems('notifications:\n  min_severity: low\n')).toEqual([
      [
        'no-notification-channel',
        'warning',
        'notifications',
        '`notifications` has no channel: add `webhook` or `email` (or remove it).',
      ],
    ]);
  });

  it('reports schema mistakes in words: unknown keys with did-you-mean, severities, ports, a single address', () => {
    expect(problems('notifications:\n  min_severty: low\n  webhook: { url: "https://example.com/hook" }\n')[0]).toEqual(
      [
        'unknown-key',
        'error',
        'min_severty',
        'Unknown key `min_severty` in `notifications`: did you mean `min_severity`?',
      ],
    );
    expect(
      problems('notifications:\n  webhook: { url: "https://example.com/hook", headers_env: { A: B } }\n')[0].slice(2),
    ).toEqual(['headers_env', 'Unknown key `headers_env` in `notifications.webhook`: did you mean `header_env`?']);
    // The keys are snake_case like the rest of drift.yaml; a camelCase spelling gets pointed at them.
    expect(problems('notifications:\n  webhook: { urlEnv: HOOK_URL }\n')[0].slice(2)).toEqual([
      'urlEnv',
      'Unknown key `urlEnv` in `notifications.webhook`: did you mean `url_env`?',
    ]);
    expect(
      problems('notifications:\n  min_severity: severe\n  webhook: { url: "https://example.com/hook" }\n')[0].slice(2),
    ).toEqual(['severe', '`severe` is not a valid `notifications.min_severity`. Allowed: low, moderate, high.']);
    expect(
      problems('notifications:\n  email: { host: h, port: 70000, from: a@b.c, to: [d@e.f] }\n')[0].slice(2),
    ).toEqual(['70000', '`notifications.email.port` must be at most 65535 (got 70000).']);
    expect(problems('notifications:\n  email: { host: h, from: a@b.c, to: d@e.f }\n')[0].slice(2)).toEqual([
      'd@e.f',
      '`notifications.email.to` must be a list, not text "d@e.f".',
    ]);
    expect(problems('notifications:\n  email: { host: h, to: [d@e.f] }\n')[0].slice(2)).toEqual([
      'email',
      '`notifications.email` needs the key `from`.',
    ]);
  });

  it('stops the CLI with one message naming the file, line and column', () => {
    const text = `${FILES}notifications:\n  email:\n    host: smtp.example.com\n    from: a@example.com\n    to: [b@example.com]\n    user_env: SMTP_USER\n    password_env: my password\n`;
    expect(() => configFromText(text, CONFIG, 'drift.yaml')).toThrow(InputError);
    expect(() => configFromText(text, CONFIG, 'drift.yaml')).toThrow(
      /^drift\.yaml line 9, column 19: `notifications\.email\.password_env` takes the name of an environment variable/,
    );
  });
});

describe('notifications in the editor', () => {
  const headers = new CsvHeaderCache();

  it('documents the keys on hover, from the schema', async () => {
    const text = 'notifications:\n  dedupe: true\n  email:\n    password_env: SMTP_PASSWORD\n';
    const at = async (needle: string) => {
      const result = await hover(text, text.indexOf(needle) + 2, CONFIG, headers, new ColumnProfileCache());
      return result && (result.contents as MarkupContent).value;
    };
    expect(await at('dedupe')).toMatch(
      /^Send the same alert on the same data once per channel \(default true\)\..*`\.drift-monitor\/notified\.json`.*\n\nDefault: `true`$/s,
    );
    expect(await at('password_env')).toMatch(
      /^The name of an environment variable holding the SMTP password \(needs `user_env`\)\. In VS Code, \*Drift Monitor: Set Notification Password\*/,
    );
  });

  it('completes the keys of each level with their documentation, and the severities', async () => {
    const keys = async (text: string) =>
      (await completions(text, text.length, CONFIG, headers)).map((item) => [item.label, Boolean(item.documentation)]);
    expect(await keys('notifications:\n  ')).toEqual([
      ['min_severity', true],
      ['dedupe', true],
      ['webhook', true],
      ['email', true],
    ]);
    expect((await keys('notifications:\n  email:\n    ')).map(([label]) => label)).toEqual([
      'host',
      'port',
      'secure',
      'from',
      'to',
      'user_env',
      'password_env',
      'min_severity',
    ]);
    const severity = 'notifications:\n  min_severity: ';
    expect((await completions(severity, severity.length, CONFIG, headers)).map((item) => item.label)).toEqual([
      'low',
      'moderate',
      'high',
    ]);
  });
});
