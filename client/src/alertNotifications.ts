/**
 * In the editor, alerts leave the report panel in two ways besides the config's channels (which
 * the language server sends): a warning notification for each analysis with new high-severity
 * alerts, and the SMTP password kept in the editor's secret storage for the server's e-mail channel.
 *
 * "New" is per workspace: an alert is remembered (in workspaceState) by the fingerprint the
 * server's channels use, the alert together with the identity of the reference and current files,
 * so the same alert on the same data is shown once; the server makes the fingerprints
 * (GET_ALERT_FINGERPRINTS). No `vscode` import at run time (types only): the extension passes in
 * what it needs, and the unit tests run it outside the editor.
 */
import * as path from 'node:path';
import type { InputBoxOptions, Memento, SecretStorage } from 'vscode';
import type { Alert, Report } from '../../server/src/protocol/report';
import type { GetAlertFingerprintsParams, ServerSettings } from '../../server/src/protocol/messages';

/** The workspaceState key of the fingerprints already shown, oldest first. */
export const SHOWN_ALERTS_KEY = 'driftMonitor.shownAlerts';
/** The most fingerprints remembered: old data's alerts do not come back. */
const REMEMBERED = 500;
export const OPEN_REPORT = 'Open Report';

/** The SecretStorage key of the SMTP password ("Drift Monitor: Set Notification Password"). */
export const NOTIFICATION_PASSWORD_KEY = 'driftMonitor.notificationPassword';

/** The high alerts of a report. */
export function highAlerts(report: Report): Alert[] {
  return report.alerts.filter((alert) => alert.severity === 'high');
}

/** The `alerts` whose fingerprints (in the same order) are not among the `shown` ones, each with its fingerprint. */
export function newAlerts(
  alerts: readonly Alert[],
  fingerprints: readonly string[],
  shown: ReadonlySet<string>,
): { alert: Alert; fingerprint: string }[] {
  return alerts
    .map((alert, i) => ({ alert, fingerprint: fingerprints[i]! }))
    .filter(({ fingerprint }) => !shown.has(fingerprint));
}

/** "Drift Monitor: 2 new high alerts in drift.yaml: 'income' drifted: … (and 1 more)". */
export function alertNotificationText(configName: string, alerts: Alert[]): string {
  const count = alerts.length === 1 ? 'a new high alert' : `${alerts.length} new high alerts`;
  const more = alerts.length > 1 ? ` (and ${alerts.length - 1} more)` : '';
  return `Drift Monitor: ${count} in ${configName}: ${alerts[0]!.message}${more}`;
}

export interface AlertNotificationUi {
  /** window.showWarningMessage */
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  /** Opens (or reveals) the report panel of the config. */
  openReport(configUri: string): unknown;
  /** The server's GET_ALERT_FINGERPRINTS. */
  fingerprints(params: GetAlertFingerprintsParams): Promise<string[]>;
}

export class AlertNotifications {
  constructor(
    private readonly state: Memento,
    private readonly ui: AlertNotificationUi,
  ) {}

  /** After each finished analysis: a warning with "Open Report" when it has high alerts not shown before. */
  async analysisFinished(configUri: string, report: Report): Promise<void> {
    const alerts = highAlerts(report);
    if (alerts.length === 0) return;
    const fingerprints = await this.ui.fingerprints({
      uri: configUri,
      reference: report.reference.path,
      current: report.current.path,
      alerts,
    });
    const shown = this.state.get<string[]>(SHOWN_ALERTS_KEY, []);
    const fresh = newAlerts(alerts, fingerprints, new Set(shown));
    if (fresh.length === 0) return;
    await this.state.update(
      SHOWN_ALERTS_KEY,
      [...shown, ...fresh.map(({ fingerprint }) => fingerprint)].slice(-REMEMBERED),
    );
    const name = path.posix.basename(configUri);
    const answer = await this.ui.warn(
      alertNotificationText(
        decodeURIComponent(name),
        fresh.map(({ alert }) => alert),
      ),
      OPEN_REPORT,
    );
    if (answer === OPEN_REPORT) await this.ui.openReport(configUri);
  }
}

/** The stored password as the server's setting ('' when none is stored). */
export async function notificationPasswordSetting(
  secrets: Pick<SecretStorage, 'get'>,
): Promise<Pick<ServerSettings, 'notificationPassword'>> {
  return { notificationPassword: (await secrets.get(NOTIFICATION_PASSWORD_KEY)) ?? '' };
}

/**
 * "Drift Monitor: Set Notification Password": asks for the SMTP password (hidden as typed) and
 * stores it, or removes the stored one when left empty. What it answers the user.
 */
export async function setNotificationPassword(
  secrets: Pick<SecretStorage, 'store' | 'delete'>,
  ask: (options: InputBoxOptions) => Thenable<string | undefined>,
): Promise<string | undefined> {
  const password = await ask({
    title: 'Drift Monitor: Set Notification Password',
    prompt:
      'The SMTP password for notifications.email (used instead of the variable password_env names). Leave empty to remove the stored one.',
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
