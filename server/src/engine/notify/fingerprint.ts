/**
 * "The same alert on the same data": an alert's identity (kind, subject, severity, message)
 * together with the identity of the reference and current files it came from. The language
 * server's channels and the editor's own notifications both remember alerts by it.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileSha256 } from '../history/fileHash';
import type { Alert } from '../../protocol/report';

/** Files up to this size are known by their content; larger ones by size and modification time (hashing gigabytes would outlast the analysis). */
const HASHED_UP_TO_BYTES = 100 * 1024 * 1024;

/** What a data file held when the alert was made; null when it cannot be read. */
export type FileIdentity = string | null;

export interface DataIdentity {
  reference: FileIdentity;
  current: FileIdentity;
}

export async function fileIdentity(file: string): Promise<FileIdentity> {
  try {
    const info = await stat(file);
    if (info.size > HASHED_UP_TO_BYTES) return `${info.size} bytes, modified ${info.mtimeMs}`;
    return `sha256:${await fileSha256(file)}`;
  } catch {
    return null;
  }
}

export async function dataIdentity(reference: string, current: string): Promise<DataIdentity> {
  const [ref, cur] = await Promise.all([fileIdentity(reference), fileIdentity(current)]);
  return { reference: ref, current: cur };
}

export function alertFingerprint(alert: Alert, data: DataIdentity): string {
  const identity = JSON.stringify([
    alert.kind,
    alert.subject,
    alert.severity,
    alert.message,
    data.reference,
    data.current,
  ]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
