/**
 * In the editor, alerts leave the report panel in two ways besides the config's channels (which
 * the language server sends): a warning notification for each analysis with new high-severity
 * alerts, and the SMTP password kept in the editor's secret storage for the server's e-mail channel,
 * bound to the SMTP host and user it was saved for.
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
import type { EmailAccount, GetAlertFingerprintsParams } from '../../server/src/protocol/messages';

/** The workspaceState key of the fingerprints already shown, oldest first. */
export const SHOWN_ALERTS_KEY = 'driftMonitor.shownAlerts';
/** The most fingerprints remembered: old data's alerts do not come back. */
const REMEMBERED = 500;
export const OPEN_REPORT = 'Open Report';

/**
 * The SecretStorage key of the SMTP password of `account` ("Drift Monitor: Set Notification
 * Password"): one per host and user, so a password is only ever found for the account it was
 * saved for. Host names are compared without case, as DNS does; user names exactly.
 */
export function notificationPasswordKey({ host, user }: EmailAccount): string {
  return `driftMonitor.notificationPassword/${encodeURIComponent(host.trim().toLowerCase())}/${encodeURIComponent(user)}`;
}

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

/** The answer to the server's GET_NOTIFICATION_PASSWORD: the password stored for exactly this host and user, else null. */
export async function storedNotificationPassword(
  secrets: Pick<SecretStorage, 'get'>,
  account: EmailAccount,
): Promise<string | null> {
  if (typeof account?.host !== 'string' || typeof account.user !== 'string') return null;
  return (await secrets.get(notificationPasswordKey(account))) ?? null;
}

const TITLE = 'Drift Monitor: Set Notification Password';

/**
 * "Drift Monitor: Set Notification Password": the SMTP password (hidden as typed) of `account`,
 * the config's host and user (GET_EMAIL_ACCOUNT); without one, the host and user are asked first.
 * Stores it for that account, or removes the stored one when left empty. What it answers the user.
 */
export async function setNotificationPassword(
  secrets: Pick<SecretStorage, 'store' | 'delete'>,
  ask: (options: InputBoxOptions) => Thenable<string | undefined>,
  account?: EmailAccount | null,
): Promise<string | undefined> {
  const host =
    account?.host ??
    (
      await ask({
        title: TITLE,
        prompt: 'The SMTP host the password is for (notifications.email.host).',
        ignoreFocusOut: true,
      })
    )?.trim();
  if (!host) return undefined;
  const user =
    account?.user ??
    (await ask({ title: TITLE, prompt: `The user name to log in to ${host} as.`, ignoreFocusOut: true }))?.trim();
  if (!user) return undefined;
  const password = await ask({
    title: TITLE,
    prompt: `The SMTP password of ${user} at ${host}, given to that host only (used instead of the variable password_env names). Leave empty to remove the stored one.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return undefined;
  const key = notificationPasswordKey({ host, user });
  if (password === '') {
    await secrets.delete(key);
    return `The stored notification password of ${user} at ${host} was removed.`;
  }
  await secrets.store(key, password);
  return `Notification password of ${user} at ${host} stored in the editor's secret storage.`;
}
