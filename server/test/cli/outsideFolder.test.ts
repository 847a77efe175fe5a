/**
 * The CLI runs the config its user chose, as make runs a Makefile, and says what it reaches
 * beyond the config's folder: every data file outside it is named in the summary.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const demo = new URL('../../../test-fixtures/demo/', import.meta.url).pathname;

/** The demo's config in `<tmp>/monitor/`, reading its reference from `<tmp>/outside/` and its current data beside it. */
function configReadingOutside(): { dir: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'drift-outside-'));
  mkdirSync(join(dir, 'outside'));
  mkdirSync(join(dir, 'monitor'));
  copyFileSync(join(demo, 'reference.csv'), join(dir, 'outside', 'reference.csv'));
  copyFileSync(join(demo, 'current.csv'), join(dir, 'monitor', 'current.csv'));
  const text = readFileSync(join(demo, 'drift.yaml'), 'utf8').replace(
    'reference: reference.csv',
    'reference: ../outside/reference.csv',
  );
  const configPath = join(dir, 'monitor', 'drift.yaml');
  writeFileSync(configPath, text);
  return { dir, configPath };
}

describe('the summary names what the run read outside the config folder', () => {
  it('prints each data file outside the folder in full, and none inside it', async () => {
    const { dir, configPath } = configReadingOutside();
    const run = await runCli(['analyze', configPath, '--no-history', '--no-notify']);
    expect(run.code).toBe(0);
    const outside = run.stdout.split('\n').filter((line) => line.startsWith('outside'));
    expect(outside).toEqual([`outside the config's folder: reference ${join(dir, 'outside', 'reference.csv')}`]);
  });

  it('prints no such line for a config that reads only its own folder', async () => {
    const run = await runCli(['analyze', join(demo, 'drift.yaml'), '--no-history', '--no-notify']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('outside');
  });
});
