/**
 * Only regular files are read: a named pipe given as a data file, a config or a run history
 * once blocked its read forever. Each reader now names what the path is instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/engine/config/load';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { readTable } from '../../../src/engine/data/readTable';
import { readHistory } from '../../../src/engine/history/historyFile';

const scratch = mkdtempSync(join(tmpdir(), 'drift-file-kind-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const pipe = join(scratch, 'pipe.csv');
execFileSync('mkfifo', [pipe]);

// A failing test here would hang on the pipe: vitest's timeout ends it.
describe('a named pipe', () => {
  it('as a data file: the run says so', async () => {
    await expect(readTable(pipe, { displayPath: 'pipe.csv', kinds: new Map(), requiredColumns: [] })).rejects.toThrow(
      'pipe.csv is a named pipe, not a CSV file.',
    );
  });

  it('as a data file the editor checks: its header says so', async () => {
    expect(await new CsvHeaderCache().get(pipe)).toEqual({ ok: false, error: 'is a named pipe' });
  });

  it('as the config', async () => {
    await expect(loadConfig(pipe, 'drift.yaml')).rejects.toThrow('drift.yaml is a named pipe, not a file.');
  });

  it('as the run history', async () => {
    await expect(readHistory(pipe, () => 1)).rejects.toThrow(`${pipe} is a named pipe, not a file.`);
  });
});

describe('a device', () => {
  it('is named as one', async () => {
    await expect(
      readTable('/dev/zero', { displayPath: '/dev/zero', kinds: new Map(), requiredColumns: [] }),
    ).rejects.toThrow('/dev/zero is a device, not a CSV file.');
  });
});
