/** A history file the CLI may not write, or did not make: the analysis is printed all the same, with a warning, and the file is left as it was. */
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSqlite } from '../engine/history/scratch';
import { runCli } from './runCli';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;

function project(): { dir: string; config: string; history: string } {
  const dir = mkdtempSync(join(tmpdir(), 'drift-cli-history-'));
  const config = join(dir, 'drift.yaml');
  writeFileSync(
    config,
    `reference: ${join(demo, 'reference.csv')}\ncurrent: ${join(demo, 'current.csv')}\nhistory:\n  path: history.sqlite\n`,
  );
  return { dir, config, history: join(dir, 'history.sqlite') };
}

describe('drift-monitor analyze with a history it must leave alone', () => {
  it('a read-only history.sqlite: the summary, a warning naming it, and the file and its mode as they were', async () => {
    const { config, history } = project();
    expect((await runCli(['analyze', config, '--no-notify', '--quiet'])).code).toBe(0);
    chmodSync(history, 0o444);
    const before = readFileSync(history);
    const { code, stdout, stderr } = await runCli(['analyze', config, '--no-notify']);
    expect(code).toBe(0);
    expect(stdout).toContain('input features drifted');
    expect(stderr).toContain(
      `drift-monitor: warning: the run was not recorded in the run history: ${history} is read-only; it is left as it is`,
    );
    expect(readFileSync(history).equals(before)).toBe(true);
    expect(statSync(history).mode & 0o777).toBe(0o444);
  });

  it("another program's empty SQLite database: the summary, a warning, and the file as it was", async () => {
    const { config, history } = project();
    await writeSqlite(history, 'CREATE TABLE t (x); DROP TABLE t;');
    const before = readFileSync(history);
    const { code, stdout, stderr } = await runCli(['analyze', config, '--no-notify']);
    expect(code).toBe(0);
    expect(stdout).toContain('input features drifted');
    expect(stderr).toContain(`${history} is an SQLite database, but not a Drift Monitor run history`);
    expect(readFileSync(history).equals(before)).toBe(true);
  });
});
