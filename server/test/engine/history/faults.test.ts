/** Files that are not a history, locks left behind, and writers that overlap. */
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAudit, recordAudit } from '../../../src/engine/history/audit';
import { fileSystem } from '../../../src/engine/history/fileSystem';
import { withLock } from '../../../src/engine/history/lock';
import { InputError } from '../../../src/engine/inputError';
import { scratchFolder, writeSqlite } from './scratch';
import type { AuditEntry } from '../../../src/protocol/report';

const folder = scratchFolder('faults');
const entry = (reason: string): AuditEntry => ({
  startedAt: new Date().toISOString(),
  reason,
  command: 'python train.py',
  cwd: folder,
  exitCode: 0,
  durationMs: 10,
  trigger: 'cli',
});

/** The InputError `attempt` rejects with; fails the test when it resolves or rejects otherwise. */
async function inputError(attempt: Promise<unknown>): Promise<InputError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('a file that is not a readable history', () => {
  it('a corrupt file: an InputError naming it, for writes and reads, and the file left as it was', async () => {
    const file = path.join(folder, 'corrupt.sqlite');
    writeFileSync(file, 'reference,current\n1,2\n'.repeat(200));
    const before = readFileSync(file);
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toMatch(
      new RegExp(`^${escape(file)} is not a readable SQLite database \\(.+\\); it is left as it is`),
    );
    expect(error.location.file).toBe(file);
    await inputError(readAudit(file));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a damaged history (cut short): an InputError naming it, and the file left as it was', async () => {
    const file = path.join(folder, 'cut.sqlite');
    for (let i = 0; i < 30; i++) await recordAudit(file, entry('x'.repeat(2000)));
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const before = readFileSync(file);
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toContain(`${file} is not a readable SQLite database`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("another program's SQLite database: an InputError saying so, and the file left as it was", async () => {
    const file = path.join(folder, 'foreign.sqlite');
    await writeSqlite(
      file,
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada');",
    );
    const before = readFileSync(file);
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toBe(
      `${file} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`,
    );
    await inputError(readAudit(file));
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('a file we did not make, or may not write', () => {
  it('an SQLite database with no tables (made for something else): an InputError saying so, and the file left as it was', async () => {
    const file = path.join(folder, 'blank.sqlite');
    await writeSqlite(file, 'CREATE TABLE t (x); DROP TABLE t;');
    const before = readFileSync(file);
    expect(before.length).toBeGreaterThan(0);
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toBe(
      `${file} is an SQLite database, but not a Drift Monitor run history; set history.path to another file.`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder).filter((name) => name.startsWith('blank.sqlite.'))).toEqual([]);
  });

  it('a read-only history in a writable folder: an InputError saying so, and the file and its mode left as they were', async () => {
    const file = path.join(folder, 'read-only.sqlite');
    await recordAudit(file, entry('before'));
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toBe(
      `${file} is read-only; it is left as it is, and the run is not recorded in it: make it writable, or set history.path to another file.`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect((await readAudit(file)).map((e) => e.reason)).toEqual(['before']);
  });

  it('a history written again keeps its mode', async () => {
    const file = path.join(folder, 'private.sqlite');
    await recordAudit(file, entry('first'));
    chmodSync(file, 0o600);
    const { uid, gid } = statSync(file);
    await recordAudit(file, entry('second'));
    expect(statSync(file)).toMatchObject({ uid, gid });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await readAudit(file)).map((e) => e.reason)).toEqual(['first', 'second']);
  });
});

describe('writers at the same time', () => {
  it('all land: twenty recordings started together are all in the file', async () => {
    const file = path.join(folder, 'busy.sqlite');
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(file, entry(`writer ${i}`))));
    expect((await readAudit(file)).map((e) => e.reason).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `writer ${i}`).sort(),
    );
  });

  it('all land from separate processes: three processes writing ten entries each', async () => {
    // The audit module bundled as the CLI is, with sql.js's .wasm beside it, for child processes to load.
    const bundle = path.join(folder, 'audit.cjs');
    await esbuild.build({
      entryPoints: [new URL('../../../src/engine/history/audit.ts', import.meta.url).pathname],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    copyFileSync(
      new URL('../../../../node_modules/sql.js/dist/sql-wasm.wasm', import.meta.url).pathname,
      path.join(folder, 'sql-wasm.wasm'),
    );
    const file = path.join(folder, 'processes.sqlite');
    const writer = (n: number) =>
      `const { recordAudit } = require(${JSON.stringify(bundle)});
      (async () => { for (let i = 0; i < 10; i++) await recordAudit(${JSON.stringify(file)}, { startedAt: new Date().toISOString(), reason: 'process ${n} entry ' + i, command: 'c', cwd: '/', exitCode: 0, durationMs: 1, trigger: 'auto' }); })();`;
    await Promise.all([1, 2, 3].map((n) => promisify(execFile)(process.execPath, ['-e', writer(n)])));
    const reasons = (await readAudit(file)).map((e) => e.reason);
    expect(reasons.sort()).toEqual(
      [1, 2, 3].flatMap((n) => Array.from({ length: 10 }, (_, i) => `process ${n} entry ${i}`)).sort(),
    );
  });

  it('a writer waits for the lock and goes on once it is released', async () => {
    const lock = path.join(folder, 'wait.lock');
    const order: string[] = [];
    let release!: () => void;
    const first = withLock(
      lock,
      () => new Promise<void>((resolve) => (release = () => (order.push('first done'), resolve()))),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = withLock(lock, async () => void order.push('second ran'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second ran']);
  });

  it('a lock held too long makes a writer give up with a message naming the lock file', async () => {
    const lock = path.join(folder, 'held.lock');
    // Held by a live process: this one.
    writeFileSync(lock, `${process.pid} ${hostname()} ${new Date().toISOString()}\n`);
    const error = await inputError(withLock(lock, async () => 'ran', { timeout: 300 }));
    expect(error.message).toBe(`${lock} is held by another run; if none is running, delete it.`);
  });

  it('a stale lock, left by a run that died, is taken over', async () => {
    const file = path.join(folder, 'stale.sqlite');
    writeFileSync(`${file}.lock`, '999999 2026-01-01T00:00:00.000Z\n');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, longAgo, longAgo);
    await recordAudit(file, entry('after a crash'));
    expect((await readAudit(file)).map((e) => e.reason)).toEqual(['after a crash']);
  });

  it('a fresh lock whose process was killed (kill -9 mid-write) is taken over at once', async () => {
    const lock = path.join(folder, 'killed.lock');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => child.once('spawn', resolve));
    writeFileSync(lock, `${child.pid} ${hostname()} ${new Date().toISOString()}\n`);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // Well under the 30 s after which any lock is stale: only a dead holder lets this writer in.
    expect(await withLock(lock, async () => 'ran', { timeout: 1000 })).toBe('ran');
    expect(existsSync(lock)).toBe(false);
  });

  it("a fresh lock of another host's process is waited for, as its process cannot be seen from here", async () => {
    const lock = path.join(folder, 'other-host.lock');
    writeFileSync(lock, `999999 elsewhere.example ${new Date().toISOString()}\n`);
    const error = await inputError(withLock(lock, async () => 'ran', { timeout: 300 }));
    expect(error.message).toBe(`${lock} is held by another run; if none is running, delete it.`);
  });
});

describe("a full disk (ENOSPC, injected into the history's file system calls)", () => {
  afterEach(() => vi.restoreAllMocks());
  const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

  it('while writing the lock: the lock is removed, and the message says the disk is full', async () => {
    const file = path.join(folder, 'full-lock.sqlite');
    const realOpen = fileSystem.open;
    vi.spyOn(fileSystem, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const handle = await realOpen(...args);
      handle.writeFile = () => Promise.reject(diskFull());
      return handle;
    });
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toBe(`Cannot create the lock file ${file}.lock: the disk is full (ENOSPC).`);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('while writing the history: the lock is released, the file is left as it was, and the message says the disk is full', async () => {
    const file = path.join(folder, 'full-history.sqlite');
    await recordAudit(file, entry('before'));
    const before = readFileSync(file);
    vi.spyOn(fileSystem, 'writeFile').mockRejectedValue(diskFull());
    const error = await inputError(recordAudit(file, entry('drift')));
    expect(error.message).toBe(
      `Cannot write the run history ${file}: the disk is full (ENOSPC); it is left as it was.`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder).filter((name) => name.startsWith('full-history.sqlite.'))).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
