/** The words of a notification, shared by the channels: its headline and one line per alert. */
import type { Alert, Report } from '../../protocol/report';
import { andList, formatRisk, retrainingHeadline } from '../../protocol/text';

const SEVERITIES: Alert['severity'][] = ['high', 'moderate', 'low'];

/** "3 high alerts", "1 high and 2 moderate alerts". */
function alertCount(alerts: Alert[]): string {
  const parts = SEVERITIES.map((severity) => [severity, alerts.filter((a) => a.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return `${andList(parts) || '0'} alert${alerts.length === 1 ? '' : 's'}`;
}

/** "Drift Monitor: 3 high alerts in drift.yaml": the e-mail subject, and the webhook text's first line. */
export function headline(report: Report, alerts: Alert[]): string {
  return `Drift Monitor: ${alertCount(alerts)} in ${report.config}`;
}

export function riskText(report: Report): string {
  return `risk ${formatRisk(report.risk)}`;
}

export function alertLine(alert: Alert): string {
  return `[${alert.severity}] ${alert.message}`;
}

/** "Retraining recommended (priority high), blocked: collect 196 more labels.", as the summary's headline. */
export function retrainingText(report: Report): string {
  return `${retrainingHeadline(report.retraining)}.`;
}
