/**
 * In the editor, alerts leave the report panel in two ways besides the config's channels (which
 * the language server sends): a warning notification for each analysis with new high-severity
 * alerts, and the SMTP password kept in the editor's secret storage for the server's e-mail channel.
 *
 * "New" is per workspace: an alert is remembered (in workspaceState) by the fingerprint the
 * server's channels use, the alert together with the identity of the reference and current files,
 * so the same alert on the same data is shown once. No `vscode` import at run time (types only):
 * the extension passes in what it needs, and the unit tests run it outside the editor.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputBoxOptions, Memento, SecretStorage } from 'vscode';
import { alertFingerprint, dataIdentity, type DataIdentity } from '../../server/src/engine/notify/fingerprint';
import type { Alert, Report } from '../../server/src/protocol/report';
import type { ServerSettings } from '../../server/src/protocol/messages';

/** The workspaceState key of the fingerprints already shown, oldest first. */
export const SHOWN_ALERTS_KEY = 'driftMonitor.shownAlerts';
/** The most fingerprints remembered: old data's alerts do not come back. */
const REMEMBERED = 500;
export const OPEN_REPORT = 'Open Report';

/** The SecretStorage key of the SMTP password ("Drift Monitor: Set Notification Password"). */
export const NOTIFICATION_PASSWORD_KEY = 'driftMonitor.notificationPassword';

/** The high alerts of `report` not among the `shown` fingerprints, each with its fingerprint. */
export function newHighAlerts(report: Report, data: DataIdentity, shown: ReadonlySet<string>): { alert: Alert; fingerprint: string }[] {
  return report.alerts
    .filter((alert) => alert.severity === 'high')
    .map((alert) => ({ alert, fingerprint: alertFingerprint(alert, data) }))
    .filter(({ fingerprint }) => !shown.has(fingerprint));
}

/** "Drift Monitor: 2 new high alerts in drift.yaml: 'income' drifted: … (and 1 more)". */
export function alertNotificationText(configName: string, alerts: Alert[]): string {
  const count = alerts.length === 1 ? 'a new high alert' : `${alerts.length} new high alerts`;
  const more = alerts.length > 1 ? ` (and ${alerts.length - 1} more)` : '';
  return `Drift Monitor: ${count} in ${configName}: ${alerts[0]!.message}${more}`;
}

/**
 * The data files of a report: written relative to the config in the report, resolved next to it.
 * An unsaved config has no folder; its files are then unknown (null), and only the alerts identify themselves.
 */
export function reportFiles(configUri: string, report: Report): { reference: string; current: string } | undefined {
  if (!configUri.startsWith('file:')) return undefined;
  const folder = path.dirname(fileURLToPath(configUri));
  return { reference: path.resolve(folder, report.reference.path), current: path.resolve(folder, report.current.path) };
}

export interface AlertNotificationUi {
  /** window.showWarningMessage */
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** Opens (or reveals) the report panel of the config. */
  openReport(configUri: string): unknown;
}

export class AlertNotifications {
  constructor(
    private readonly state: Memento,
    private readonly ui: AlertNotificationUi,
  ) {}

  /** After each finished analysis: a warning with "Open Report" when it has high alerts not shown before. */
  async analysisFinished(configUri: string, report: Report): Promise<void> {
    if (!report.alerts.some((alert) => alert.severity === 'high')) return;
    const files = reportFiles(configUri, report);
    const data = files ? await dataIdentity(files.reference, files.current) : { reference: null, current: null };
    const shown = this.state.get<string[]>(SHOWN_ALERTS_KEY, []);
    const fresh = newHighAlerts(report, data, new Set(shown));
    if (fresh.length === 0) return;
    await this.state.update(SHOWN_ALERTS_KEY, [...shown, ...fresh.map(({ fingerprint }) => fingerprint)].slice(-REMEMBERED));
    const name = path.posix.basename(configUri);
    const answer = await this.ui.warn(alertNotificationText(decodeURIComponent(name), fresh.map(({ alert }) => alert)), OPEN_REPORT);
    if (answer === OPEN_REPORT) await this.ui.openReport(configUri);
  }
}

/** The stored password as the server's setting ('' when none is stored). */
export async function notificationPasswordSetting(secrets: Pick<SecretStorage, 'get'>): Promise<Pick<ServerSettings, 'notificationPassword'>> {
  return { notificationPassword: (await secrets.get(NOTIFICATION_PASSWORD_KEY)) ?? '' };
}

/**
 * "Drift Monitor: Set Notification Password": asks for the SMTP password (hidden as typed) and
 * stores it, or removes the stored one when left empty. What it answers the user.
 */
export async function setNotificationPassword(secrets: Pick<SecretStorage, 'store' | 'delete'>, ask: (options: InputBoxOptions) => Thenable<string | undefined>): Promise<string | undefined> {
  const password = await ask({
    title: 'Drift Monitor: Set Notification Password',
    prompt: 'The SMTP password for notifications.email (used instead of the variable password_env names). Leave empty to remove the stored one.',
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return undefined;
  if (password === '') {
    await secrets.delete(NOTIFICATION_PASSWORD_KEY);
    return 'The stored notification password was removed.';
  }
  await secrets.store(NOTIFICATION_PASSWORD_KEY, password);
  return "Notification password stored in the editor's secret storage.";
}
