/**
 * Keeping the channels' secrets to themselves: which hosts may see a credential in clear text
 * (loopback only), how an address is shown (no user name, password, query or fragment), and the
 * scrubbing of every line the channels report, so that a secret read from the environment, or
 * echoed back by a server or a network library, is never printed, logged or stored.
 */
import { isIP } from 'node:net';

/** This machine: `localhost`, 127.0.0.0/8 and ::1. Nothing sent to these crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^::ffff:127\./.test(name);
  return false;
}

/** `scheme://host[:port]/path`: what can be shown of an address. Text that is not a URL is not shown at all. */
export function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(an address that cannot be read)';
  }
}

/** Where a URL sends to, as the run's summary names it: its host (and port), nothing that may be a secret. */
export function urlHost(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return '(an address that cannot be read)';
  }
}

/** The user name and password written into a URL (`https://user:pass@host/`), if any. */
export function hasUserinfo(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** Shorter values are not scrubbed: replacing every `a` of a message would hide it, not a secret. */
const SHORTEST_SECRET = 4;

/** Replaces each of `secrets` in `text`, and every URL in it by what `shownUrl` keeps of it. */
export function redact(text: string, secrets: Iterable<string>): string {
  let clean = text;
  // Longest first, so that a secret containing another is replaced whole.
  const values = [...new Set(secrets)].filter((s) => s.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
  for (const secret of values) clean = clean.split(secret).join('***');
  return clean.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]+/gi, (url) => shownUrl(url));
}
