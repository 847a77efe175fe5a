/** The e-mail channel: one plain-text message per analysis through an SMTP server (nodemailer). */
import type { NotificationsConfig } from '../config/model';
import type { Alert, Report } from '../../protocol/report';
import { datasetDriftSentence, formatRisk } from '../../protocol/text';
import { headline, retrainingText } from './message';
import { DeliveryError } from './retry';
import { isLoopbackHost } from './secrets';

export type EmailChannel = NonNullable<NotificationsConfig['email']>;

export interface EmailMessage {
  subject: string;
  text: string;
}

export function emailMessage(report: Report, alerts: Alert[]): EmailMessage {
  const sections = alerts.map((alert, i) =>
    [
      `${i + 1}. [${alert.severity}] ${alert.kind}: ${alert.subject}`,
      `   ${alert.message}`,
      `   What to do: ${alert.recommendation}`,
    ].join('\n'),
  );
  const text = [
    `${headline(report, alerts)}.`,
    '',
    `Risk ${formatRisk(report.risk)}. ${datasetDriftSentence(report.dataset)}`,
    retrainingText(report),
    '',
    sections.join('\n\n'),
    '',
    `Report generated at ${report.generatedAt} by drift-monitor.`,
    '',
  ].join('\n');
  return { subject: headline(report, alerts), text };
}

/**
 * Sends one message; a refused login or a permanent (5xx) answer is not retried. A login to another
 * machine goes only over TLS: from the start (`secure: true`) or after STARTTLS, which is then
 * required, so a server that does not offer it never sees the password in clear text.
 */
export async function sendEmail(
  channel: EmailChannel,
  login: { user: string; pass: string } | undefined,
  message: EmailMessage,
  timeoutMs: number,
): Promise<void> {
  const requireTLS = login !== undefined && !channel.secure && !isLoopbackHost(channel.host);
  // Loaded when a message is sent: nodemailer is a third of the CLI's bundle, and most runs send no e-mail.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    requireTLS,
    ...(login && { auth: login }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: channel.from, to: channel.to, subject: message.subject, text: message.text });
  } catch (error) {
    const { code, responseCode, message: text } = error as { code?: string; responseCode?: number; message?: string };
    if (requireTLS && code === 'ETLS')
      throw new DeliveryError(
        `not sent: the SMTP server ${channel.host}:${channel.port} does not offer TLS (STARTTLS), and the login is not sent in clear text to another machine; use a server that offers it, or \`secure: true\` (${text ?? code})`,
        false,
      );
    const permanent = code === 'EAUTH' || (responseCode !== undefined && responseCode >= 500);
    const what =
      code === 'EAUTH'
        ? 'refused the login'
        : responseCode === undefined
          ? 'could not be reached'
          : 'did not take the message';
    throw new DeliveryError(`the SMTP server ${channel.host}:${channel.port} ${what} (${text ?? code})`, !permanent);
  } finally {
    transport.close();
  }
}
