/**
 * GET_ALERT_FINGERPRINTS: the identity by which the editor remembers the high alerts it has shown,
 * the same as the alert channels' (engine/notify/fingerprint.ts): the alert with the content of the
 * report's reference and current files.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { alertFingerprint, dataIdentity } from '../engine/notify/fingerprint';
import { GET_ALERT_FINGERPRINTS, type GetAlertFingerprintsParams } from '../protocol/messages';

/**
 * The data files of a report: written relative to the config in the report, resolved next to it.
 * An unsaved config has no folder; its files are then unknown, and only the alerts identify themselves.
 */
export function reportFiles(
  configUri: string,
  written: { reference: string; current: string },
): { reference: string; current: string } | undefined {
  if (!configUri.startsWith('file:')) return undefined;
  const folder = path.dirname(fileURLToPath(configUri));
  return { reference: path.resolve(folder, written.reference), current: path.resolve(folder, written.current) };
}

export async function alertFingerprints({
  uri,
  reference,
  current,
  alerts,
}: GetAlertFingerprintsParams): Promise<string[]> {
  const files = reportFiles(uri, { reference, current });
  const data = files ? await dataIdentity(files.reference, files.current) : { reference: null, current: null };
  return alerts.map((alert) => alertFingerprint(alert, data));
}

export function handleAlertFingerprints(connection: Connection): void {
  connection.onRequest(GET_ALERT_FINGERPRINTS, alertFingerprints);
}
