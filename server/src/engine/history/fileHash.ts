/**
 * The SHA-256 of a data file, read as a stream in chunks so that a file of many GB
 * takes constant memory. It is one more read of the file after the analysis, at disk
 * speed; recordRun skips it when an earlier run recorded the same file unchanged.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function textSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
