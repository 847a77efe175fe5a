/**
 * The webhook channel: one JSON POST per analysis. `text` reads well in Slack (and anything that
 * shows a `text` field); the rest is for programs.
 */
import type { Alert, DatasetDrift, Report, RetrainingDecision, Severity } from '../../protocol/report';
import { alertLine, headline, retrainingText, riskText } from './message';
import { DeliveryError } from './retry';

export interface WebhookPayload {
  /** The headline with the risk, the retraining verdict, then one line per alert (at most TEXT_LINES). */
  text: string;
  alerts: {
    severity: Alert['severity'];
    kind: Alert['kind'];
    column: string;
    message: string;
    recommendation: string;
  }[];
  risk: { score: number; level: Severity };
  dataset: DatasetDrift;
  retraining: RetrainingDecision;
  config: string;
  generatedAt: string;
}

/** Alert lines in `text`; `alerts` carries them all. */
const TEXT_LINES = 20;

export function webhookPayload(report: Report, alerts: Alert[]): WebhookPayload {
  const lines = alerts.slice(0, TEXT_LINES).map((alert) => `• ${alertLine(alert)}`);
  if (alerts.length > TEXT_LINES) lines.push(`… and ${alerts.length - TEXT_LINES} more`);
  return {
    text: slackEscape(
      [`${headline(report, alerts)}, ${riskText(report)}`, retrainingText(report), ...lines].join('\n'),
    ),
    alerts: alerts.map((alert) => ({
      severity: alert.severity,
      kind: alert.kind,
      column: alert.subject,
      message: alert.message,
      recommendation: alert.recommendation,
    })),
    risk: { score: report.risk.score, level: report.risk.level },
    dataset: report.dataset,
    retraining: report.retraining,
    config: report.config,
    generatedAt: report.generatedAt,
  };
}

/** Slack reads `<…>` as links and mentions and `&` as the start of an entity: the three are escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** POSTs the payload; 408, 429, 5xx and network errors may be retried, other answers not; redirects are not followed. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  payload: WebhookPayload,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'drift-monitor', ...headers },
      body: JSON.stringify(payload),
      signal,
      // A redirect would carry the headers (and their secrets) to an address the config does not name.
      redirect: 'manual',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    // The texts of fetch may quote the whole URL; they are scrubbed before they are shown (secrets.ts).
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError(
      `cannot reach the webhook (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      true,
    );
  }
  const body = (await response.text().catch(() => '')).trim();
  if (response.ok) return;
  if (response.status >= 300 && response.status < 400)
    throw new DeliveryError(
      `the webhook answered HTTP ${response.status} (a redirect, not followed: the alerts and their headers go only to the address the config names)`,
      false,
    );
  const retry = response.status === 408 || response.status === 429 || response.status >= 500;
  throw new DeliveryError(
    `the webhook answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${body ? `: ${body.slice(0, 200)}` : ''}`,
    retry,
  );
}
