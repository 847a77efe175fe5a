/** What may be shown of an address, which hosts are this machine, and the scrubbing of the channels' lines. */
import { describe, expect, it } from 'vitest';
import type { NotificationsConfig } from '../../../src/engine/config/model';
import { channelSecrets } from '../../../src/engine/notify/notify';
import { isLoopbackHost, redact, shownUrl } from '../../../src/engine/notify/secrets';

describe('the secrets of the alert channels', () => {
  it('knows this machine by name and address only: localhost, 127.0.0.0/8 and ::1', () => {
    for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.255.0.9', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      'example.com',
      'localhost.example.com',
      '128.0.0.1',
      '10.0.0.1',
      '::2',
      '[::]',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('shows an address without its user name, password, query or fragment', () => {
    expect(shownUrl('https://bot:pa55@hooks.example.com:8443/drift/in?token=t0k#top')).toBe(
      'https://hooks.example.com:8443/drift/in',
    );
    expect(shownUrl('not a url')).toBe('(an address that cannot be read)');
  });

  it('replaces each secret (the longest first) and shortens every address in a line', () => {
    expect(
      redact('login bot/pa55word-long refused; pa55word sent to https://u:p@mail.example.com/x?k=v', [
        'pa55word',
        'pa55word-long',
      ]),
    ).toBe('login bot/*** refused; *** sent to https://mail.example.com/x');
  });

  it('treats a url_env URL as secret, its path and query too, however a library writes it back', () => {
    const settings: NotificationsConfig = {
      dedupe: true,
      webhook: { urlEnv: 'SLACK_WEBHOOK_URL', minSeverity: 'high', headerEnv: {} },
    };
    const env = { SLACK_WEBHOOK_URL: 'https://HOOKS.slack.com/services/T0/B0/xoxb-secret-path?x=qtoken1' };
    const secrets = channelSecrets(settings, { env });
    const line = 'fetch failed for https://hooks.slack.com/services/T0/B0/xoxb-secret-path?x=qtoken1 (ECONNRESET)';
    const clean = redact(line, secrets);
    expect(clean).not.toContain('xoxb-secret-path');
    expect(clean).not.toContain('qtoken1');
    expect(clean).toContain('(ECONNRESET)');
  });
});
