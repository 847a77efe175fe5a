/** Real servers on loopback for the alert channels: an HTTP endpoint for the webhook, an SMTP server for e-mail. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces } from 'node:os';
import { SMTPServer } from 'smtp-server';

export interface WebhookRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookServer {
  url: string;
  requests: WebhookRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The address to listen on: loopback unless a test needs the server seen as another machine (`anotherMachine`). */
  host?: string;
}

export interface WebhookOptions extends ServerOptions {
  /** The body of an answer other than 200; by default `server trouble`. A hostile server may echo what it was sent. */
  troubleBody?: (request: WebhookRequest) => string;
  /** Headers of every answer, such as a redirect's `location`. */
  answerHeaders?: Record<string, string>;
}

/**
 * Answers the n-th request with `statuses[n]` (the last one from then on); `null` never answers,
 * and `delayMs` holds every answer back.
 */
export async function webhookServer(
  statuses: (number | null)[] = [200],
  delayMs = 0,
  { host = '127.0.0.1', troubleBody = () => 'server trouble', answerHeaders = {} }: WebhookOptions = {},
): Promise<WebhookServer> {
  const requests: WebhookRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = statuses[Math.min(requests.length, statuses.length - 1)];
      const received = {
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      if (status === null) return;
      setTimeout(
        () =>
          response
            .writeHead(status, { 'content-type': 'text/plain', ...answerHeaders })
            .end(status === 200 ? 'ok' : troubleBody(received)),
        delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hooks/drift`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** Header name (lower case) → value. */
  headers: Record<string, string>;
  /** The body decoded, with \n line ends. */
  text: string;
}

export interface MailServer {
  port: number;
  logins: { username: string; password: string }[];
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface MailOptions extends ServerOptions {
  /** Why a login is refused; a hostile server may quote what it was given. */
  refusal?: (login: { username: string; password: string }) => string;
}

/** Plain SMTP (no STARTTLS) on loopback; a login is required when `credentials` are given, and only those are accepted. */
export async function mailServer(
  credentials?: { username: string; password: string },
  { host = '127.0.0.1', refusal = () => 'Invalid username or password' }: MailOptions = {},
): Promise<MailServer> {
  const logins: MailServer['logins'] = [];
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !credentials,
    onAuth(auth, _session, callback) {
      const login = { username: auth.username ?? '', password: auth.password ?? '' };
      logins.push(login);
      if (credentials && login.username === credentials.username && login.password === credentials.password)
        callback(null, { user: login.username });
      else callback(new Error(refusal(login)));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({
          envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) },
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, logins, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Enough of RFC 5322 and MIME for a single-part text message. */
function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? Buffer.from(
          body
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { headers, text: decoded.replace(/\r\n/g, '\n') };
}

/**
 * This machine under a name the channels must treat as another machine's: its host name (`vm`,
 * not `localhost` nor 127.0.0.1) and the address it resolves to, for the servers to listen on;
 * else its first network address that is not loopback. Undefined when it has neither.
 */
export async function anotherMachine(): Promise<{ name: string; address: string } | undefined> {
  const name = hostname();
  try {
    const { address } = await lookup(name, { family: 4 });
    return { name, address };
  } catch {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === 'IPv4' && !i.internal);
    return external && { name: external.address, address: external.address };
  }
}
