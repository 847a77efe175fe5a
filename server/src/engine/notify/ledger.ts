/**
 * What each channel has sent: `.drift-monitor/notified.json` next to the config, per channel a
 * map from alert fingerprint to when it was sent. Written atomically (a temporary file renamed
 * over it), so a crash never leaves half a file; each write merges into what is there by then.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export type ChannelName = 'webhook' | 'email';

export interface Ledger {
  version: 1;
  channels: Partial<Record<ChannelName, Record<string, string>>>;
}

/** The most recent fingerprints kept per channel: older alerts are long superseded by new data. */
const KEPT_PER_CHANNEL = 1000;

export function ledgerPath(configPath: string): string {
  return path.join(path.dirname(configPath), '.drift-monitor', 'notified.json');
}

/** The ledger at `file`; empty when there is none yet. Throws when it cannot be read or is not a ledger. */
export async function readLedger(file: string): Promise<Ledger> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger();
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isLedger(value)) throw new Error(`${file} is not a list of sent alerts (not JSON of the expected shape)`);
  return value;
}

export function wasSent(ledger: Ledger, channel: ChannelName, fingerprint: string): boolean {
  return ledger.channels[channel]?.[fingerprint] !== undefined;
}

/** Runs of one process writing the same ledger wait for each other, so none loses another's record. */
const lastWrite = new Map<string, Promise<void>>();

/** Adds `fingerprints` as sent on `channel` at `sentAt`. A ledger that cannot be read is started afresh. */
export function recordSent(file: string, channel: ChannelName, fingerprints: string[], sentAt: string): Promise<void> {
  const write = (lastWrite.get(file) ?? Promise.resolve()).then(async () => {
    const ledger = await readLedger(file).catch(() => emptyLedger());
    const sent = { ...ledger.channels[channel] };
    for (const fingerprint of fingerprints) {
      // Re-sent alerts move to the end: the oldest are the ones dropped.
      delete sent[fingerprint];
      sent[fingerprint] = sentAt;
    }
    ledger.channels[channel] = Object.fromEntries(Object.entries(sent).slice(-KEPT_PER_CHANNEL));
    await writeAtomically(file, JSON.stringify(ledger, null, 2) + '\n');
  });
  lastWrite.set(
    file,
    write.catch(() => undefined),
  );
  return write;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new Error(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
}

function emptyLedger(): Ledger {
  return { version: 1, channels: {} };
}

function isLedger(value: unknown): value is Ledger {
  if (typeof value !== 'object' || value === null) return false;
  const { version, channels } = value as Partial<Ledger>;
  return (
    version === 1 &&
    typeof channels === 'object' &&
    channels !== null &&
    Object.values(channels).every((sent) => typeof sent === 'object' && sent !== null)
  );
}
